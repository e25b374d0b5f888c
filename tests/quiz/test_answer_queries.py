"""What one answer costs the database, on every path that grades through `quiz.grading`.

Each answer generates its exercise once and reads each row once: the counts below are exact, so a
query added to a hot path (an answer is the request a whole class sends within seconds) fails here
with the list of queries. Savepoints are not counted: the suite runs in a transaction, where
Django turns `atomic()` blocks into savepoints that production (autocommit) does not issue.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quiz.live import sessions
from quiz.models import AttemptItem, LiveAnswer
from tests.factories import numeric_and_concept_quiz
from tests.quiz.conftest import item_at, question_url, start_series

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def statements(context: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in context.captured_queries if "SAVEPOINT" not in q["sql"]]


def post_counting(client: Client, url: str, data: dict) -> tuple[list[str], str]:
    with CaptureQueriesContext(connection) as context:
        response = client.post(url, data, **HTMX)
    assert response.status_code == 200, response.content[:300]
    return statements(context), response.content.decode()


def _position(url: str, numeric: bool) -> int:
    return next(p for p in range(1, 11) if item_at(url, p).is_numeric == numeric)


def test_a_practice_numeric_answer_costs_five_queries(client, course):
    """Attempt, its items (with their concept questions), the item's update, the review card's
    conditional update, its creation (the first answer on this KPI). No session query: an
    anonymous student's session is a signed cookie."""
    url = start_series(client, "family", "e-mailing")
    position = _position(url, numeric=True)
    queries, html = post_counting(client, question_url(url, position), {"answer": "0"})
    assert 'data-verdict="incorrect"' in html
    assert len(queries) == 5, "\n".join(queries)


def test_a_practice_concept_answer_costs_six_queries(client, course):
    """The same, plus the question's options, read once for the grade and the page."""
    url = start_series(client, "chapter")
    position = _position(url, numeric=False)
    item = item_at(url, position)
    option = item.concept_question.options.first()
    queries, html = post_counting(client, question_url(url, position), {"choice": option.pk})
    assert "data-verdict=" in html
    assert len(queries) == 6, "\n".join(queries)
    assert sum("courses_questionoption" in q for q in queries) == 1


def test_a_drill_answer_costs_four_queries(client, course):
    """Attempt and item created, the review card's conditional update, then its creation."""
    html = client.get("/entrainement/kpi/cpc/").content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html)[1]
    queries, html = post_counting(
        client, "/entrainement/kpi/cpc/", {"token": token, "niveau": "1", "answer": "0"}
    )
    assert 'data-verdict="incorrect"' in html
    assert len(queries) == 4, "\n".join(queries)
    assert AttemptItem.objects.filter(answered_at__isnull=False).count() == 1


@pytest.fixture
def live_game(course, teacher):
    session = sessions.session_create(quiz=numeric_and_concept_quiz(), owner=teacher)
    player = Client()
    assert player.post("/rejoindre/", {"pin": session.pin, "pseudo": "Léa"}).status_code == 302
    sessions.session_advance(session=session, user=teacher, now=timezone.now())
    player.get("/session/")  # the session's questions are now in the cache, as in a game
    return session, player, teacher


def test_a_live_numeric_answer_costs_two_queries(live_game):
    """The player with their session (one raw query), the answer's insert. The exercise is
    generated once, graded, and shown on the screen that comes back."""
    _, player, _ = live_game
    queries, html = post_counting(player, "/session/repondre/", {"answer": "1", "question": 0})
    assert "Réponse enregistrée" in html
    assert len(queries) == 2, "\n".join(queries)
    assert LiveAnswer.objects.count() == 1


def test_a_live_concept_answer_costs_two_queries(live_game):
    """The options came with the session's questions: the same two queries."""
    session, player, teacher = live_game
    session = sessions.session_advance(session=session, user=teacher, now=timezone.now())
    player.get("/session/")
    option = sessions.current_question(session).concept_question.options.first()
    queries, html = post_counting(
        player, "/session/repondre/", {"choice": option.pk, "question": 1}
    )
    assert "Réponse enregistrée" in html
    assert len(queries) == 2, "\n".join(queries)
