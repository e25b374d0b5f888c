"""Personal data (RGPD): what a student's account holds, as a download; deleting the account and
what it owns; deleting anonymous practice nobody came back to (`manage.py purge_expired`).

What belongs to an account: the user (username, optional first name, hashed password), their
enrolments, their practice (attempts owned `user:<id>` with their items, review cards) and their
`StudentAccount`. Live players are pseudonymous and belong to the teacher's session: they are not
linked to an account, so they are neither exported nor deleted with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from calculators.kpis import KPIS_BY_SLUG
from quiz.models import Attempt, AttemptItem, Enrolment, Player, ReviewCard, StudentAccount

ANONYMOUS_PREFIX = "session:"


def retention_days() -> int:
    """How long anonymous practice is kept after it was last touched (`ANONYMOUS_RETENTION_DAYS`)."""
    return int(getattr(settings, "ANONYMOUS_RETENTION_DAYS", 365))


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _question(kpi_slug: str, stem: str | None) -> str:
    if kpi_slug:
        kpi = KPIS_BY_SLUG.get(kpi_slug)
        return f"Exercice\u00a0: {kpi.name}" if kpi else f"Exercice\u00a0: {kpi_slug}"
    return stem or "Question de cours (retirée depuis)"


def _item(item: AttemptItem) -> dict[str, Any]:
    stem = item.concept_question.stem if item.concept_question else None
    return {
        "position": item.position,
        "kpi": item.kpi_slug,
        "question": _question(item.kpi_slug, stem),
        "difficulty": item.difficulty,
        "answer": item.answer,
        "chosen_option_ids": item.chosen_option_ids,
        "verdict": item.verdict,
        "diagnosis": item.diagnosis,
        "answered_at": _when(item.answered_at),
    }


def account_data(*, user: User, now: datetime) -> dict[str, Any]:
    """Everything the app keeps about this account, as JSON-ready values (the exercises' seeds
    stay out: they are how the server draws the numbers, not data about the student)."""
    owner = f"user:{user.pk}"
    temporary = StudentAccount.objects.filter(user=user, must_change_password=True).exists()
    enrolments = Enrolment.objects.filter(student=user).select_related("school_class__teacher")
    attempts = (
        Attempt.objects.filter(owner=owner)
        .select_related("quiz")
        .prefetch_related("items__concept_question")
        .order_by("created_at", "id")
    )
    cards = (
        ReviewCard.objects.filter(owner=owner)
        .select_related("concept_question")
        .order_by("item_key")
    )
    return {
        "exported_at": now.isoformat(),
        "account": {
            "username": user.get_username(),
            "first_name": user.first_name,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
            "password": "enregistré haché (chiffré sans retour)\u00a0: personne ne peut le lire",
            "temporary_password": temporary,
        },
        "classes": [
            {
                "name": enrolment.school_class.name,
                "school_year": enrolment.school_class.school_year,
                "teacher": enrolment.school_class.teacher.get_full_name()
                or enrolment.school_class.teacher.get_username(),
                "joined_at": _when(enrolment.joined_at),
            }
            for enrolment in enrolments
        ],
        "attempts": [
            {
                "id": str(attempt.pk),
                "scope": attempt.scope,
                "scope_value": attempt.scope_value,
                "quiz": attempt.quiz.title if attempt.quiz else None,
                "created_at": _when(attempt.created_at),
                "items": [_item(item) for item in attempt.items.all()],
            }
            for attempt in attempts
        ],
        "live_games": [
            {
                "quiz": player.session.quiz.title,
                "pseudo": player.pseudo,
                "joined_at": _when(player.joined_at),
                "answers": [
                    {
                        "question": answer.question_index + 1,
                        "answer": answer.answer,
                        "verdict": answer.verdict,
                        "diagnosis": answer.diagnosis,
                        "points": answer.points,
                        "answered_at": _when(answer.answered_at),
                    }
                    for answer in player.answers.all()
                ],
            }
            for player in Player.objects.filter(user=user)
            .select_related("session__quiz")
            .prefetch_related("answers")
            .order_by("joined_at", "id")
        ],
        "review_cards": [
            {
                "item": card.item_key,
                "kpi": card.kpi_slug,
                "question": _question(
                    card.kpi_slug, card.concept_question.stem if card.concept_question else None
                ),
                "box": card.box,
                "due_at": _when(card.due_at),
                "correct_count": card.correct_count,
                "wrong_count": card.wrong_count,
                "updated_at": _when(card.updated_at),
            }
            for card in cards
        ],
    }


@dataclass(frozen=True)
class Deleted:
    attempts: int
    review_cards: int
    enrolments: int
    live_players: int = 0


@transaction.atomic
def account_delete(*, user: User) -> Deleted:
    """The account and everything it owns: practice (attempts and their items, review cards),
    enrolments, the account's flags. Nobody else's rows are touched."""
    owner = f"user:{user.pk}"
    enrolments = Enrolment.objects.filter(student=user).count()
    _, attempts = Attempt.objects.filter(owner=owner).delete()
    _, cards = ReviewCard.objects.filter(owner=owner).delete()
    _, live = Player.objects.filter(user=user).delete()  # their live games' players and answers
    user.delete()  # cascades to the enrolments and the StudentAccount
    return Deleted(
        attempts=attempts.get("quiz.Attempt", 0),
        review_cards=cards.get("quiz.ReviewCard", 0),
        enrolments=enrolments,
        live_players=live.get("quiz.Player", 0),
    )


@dataclass(frozen=True)
class Purged:
    attempts: int
    items: int
    review_cards: int


@transaction.atomic
def anonymous_purge(*, now: datetime, days: int) -> Purged:
    """Anonymous practice not touched for `days`: attempts created before the cutoff with no
    answer since (their items go with them), review cards not updated since. Accounts' practice
    is never concerned."""
    cutoff = now - timedelta(days=days)
    stale = Attempt.objects.filter(owner__startswith=ANONYMOUS_PREFIX, created_at__lt=cutoff)
    stale = stale.exclude(items__answered_at__gte=cutoff)
    _, attempts = stale.delete()
    _, cards = ReviewCard.objects.filter(
        owner__startswith=ANONYMOUS_PREFIX, updated_at__lt=cutoff
    ).delete()
    return Purged(
        attempts=attempts.get("quiz.Attempt", 0),
        items=attempts.get("quiz.AttemptItem", 0),
        review_cards=cards.get("quiz.ReviewCard", 0),
    )
