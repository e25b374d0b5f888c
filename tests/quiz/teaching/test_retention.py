"""What the app forgets by itself (the purge of old anonymous practice) and what staff may only
read in the admin (answers and results)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from quiz.models import Attempt, AttemptItem, LiveAnswer, ReviewCard
from quiz.teaching import accounts
from tests.factories import (
    AttemptFactory,
    AttemptItemFactory,
    LiveSessionFactory,
    PlayerFactory,
    ReviewCardFactory,
    TeacherFactory,
)
from tests.quiz.teaching.conftest import practice_of, signed_up

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------------------------------
# The purge of forgotten anonymous practice
# --------------------------------------------------------------------------------------------------


def test_purge_deletes_old_anonymous_practice_only(school_class, settings):
    settings.ANONYMOUS_RETENTION_DAYS = 30
    now = timezone.now()
    old, recent = now - timedelta(days=31), now - timedelta(days=29)
    lea = User.objects.create_user("lea", password="x")

    def attempt(owner: str, created, answered=None) -> Attempt:
        made = AttemptFactory(owner=owner)
        Attempt.objects.filter(pk=made.pk).update(created_at=created)
        AttemptItemFactory(attempt=made, answered_at=answered)
        return made

    def card(owner: str, updated) -> ReviewCard:
        made = ReviewCardFactory(owner=owner)
        ReviewCard.objects.filter(pk=made.pk).update(updated_at=updated)
        return made

    forgotten = attempt("session:old", old, answered=old)
    never_answered = attempt("session:old2", old)
    came_back = attempt("session:back", old, answered=recent)
    fresh = attempt("session:new", recent)
    account_old = attempt(f"user:{lea.pk}", old, answered=old)
    old_card = card("session:old", old)
    fresh_card = card("session:new", recent)
    account_card = card(f"user:{lea.pk}", old)
    expired = Session.objects.create(
        session_key="a" * 32, session_data="x", expire_date=now - timedelta(days=1)
    )
    live = Session.objects.create(
        session_key="b" * 32, session_data="x", expire_date=now + timedelta(days=1)
    )

    out = io.StringIO()
    call_command("purge_expired", stdout=out)

    assert set(Attempt.objects.values_list("pk", flat=True)) == {
        came_back.pk,
        fresh.pk,
        account_old.pk,
    }
    assert not AttemptItem.objects.filter(attempt_id__in=[forgotten.pk, never_answered.pk])
    assert set(ReviewCard.objects.values_list("pk", flat=True)) == {fresh_card.pk, account_card.pk}
    assert not ReviewCard.objects.filter(pk=old_card.pk).exists()
    assert not Session.objects.filter(pk=expired.pk).exists()
    assert Session.objects.filter(pk=live.pk).exists()
    printed = out.getvalue()
    assert "30\u00a0jours" in printed
    assert "2 série(s) (2 question(s)), 1 fiche(s) de révision" in printed

    out = io.StringIO()
    call_command("purge_expired", stdout=out)  # nothing left to delete
    assert "0 série(s) (0 question(s)), 0 fiche(s)" in out.getvalue()


def test_the_retention_defaults_to_a_year():
    from django.conf import settings

    assert settings.ANONYMOUS_RETENTION_DAYS == 365


# --------------------------------------------------------------------------------------------------
# The admin: read-only
# --------------------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(db):
    client = Client()
    client.force_login(TeacherFactory(username="chef", superuser=True))
    return client


def test_results_are_read_only_in_the_admin(admin_client, teacher):
    lea = User.objects.create_user("lea", password="x")
    attempt = practice_of(lea)
    card = ReviewCard.objects.get()
    session = LiveSessionFactory(owner=teacher)
    player = PlayerFactory(session=session, pseudo="Zoé")
    answer = LiveAnswer.objects.create(
        session=session,
        player=player,
        question_index=0,
        verdict="correct",
        points=1000,
        answered_at=timezone.now(),
    )
    for model, pk in (
        ("attempt", attempt.pk),
        ("reviewcard", card.pk),
        ("livesession", session.pk),
        ("liveanswer", answer.pk),
    ):
        base = f"/admin/quiz/{model}/"
        assert admin_client.get(base).status_code == 200, model
        html = admin_client.get(f"{base}{pk}/change/").content.decode()
        assert 'name="_save"' not in html, model
        assert admin_client.get(f"{base}add/").status_code == 403, model
        assert admin_client.get(f"{base}{pk}/delete/").status_code == 403, model
        assert admin_client.post(f"{base}{pk}/delete/", {"post": "yes"}).status_code == 403
    html = admin_client.get(f"/admin/quiz/livesession/{session.pk}/change/").content.decode()
    assert "Zoé" in html and player.token not in html
    html = admin_client.get(f"/admin/quiz/attempt/{attempt.pk}/change/").content.decode()
    assert "12,5" in html
    assert Attempt.objects.filter(pk=attempt.pk).exists() and LiveAnswer.objects.exists()


def test_a_teacher_reads_only_their_students_and_sessions(school_class, teacher, other_teacher):
    teacher.groups.add(accounts.teachers_group())
    signed_up(school_class, "lea")
    lea = User.objects.get(username="lea")
    mine = practice_of(lea)
    stranger = practice_of(User.objects.create_user("zoe", password="x"))
    anonymous = AttemptFactory(owner="session:abc")
    my_session = LiveSessionFactory(owner=teacher)
    their_session = LiveSessionFactory(owner=other_teacher)
    client = Client()
    client.force_login(teacher)
    html = client.get("/admin/quiz/attempt/").content.decode()
    assert f"/admin/quiz/attempt/{mine.pk}/change/" in html
    assert f"/admin/quiz/attempt/{stranger.pk}/change/" not in html
    assert f"/admin/quiz/attempt/{anonymous.pk}/change/" not in html
    assert client.get(f"/admin/quiz/attempt/{stranger.pk}/change/").status_code == 302
    html = client.get("/admin/quiz/livesession/").content.decode()
    assert f"/admin/quiz/livesession/{my_session.pk}/change/" in html
    assert f"/admin/quiz/livesession/{their_session.pk}/change/" not in html
