"""A quiz reaches students only when every question can be played (quiz/authoring/publishing.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from quiz.authoring.publishing import quiz_problems, quiz_publish, quiz_unpublish
from quiz.errors import Refusal
from quiz.models import Assignment, Quiz, SchoolClass
from tests.factories import (
    ConceptQuestionFactory,
    LiveSessionFactory,
    QuizFactory,
    QuizQuestionFactory,
)
from tests.quiz.authoring.conftest import client_for

pytestmark = pytest.mark.django_db


def test_quiz_problems_none_for_a_playable_quiz(quiz):
    assert quiz_problems(quiz=quiz) == []


def test_quiz_publish_refuses_a_quiz_without_questions(owner):
    empty = QuizFactory(title="Vide", created_by=owner, is_published=False)
    with pytest.raises(Refusal) as refusal:
        quiz_publish(quiz=empty)
    assert "«\u00a0Vide\u00a0» n’a aucune question" in refusal.value.message
    empty.refresh_from_db()
    assert not empty.is_published


def test_quiz_publish_names_a_concept_question_without_a_right_option(quiz):
    wrong = ConceptQuestionFactory(options=[("A", False), ("B", False)])
    QuizQuestionFactory(quiz=quiz, order=3, concept=True, concept_question=wrong)
    with pytest.raises(Refusal) as refusal:
        quiz_publish(quiz=quiz)
    assert "question 3" in refusal.value.message
    assert "aucune option n’est marquée comme bonne réponse" in refusal.value.message


def test_quiz_publish_names_a_numeric_question_that_cannot_be_generated(quiz):
    Quiz.objects.filter(pk=quiz.pk)  # the row exists
    broken = QuizQuestionFactory(quiz=quiz, order=3, kpi_slug="cpc")
    type(broken).objects.filter(pk=broken.pk).update(difficulty=7)
    problems = quiz_problems(quiz=quiz)
    assert len(problems) == 1 and "question 3" in problems[0] and "difficulté" in problems[0]


def test_quiz_publish_names_a_tolerance_that_refuses_the_right_answer(quiz):
    question = quiz.questions.get(order=1)
    question.tolerance_kind = "relative"
    question.tolerance = 0
    question.decimals = 0
    question.save()
    problems = quiz_problems(quiz=quiz)
    assert problems and "tolérance" in problems[0]


def test_quiz_publish_and_unpublish(quiz):
    quiz_publish(quiz=quiz)
    quiz.refresh_from_db()
    assert quiz.is_published
    quiz_unpublish(quiz=quiz)
    quiz.refresh_from_db()
    assert not quiz.is_published


def test_quiz_unpublish_refused_while_played_live(quiz):
    quiz_publish(quiz=quiz)
    LiveSessionFactory(quiz=quiz)
    with pytest.raises(Refusal) as refusal:
        quiz_unpublish(quiz=quiz)
    assert "partie en direct" in refusal.value.message


def test_quiz_unpublish_refused_while_assigned_and_open(quiz, owner):
    quiz_publish(quiz=quiz)
    school_class = SchoolClass.objects.create(name="BTS 1", teacher=owner, join_code="ABCDEF")
    now = timezone.now()
    Assignment.objects.create(
        school_class=school_class, quiz=quiz, opens_at=now, due_at=now + timedelta(days=2)
    )
    with pytest.raises(Refusal) as refusal:
        quiz_unpublish(quiz=quiz)
    assert "devoir" in refusal.value.message


def test_admin_publish_action_refuses_an_empty_quiz_with_its_name(owner, quiz):
    empty = QuizFactory(title="Brouillon vide", created_by=owner, is_published=False)
    response = client_for(owner).post(
        "/admin/quiz/quiz/",
        {"action": "publish_quizzes", "_selected_action": [empty.pk, quiz.pk]},
        follow=True,
    )
    body = response.content.decode()
    assert "«\u00a0Brouillon vide\u00a0» n’a aucune question" in body
    empty.refresh_from_db()
    quiz.refresh_from_db()
    assert not empty.is_published and quiz.is_published


def test_admin_publish_action_leaves_a_colleagues_quiz(colleague, quiz):
    response = client_for(colleague).post(
        "/admin/quiz/quiz/",
        {"action": "publish_quizzes", "_selected_action": [quiz.pk]},
        follow=True,
    )
    assert "dupliquez-le" in response.content.decode()
    quiz.refresh_from_db()
    assert not quiz.is_published


def test_admin_unpublish_action(owner, quiz):
    quiz_publish(quiz=quiz)
    client_for(owner).post(
        "/admin/quiz/quiz/", {"action": "unpublish_quizzes", "_selected_action": [quiz.pk]}
    )
    quiz.refresh_from_db()
    assert not quiz.is_published
