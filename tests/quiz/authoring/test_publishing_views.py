"""The preview's publish button: `/enseignant/quiz/<id>/publication/` (POST, the author only)."""

from __future__ import annotations

import pytest

from quiz.models import Quiz
from tests.factories import LiveSessionFactory, QuizFactory
from tests.hostile import NASTY, check
from tests.quiz.authoring.conftest import client_for

pytestmark = pytest.mark.django_db


def publication_url(quiz: Quiz) -> str:
    return f"/enseignant/quiz/{quiz.pk}/publication/"


def test_publication_refuses_anonymous_and_students(student, quiz):
    for client in (client_for(None), client_for(student)):
        response = client.post(publication_url(quiz), {"action": "publier"})
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    quiz.refresh_from_db()
    assert not quiz.is_published


def test_publication_refuses_a_colleague(colleague, quiz):
    response = client_for(colleague).post(publication_url(quiz), {"action": "publier"})
    assert response.status_code == 403
    quiz.refresh_from_db()
    assert not quiz.is_published


@pytest.mark.parametrize("who", ["owner", "superuser"])
def test_publication_publishes_then_withdraws(request, who, quiz):
    client = client_for(request.getfixturevalue(who))
    response = client.post(publication_url(quiz), {"action": "publier"}, follow=True)
    quiz.refresh_from_db()
    assert quiz.is_published and "est publié" in response.content.decode()
    assert "Retirer la publication" in response.content.decode()
    client.post(publication_url(quiz), {"action": "retirer"})
    quiz.refresh_from_db()
    assert not quiz.is_published


def test_publication_names_what_keeps_an_empty_quiz_back(owner):
    empty = QuizFactory(title="Sans question", created_by=owner, is_published=False)
    response = client_for(owner).post(publication_url(empty), {"action": "publier"}, follow=True)
    assert "«\u00a0Sans question\u00a0» n’a aucune question" in response.content.decode()
    empty.refresh_from_db()
    assert not empty.is_published


def test_publication_withdrawal_refused_while_played_live(owner, quiz):
    Quiz.objects.filter(pk=quiz.pk).update(is_published=True)
    LiveSessionFactory(quiz=quiz)
    response = client_for(owner).post(publication_url(quiz), {"action": "retirer"}, follow=True)
    assert "partie en direct" in response.content.decode()
    quiz.refresh_from_db()
    assert quiz.is_published


def test_publication_get_is_refused_and_unknown_quiz_is_a_404(owner):
    assert client_for(owner).get("/enseignant/quiz/1/publication/").status_code == 405
    assert client_for(owner).post("/enseignant/quiz/999999/publication/").status_code == 404


@pytest.mark.parametrize("value", NASTY)
def test_publication_hostile_action(owner, quiz, value):
    check(client_for(owner).post(publication_url(quiz), {"action": value}, follow=True))
    quiz.refresh_from_db()
    assert not quiz.is_published
