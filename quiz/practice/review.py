"""The review boxes (Leitner): where each KPI and concept question stands for a student."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F

from quiz.engine.review import next_schedule, schedule_whatever_the_box
from quiz.models import AttemptItem, ReviewCard


def review_due_count(*, owner: str, now: datetime) -> int:
    return ReviewCard.objects.filter(owner=owner, due_at__lte=now).count()


def review_record(*, owner: str, item: AttemptItem, correct: bool, now: datetime) -> None:
    """Move the KPI or concept question in the owner's Leitner boxes.

    When the new place does not depend on the box (a wrong answer), an existing card is moved by
    one conditional UPDATE, without reading it first; otherwise it is read, locked, and saved."""
    key = f"kpi:{item.kpi_slug}" if item.is_numeric else f"concept:{item.concept_question_id}"
    fixed = schedule_whatever_the_box(correct, now)
    counter = "correct_count" if correct else "wrong_count"
    if fixed is None:
        card = ReviewCard.objects.select_for_update().filter(owner=owner, item_key=key).first()
    elif ReviewCard.objects.filter(owner=owner, item_key=key).update(
        box=fixed.box, due_at=fixed.due_at, updated_at=now, **{counter: F(counter) + 1}
    ):
        return
    else:
        card = None  # the UPDATE found no card: this is the item's first answer
    schedule = next_schedule(card.box if card else None, correct, now)
    if card is None:
        try:
            with transaction.atomic():
                ReviewCard.objects.create(
                    owner=owner,
                    item_key=key,
                    kpi_slug=item.kpi_slug,
                    concept_question_id=item.concept_question_id,
                    box=schedule.box,
                    due_at=schedule.due_at,
                    correct_count=int(correct),
                    wrong_count=int(not correct),
                )
            return
        except IntegrityError:  # created by a concurrent answer: update it instead
            card = ReviewCard.objects.select_for_update().get(owner=owner, item_key=key)
            schedule = next_schedule(card.box, correct, now)
    card.box, card.due_at = schedule.box, schedule.due_at
    if correct:
        card.correct_count += 1
    else:
        card.wrong_count += 1
    card.save(update_fields=["box", "due_at", "correct_count", "wrong_count", "updated_at"])
