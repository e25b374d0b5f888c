from __future__ import annotations

import pytest
from django.test import Client

from quiz.teaching.accounts import teacher_create
from tests.factories import QuizFactory, QuizQuestionFactory, TeacherFactory, UserFactory


@pytest.fixture
def owner(db):
    return teacher_create(username="autrice", password="x")


@pytest.fixture
def colleague(db):
    return teacher_create(username="collegue", password="x")


@pytest.fixture
def superuser(db):
    return TeacherFactory(superuser=True)


@pytest.fixture
def student(db):
    return UserFactory()


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def quiz(owner):
    """An unpublished quiz of `owner`: a numeric question, then a concept question."""
    quiz = QuizFactory(title="Les taux de l’e-mailing", created_by=owner, is_published=False)
    QuizQuestionFactory(quiz=quiz, order=1, kpi_slug="taux-clics", difficulty=2)
    QuizQuestionFactory(quiz=quiz, order=2, concept=True)
    return quiz


def question_post(quiz, questions: list[dict], **quiz_fields) -> dict:
    """The admin change form's POST: the quiz's fields and its questions' inline formset."""
    initial = [q for q in questions if q.get("id")]
    data = {
        "title": quiz_fields.get("title", quiz.title if quiz else "Nouveau quiz"),
        "description": quiz_fields.get("description", ""),
        "questions-TOTAL_FORMS": str(len(questions)),
        "questions-INITIAL_FORMS": str(len(initial)),
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
        "_save": "Enregistrer",
    }
    if quiz_fields.get("is_published"):
        data["is_published"] = "on"
    for index, question in enumerate(questions):
        defaults = {
            "order": str(index + 1),
            "kind": "numeric",
            "points": "1",
            "time_limit": "",
            "concept_question": "",
            "kpi_slug": "cpc",
            "difficulty": "1",
            "decimals": "2",
            "tolerance_kind": "absolute",
            "tolerance": "0,01",
            "new_lesson": "",
            "new_kind": "single",
            "new_stem": "",
            "new_options": "",
            "new_explanation": "",
            "quiz": str(quiz.pk) if quiz else "",
        }
        for key, value in {**defaults, **question}.items():
            data[f"questions-{index}-{key}"] = "" if value is None else str(value)
    return data
