"""The preview `/enseignant/quiz/<id>/apercu/` and its copy button (staff only)."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest

from calculators.kpis import KPIS_BY_SLUG
from quiz.authoring.copies import copy_title
from quiz.authoring.preview import quiz_preview
from quiz.engine.generate import CURRENT_GENERATOR
from quiz.grading import numeric_exercise
from quiz.models import Quiz
from tests.hostile import NASTY, check
from tests.quiz.authoring.conftest import client_for

pytestmark = pytest.mark.django_db


def preview_url(quiz: Quiz) -> str:
    return f"/enseignant/quiz/{quiz.pk}/apercu/"


def duplicate_url(quiz: Quiz) -> str:
    return f"/enseignant/quiz/{quiz.pk}/dupliquer/"


def test_preview_refuses_anonymous_and_students(student, quiz):
    for client in (client_for(None), client_for(student)):
        response = client.get(preview_url(quiz))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
        response = client.post(duplicate_url(quiz))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert Quiz.objects.count() == 1


@pytest.mark.parametrize("who", ["owner", "colleague", "superuser"])
def test_preview_shows_an_unpublished_quiz_to_staff(request, who, quiz):
    response = client_for(request.getfixturevalue(who)).get(preview_url(quiz))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Non publié" in body and "Question 1 sur 2" in body and "Question 2 sur 2" in body
    assert ("Modifier le quiz" in body) == (who != "colleague")


def test_preview_unknown_quiz_is_a_404(owner):
    assert client_for(owner).get("/enseignant/quiz/999999/apercu/").status_code == 404
    assert client_for(owner).post("/enseignant/quiz/999999/dupliquer/").status_code == 404


def test_preview_numeric_question_shows_expected_answer_working_and_mistakes(owner, quiz):
    body = client_for(owner).get(preview_url(quiz)).content.decode()
    question = quiz.questions.get(order=1)
    exercise = numeric_exercise(
        kpi_slug="taux-clics", difficulty=2, seed=question.pk, generator=CURRENT_GENERATOR
    )
    assert f'data-value="{exercise.expected}"' in body
    assert "Solution détaillée" in body and 'class="working"' in body
    for name, value in exercise.given.items():
        assert f'data-name="{name}" value="{value:f}"' in body
    for mistake in KPIS_BY_SLUG["taux-clics"].mistakes:
        if mistake.formula.names() <= exercise.data.keys():
            value = mistake.value(exercise.data).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
            assert re.search(
                rf'data-mistake="{mistake.code}">.*?data-value="{value}"', body, re.S
            ), mistake.code


def test_preview_concept_question_shows_right_options_and_explanation(owner, quiz):
    body = client_for(owner).get(preview_url(quiz)).content.decode()
    concept = quiz.questions.get(order=2).concept_question
    assert concept.stem.replace("\u202f", "") in body.replace("\u202f", "")
    assert "choice-right" in body
    assert html.escape(concept.explanation) in body


def test_preview_other_variant_full_page_and_htmx_fragment(owner, quiz):
    client = client_for(owner)
    question = quiz.questions.get(order=1)
    first = client.get(preview_url(quiz)).content.decode()
    seed = re.search(rf"question={question.pk}&amp;graine=(\d+)", first)[1]
    url = f"{preview_url(quiz)}?question={question.pk}&graine={seed}"
    full = client.get(url).content.decode()
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" in full and "<html" not in fragment
    assert fragment.strip().startswith(f'<article id="question-{question.pk}"')
    exercise = numeric_exercise(
        kpi_slug="taux-clics", difficulty=2, seed=int(seed), generator=CURRENT_GENERATOR
    )
    assert f'data-value="{exercise.expected}"' in fragment
    assert f'data-value="{exercise.expected}"' in full
    assert client.get(url, headers={"HX-Request": "true"}).content.decode() == fragment


@pytest.mark.parametrize("value", NASTY)
def test_preview_hostile_query_values(owner, quiz, value):
    client = client_for(owner)
    for params in ({"question": value, "graine": "1"}, {"question": "1", "graine": value}):
        check(client.get(preview_url(quiz), params))
        check(client.get(preview_url(quiz), params, headers={"HX-Request": "true"}))


def test_preview_rounding_follows_through(owner, quiz):
    question = quiz.questions.get(order=1)
    question.decimals = 0
    question.save()
    body = client_for(owner).get(preview_url(quiz)).content.decode()
    exercise = numeric_exercise(
        kpi_slug="taux-clics",
        difficulty=2,
        seed=question.pk,
        generator=CURRENT_GENERATOR,
        decimals=0,
    )
    assert "arrondi à l’unité (1\u202f%)" in body.replace("&#x27;", "’")
    assert f'data-value="{exercise.expected}"' in body and "." not in str(exercise.expected)
    assert "tolérance ±1\u202f%" in body


def test_preview_query_count_does_not_grow_with_questions(
    owner, quiz, django_assert_max_num_queries
):
    """One query per room of data (quiz, questions, options): not one per question."""
    with django_assert_max_num_queries(4):
        quiz_preview(quiz=quiz)


def test_preview_post_is_refused(owner, quiz):
    assert client_for(owner).post(preview_url(quiz)).status_code == 405
    assert client_for(owner).get(duplicate_url(quiz)).status_code == 405


@pytest.mark.parametrize("who", ["owner", "colleague", "superuser"])
def test_duplicate_copies_questions_for_whoever_asks(request, who, quiz):
    user = request.getfixturevalue(who)
    quiz.is_published = True
    quiz.save()
    response = client_for(user).post(duplicate_url(quiz))
    copy = Quiz.objects.exclude(pk=quiz.pk).get()
    assert response.status_code == 302 and response["Location"] == preview_url(copy)
    assert copy.title == "Les taux de l’e-mailing (copie)"
    assert copy.created_by == user and not copy.is_published
    original = list(quiz.questions.values_list("order", "kind", "kpi_slug", "concept_question"))
    copied = list(copy.questions.values_list("order", "kind", "kpi_slug", "concept_question"))
    assert copied == original


def test_copy_title_fits_the_field():
    assert copy_title("x" * 200) == "x" * 192 + " (copie)"
    assert len(copy_title("x" * 200)) == 200


def test_preview_says_when_a_question_cannot_be_generated(owner, quiz):
    question = quiz.questions.get(order=1)
    type(question).objects.filter(pk=question.pk).update(difficulty=7)
    response = client_for(owner).get(preview_url(quiz))
    assert response.status_code == 200
    assert "Cet exercice ne peut pas être généré." in response.content.decode()


def test_preview_huge_quiz_id_is_a_404(owner):
    huge = "9" * 30
    assert client_for(owner).get(f"/enseignant/quiz/{huge}/apercu/").status_code == 404
    assert client_for(owner).post(f"/enseignant/quiz/{huge}/dupliquer/").status_code == 404
