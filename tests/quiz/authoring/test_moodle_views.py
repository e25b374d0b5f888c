"""`/enseignant/quiz/<id>/moodle.xml`: a download for staff, of any quiz (reading changes nothing),
never for a student or a visitor; the file parses and holds the quiz's questions in order."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from quiz.models import QuizQuestion
from quiz.teaching import classes
from tests.factories import (
    QuizFactory,
    QuizQuestionFactory,
    TeacherFactory,
    UserFactory,
)
from tests.quiz.authoring.conftest import client_for
from tests.quiz.teaching.conftest import signed_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(db):
    return TeacherFactory(username="autrice-export")


@pytest.fixture
def export_quiz(author):
    quiz = QuizFactory(
        title="Révision : l’e-mailing (1re année)", created_by=author, is_published=False
    )
    QuizQuestionFactory(quiz=quiz, order=1, kpi_slug="taux-clics", difficulty=2)
    QuizQuestionFactory(quiz=quiz, order=2, concept=True)
    QuizQuestionFactory(
        quiz=quiz,
        order=3,
        kpi_slug="cpm",
        difficulty=3,
        tolerance_kind=QuizQuestion.ToleranceKind.RELATIVE,
        tolerance="0.05",
        decimals=1,
    )
    return quiz


def visitors_of(author, *, colleague: str, chief: str) -> dict[str, Client]:
    """Everyone who might ask for a quiz of `author`'s, each in their own browser: the exports and
    the worksheets let in the same three. `colleague` and `chief` name the other teacher and the
    administrator."""
    own_class = classes.class_create(teacher=author, name="BTS 1")
    other_teacher = TeacherFactory(username=colleague)
    other_class = classes.class_create(teacher=other_teacher, name="BTS 2")
    return {
        "anonymous": Client(),
        "student": signed_up(own_class, "lea"),
        "student of another class": signed_up(other_class, "tom"),
        "another teacher": client_for(other_teacher),
        "author": client_for(author),
        "administrator": client_for(TeacherFactory(username=chief, superuser=True)),
    }


@pytest.fixture
def visitors(author):
    """Everyone who might ask for an export, each in their own browser."""
    return visitors_of(author, colleague="collegue-export", chief="chef-export")


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("anonymous", False),
        ("student", False),
        ("student of another class", False),
        ("another teacher", True),
        ("author", True),
        ("administrator", True),
    ],
)
def test_the_export_is_for_staff(visitors, export_quiz, who, allowed):
    response = visitors[who].get(f"/enseignant/quiz/{export_quiz.pk}/moodle.xml")
    if not allowed:
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
        return
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="revision-l-e-mailing-1re-annee.xml"'
    )
    root = ET.fromstring(response.content)
    kinds = [q.get("type") for q in root.findall("question")]
    assert kinds == ["category", "calculated", "multichoice", "calculated"]
    cpm = root.findall("question")[3]
    answer = cpm.find("answer")
    assert answer.findtext("tolerancetype") == "1" and answer.findtext("tolerance") == "0.05"
    assert answer.findtext("correctanswerlength") == "1"
    # At difficulty 3 the impressions are given per network: Moodle's formula adds them up.
    text = cpm.findtext("questiontext/text")
    assert "{facebook_impressions}" in text and "{instagram_impressions}" in text
    assert "{facebook_impressions}" in answer.findtext("text")


def test_the_export_of_a_missing_quiz_is_a_404(author):
    assert client_for(author).get("/enseignant/quiz/999999/moodle.xml").status_code == 404


def test_the_export_is_a_get(author, export_quiz):
    assert (
        client_for(author).post(f"/enseignant/quiz/{export_quiz.pk}/moodle.xml").status_code == 405
    )


def test_a_question_that_cannot_be_exported_says_so(author, export_quiz):
    QuizQuestion.objects.filter(quiz=export_quiz, order=1).update(kpi_slug="plus-au-catalogue")
    response = client_for(author).get(f"/enseignant/quiz/{export_quiz.pk}/moodle.xml")
    assert response.status_code == 302
    assert response["Location"] == f"/enseignant/quiz/{export_quiz.pk}/apercu/"


def test_an_empty_quiz_exports_its_category(author):
    quiz = QuizFactory(title="Vide", created_by=author)
    response = client_for(author).get(f"/enseignant/quiz/{quiz.pk}/moodle.xml")
    root = ET.fromstring(response.content)
    assert [q.get("type") for q in root.findall("question")] == ["category"]


def test_a_student_account_is_refused(export_quiz):
    response = client_for(UserFactory()).get(f"/enseignant/quiz/{export_quiz.pk}/moodle.xml")
    assert response.status_code == 302
