"""The game's forms and CSRF: the phone's fragments carry no token (rendering one for each phone
was a third of a question's template); htmx sends the page's X-CSRFToken header instead, as
django-htmx recommends, and a page without JavaScript posts the hidden field."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from config.views import CSRF_MESSAGE
from quiz.models import LiveAnswer
from tests.quiz.live.helpers import right_answer

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
HEADER_RE = re.compile(r'class="live-game" hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'')
FIELD_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def phone(session) -> Client:
    """A phone that enforces CSRF as a real browser's requests are checked."""
    client = Client(enforce_csrf_checks=True)
    page = client.get(f"/rejoindre/?pin={session.pin}").content.decode()
    token = FIELD_RE.search(page)[1]
    response = client.post(
        "/rejoindre/", {"csrfmiddlewaretoken": token, "pin": session.pin, "pseudo": "Léa"}
    )
    assert response.status_code == 302
    return client


@pytest.fixture
def on_question(teacher_client, session, phone):
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "advance"})
    return phone


def test_the_page_carries_the_header_and_the_fragments_no_token(on_question):
    page = on_question.get("/session/").content.decode()
    assert HEADER_RE.search(page) and FIELD_RE.search(
        page
    )  # htmx's header, and the field without JS
    fragment = on_question.get("/session/etat/", **HTMX).content.decode()
    assert 'name="answer"' in fragment and "csrfmiddlewaretoken" not in fragment
    assert "live-game" not in fragment  # the header's element is outside what htmx swaps


def test_an_htmx_answer_with_the_pages_header_is_recorded(on_question, session):
    from quiz.models import Player

    page = on_question.get("/session/").content.decode()
    token = HEADER_RE.search(page)[1]
    player = Player.objects.get()
    session.refresh_from_db()
    value = right_answer(session, player)
    response = on_question.post(
        "/session/repondre/", {"answer": value, "question": "0"}, HTTP_X_CSRFTOKEN=token, **HTMX
    )
    assert response.status_code == 200 and "Réponse enregistrée" in response.content.decode()
    assert LiveAnswer.objects.get().verdict == "correct"


def test_without_javascript_the_hidden_field_still_posts(on_question):
    page = on_question.get("/session/").content.decode()
    token = FIELD_RE.search(page)[1]
    response = on_question.post(
        "/session/repondre/", {"csrfmiddlewaretoken": token, "answer": "12", "question": "0"}
    )
    assert response.status_code == 200 and LiveAnswer.objects.count() == 1


@pytest.mark.parametrize("token", ["", "x" * 32, "<script>", "a" * 64])
def test_an_answer_without_a_valid_token_is_refused_in_french(on_question, token):
    headers = {"HTTP_X_CSRFTOKEN": token} if token else {}
    response = on_question.post(
        "/session/repondre/", {"answer": "12", "question": "0"}, **headers, **HTMX
    )
    assert response.status_code == 403
    assert CSRF_MESSAGE in response.content.decode()
    assert not LiveAnswer.objects.exists()
