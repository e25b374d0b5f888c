"""Classes and their join codes, the roster, and the teacher's pages."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from quiz.models import Enrolment, SchoolClass
from quiz.models.teaching import JOIN_CODE_ALPHABET
from quiz.teaching import classes
from tests.factories import AttemptFactory, AttemptItemFactory
from tests.quiz.teaching.conftest import student_in

pytestmark = pytest.mark.django_db


def test_join_codes_are_six_unambiguous_characters_and_unique(teacher):
    codes = {classes.class_create(teacher=teacher, name=f"Classe {i}").join_code for i in range(60)}
    assert len(codes) == 60
    for code in codes:
        assert len(code) == 6 and set(code) <= set(JOIN_CODE_ALPHABET)
        assert not set(code) & set("0O1IL")


def test_a_code_is_found_however_it_is_typed(school_class):
    code = school_class.join_code
    for typed in (code, code.lower(), f" {code[:3]} {code[3:]} ", f"{code[:3]}-{code[3:]}"):
        assert classes.class_by_code(typed) == school_class
    assert classes.class_by_code("") is None and classes.class_by_code("0" * 6) is None


def test_a_new_code_replaces_the_old_one(school_class):
    old = school_class.join_code
    classes.class_new_code(school_class=school_class)
    assert school_class.join_code != old
    assert classes.class_by_code(old) is None
    assert classes.class_by_code(school_class.join_code) == school_class


def test_the_teacher_creates_a_class_and_lands_on_its_page(teacher_client):
    response = teacher_client.post(
        "/enseignant/classes/", {"name": "  BTS   NDRC 2 ", "school_year": "2026-2027"}
    )
    school_class = SchoolClass.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/enseignant/classes/{school_class.pk}/"
    assert school_class.name == "BTS NDRC 2"
    html = teacher_client.get(response["Location"]).content.decode()
    assert f'data-class-code="{school_class.join_code}"' in html
    assert "<svg" in html  # the QR code, drawn on the server
    assert "/compte/inscription/" in html


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_a_class_needs_a_name_of_sensible_length(teacher_client, name):
    html = teacher_client.post("/enseignant/classes/", {"name": name}).content.decode()
    assert 'class="form-error"' in html and not SchoolClass.objects.exists()


def test_the_roster_shows_each_students_practice(teacher_client, school_class):
    lea, tom = student_in(school_class, "lea"), student_in(school_class, "tom")
    attempt = AttemptFactory(owner=f"user:{lea.pk}")
    for position, verdict in enumerate(("correct", "incorrect", "correct", "correct"), start=1):
        AttemptItemFactory(
            attempt=attempt, position=position, verdict=verdict, answered_at=timezone.now()
        )
    html = teacher_client.get(f"/enseignant/classes/{school_class.pk}/").content.decode()
    assert f'data-student="{lea.pk}"' in html and f'data-student="{tom.pk}"' in html
    assert re.search(r"75&nbsp;% \(3 sur 4\)", html)


@pytest.mark.parametrize("size", [5, 200])
def test_the_roster_costs_the_same_queries_for_5_or_200_students(
    teacher_client, school_class, size, django_assert_num_queries
):
    """The roster's students and their practice are two queries, whatever the class's size (with
    the teacher's session and user, the class, its assignments, and the page's messages)."""
    for i in range(size):
        student_in(school_class, f"eleve{i}")
    with django_assert_num_queries(6):
        assert teacher_client.get(f"/enseignant/classes/{school_class.pk}/").status_code == 200


def test_removing_a_student_keeps_their_account(teacher_client, school_class):
    lea = student_in(school_class)
    teacher_client.post(f"/enseignant/classes/{school_class.pk}/retirer/", {"student": lea.pk})
    assert not Enrolment.objects.exists()
    lea.refresh_from_db()  # still there


def test_the_dashboard_lists_the_teachers_classes_only(teacher_client, school_class, other_teacher):
    classes.class_create(teacher=other_teacher, name="Classe d’un autre")
    html = teacher_client.get("/enseignant/").content.decode()
    assert "BTS NDRC 1" in html and "Classe d’un autre" not in html
    assert "/admin/quiz/quiz/" in html and "/animer/" in html


def test_regenerating_the_code_from_the_class_page(teacher_client, school_class):
    old = school_class.join_code
    response = teacher_client.post(f"/enseignant/classes/{school_class.pk}/code/")
    assert response.status_code == 302
    school_class.refresh_from_db()
    assert school_class.join_code != old
