"""The teacher space and the accounts fed what curious students send: never a 500, never markup."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.hostile import NASTY, check, on_the_wire
from tests.quiz.teaching.conftest import signed_up

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", NASTY)
def test_account_forms_survive_any_value(school_class, value):
    fields = ("class_code", "username", "first_name", "password1", "password2")
    for field in fields:
        data = dict.fromkeys(fields, "abc") | {field: value}
        check(Client().post("/compte/inscription/", data))
    check(Client().get("/compte/inscription/", {"code": value}))
    check(
        Client().post("/compte/connexion/", {"username": value, "password": value, "next": value})
    )
    check(Client().get("/compte/connexion/", {"next": value}))
    student = signed_up(school_class)
    check(student.post("/compte/", {"class_code": value}))
    check(
        student.post(
            "/compte/mot-de-passe/",
            {"old_password": value, "new_password1": value, "new_password2": value},
        )
    )
    student.cookies["sessionid"] = on_the_wire(value)
    check(student.get("/compte/"))


@pytest.mark.parametrize("value", NASTY)
def test_teacher_forms_survive_any_value(teacher_client, school_class, value):
    check(teacher_client.post("/enseignant/classes/", {"name": value, "school_year": value}))
    check(teacher_client.post("/enseignant/classes/", {"name": "Classe", "school_year": value}))
    base = f"/enseignant/classes/{school_class.pk}/"
    check(teacher_client.post(base + "retirer/", {"student": value}))
    check(teacher_client.post(base + "code/", {"x": value}))


def test_ids_out_of_range_are_not_found(teacher_client):
    for url in ("/enseignant/classes/99999999999999999999999/", "/enseignant/classes/0/"):
        assert teacher_client.get(url).status_code == 404


@pytest.mark.parametrize("value", NASTY)
def test_homework_forms_survive_any_value(course, teacher_client, school_class, value):
    from tests.factories import numeric_and_concept_quiz
    from tests.quiz.teaching.test_assignments import give

    quiz = numeric_and_concept_quiz(title="Q")
    fields = ("quiz", "opens_at", "due_at", "attempts", "correction", "late_work")
    good = {"quiz": quiz.pk, "opens_at": "2026-12-01T08:00", "due_at": "2026-12-08T18:00"}
    for field in fields:
        check(
            teacher_client.post(
                f"/enseignant/classes/{school_class.pk}/devoirs/nouveau/", good | {field: value}
            )
        )
    assignment = give(school_class, quiz)
    student = signed_up(school_class, "eleve")
    check(student.post(f"/devoirs/{assignment.pk}/commencer/", {"again": value}))
    for position in (1, 2):
        url = f"/devoirs/{assignment.pk}/{position}/"
        check(student.post(url, {"answer": value, "choice": [value]}, HTTP_HX_REQUEST="true"))
        check(student.get(url))
    check(student.get(f"/devoirs/{assignment.pk}/99/"))
    base = f"/enseignant/devoirs/{assignment.pk}/"
    for url in (base, base + "resultats.csv", base + "reponses.csv"):
        check(teacher_client.get(url, {"x": value}))
