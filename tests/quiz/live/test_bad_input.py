"""Every live endpoint, fed what phones and curious students send: never a 500, never raw HTML."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from quiz.live import sessions
from quiz.models import LiveAnswer
from tests.factories import numeric_and_concept_quiz
from tests.hostile import NASTY, check, on_the_wire

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()  # wrong PINs are counted per client: each case starts with none


@pytest.fixture
def session(course, teacher):
    return sessions.session_create(
        quiz=numeric_and_concept_quiz(title="Direct"), owner=teacher, pacing="eleve"
    )


@pytest.mark.parametrize("value", NASTY)
def test_student_endpoints_survive_any_value(session, teacher_client, value):
    student = Client()
    check(student.get("/rejoindre/", {"pin": value}))
    check(student.post("/rejoindre/", {"pin": value, "pseudo": "Léa"}))
    check(student.post("/rejoindre/", {"pin": session.pin, "pseudo": value}))
    student = Client()
    assert student.post("/rejoindre/", {"pin": session.pin, "pseudo": "Tom"}).status_code == 302
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "advance"})
    check(student.get("/session/etat/", HTTP_IF_NONE_MATCH=on_the_wire(value), **HTMX))
    check(student.post("/session/suivante/", {"from": value}, **HTMX))
    check(
        student.post(
            "/session/repondre/", {"answer": value, "choice": [value, "2"], "question": 0}, **HTMX
        )
    )
    check(
        student.post("/session/repondre/", {"answer": value, "question": 0}, **HTMX)
    )  # double submit
    check(student.post("/session/suivante/", {"from": value}, **HTMX))
    assert LiveAnswer.objects.count() <= 1
    student.cookies["ndrc_player"] = on_the_wire(value)
    check(student.get("/session/"))
    check(student.get("/session/etat/", **HTMX))
    check(student.post("/session/repondre/", {"answer": "1", "question": 0}, **HTMX))


@pytest.mark.parametrize("value", NASTY)
def test_teacher_endpoints_survive_any_value(session, teacher_client, value):
    check(teacher_client.get("/animer/", {"quiz": value}))
    fields = ["quiz", "scoring", "pacing", "streak_bonus", "per_student_numbers", "extra_time"]
    check(teacher_client.post("/animer/lancer/", dict.fromkeys(fields, value)))
    check(teacher_client.post(f"/animer/{session.pk}/action/", {"action": value}, **HTMX))
    check(teacher_client.get(f"/animer/{session.pk}/etat/", HTTP_IF_NONE_MATCH=on_the_wire(value)))
    check(teacher_client.get(f"/animer/{session.pk}/resultats/", {"format": value}))


@pytest.mark.parametrize("path", ["/animer/{}/", "/animer/{}/etat/", "/animer/{}/resultats/"])
def test_session_numbers_beyond_any_database_integer_are_not_found(teacher_client, path):
    assert teacher_client.get(path.format("9" * 30)).status_code == 404
