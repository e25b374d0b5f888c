"""« Préparez-vous »: a teacher-paced question opens LIVE_QUESTION_LEAD_SECONDS after the teacher
launches it. The screens carry it during the countdown and show it at the start by themselves;
nothing is answered before, speed counts from the start, and the poll does not change at the start."""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import timezone

from quiz.errors import Refusal
from quiz.live import answers, sessions
from quiz.live.players import PLAYER_COOKIE
from quiz.models import LiveAnswer, LiveSession
from tests.quiz.live.helpers import fresh, join, joined, right_answer

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _lead(settings):
    settings.LIVE_QUESTION_LEAD_SECONDS = 3


def _lead_ms(html: str) -> int:
    found = re.search(r'data-lead-ms="(\d+)"', html)
    assert found, html[:2000]
    return int(found[1])


class _Hidden(HTMLParser):
    """The ids of the elements inside a `hidden` one."""

    VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        inside = bool(self.stack and self.stack[-1])
        if inside and attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag not in self.VOID:
            self.stack.append(inside or "hidden" in attributes)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()


def _hidden_ids(html: str) -> set[str]:
    parser = _Hidden()
    parser.feed(html)
    return parser.ids


def test_the_question_opens_after_the_lead_with_its_whole_time(session, teacher):
    now = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=now)
    assert session.question_started_at == now + timedelta(seconds=3)
    question = sessions.current_question(session)
    seconds = sessions.question_seconds(question, session.extra_time)
    assert session.question_deadline == session.question_started_at + timedelta(seconds=seconds)
    turn = sessions.player_turn(session, None)
    assert sessions.turn_lead_ms(turn, now) == 3000
    assert sessions.turn_lead_ms(turn, now + timedelta(seconds=2.5)) == 500
    assert sessions.turn_lead_ms(turn, now + timedelta(seconds=3)) == 0
    assert not sessions.question_closed(session, now)


def test_no_answer_before_the_start_and_speed_counts_from_it(session, teacher):
    lea = join(session, "Léa")
    now = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=now)
    player = fresh(lea)
    # The screen was served during the countdown: its stamp is earlier than the start.
    served = answers.served_stamp(player=player, index=0, now=now + timedelta(seconds=0.2))
    value = right_answer(session, player)
    with pytest.raises(Refusal, match="pas encore ouverte"):
        answers.live_answer(player=player, question_index=0, answer=value, served=served, now=now)
    assert not LiveAnswer.objects.exists()
    feedback = answers.live_answer(
        player=player,
        question_index=0,
        answer=value,
        served=served,
        now=now + timedelta(seconds=5),
    )
    assert feedback.answer is not None and feedback.answer.verdict == "correct"
    assert feedback.answer.response_ms == 2000  # from the start (3 s), not from the screen (0.2 s)


def test_stopping_during_the_lead_opens_and_closes_the_question_at_once(session, teacher):
    lea = join(session, "Léa")
    now = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=now)
    later = now + timedelta(seconds=1)
    session = sessions.session_close_question(session=session, user=teacher, now=later)
    assert session.question_started_at == later == session.question_deadline
    assert sessions.question_closed(session, later)
    with pytest.raises(Refusal, match="Temps écoulé"):
        answers.live_answer(
            player=fresh(lea), question_index=0, answer="12", now=later + timedelta(seconds=1)
        )


def test_student_paced_games_have_no_lead(paced_session, teacher):
    now = timezone.now()
    sessions.session_advance(session=paced_session, user=teacher, now=now)
    lea = join(paced_session, "Léa")
    player = fresh(lea)
    turn = sessions.player_turn(player.session, player)
    assert turn.started_at is not None and turn.started_at <= timezone.now()
    assert sessions.turn_lead_ms(turn, timezone.now()) == 0


def test_the_phone_counts_down_with_the_question_already_there_hidden(teacher_client, session):
    phone = joined(session)
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "advance"})
    html = phone.get("/session/").content.decode()
    assert 0 < _lead_ms(html) <= 3000
    assert "Préparez-vous" in html and '<span class="lead-number">3</span>' in html
    turn = html.split("data-after-lead", 1)[1]
    assert turn.startswith(" hidden>")
    assert 'data-kpi="cpc"' in turn and 'name="answer"' in turn
    assert 'name="question" value="0"' in turn
    announce = html.split('id="live-announce"', 1)[1].split("</div>", 1)[0]
    assert "Question 1 sur 2\u00a0: préparez-vous, elle s’ouvre dans 3\u00a0secondes." in announce
    lead = html.split('class="live-lead"', 1)[1].split(">", 1)[0]
    assert 'data-open-announce="Question 1 sur 2 ouverte, ' in lead


def test_the_poll_does_not_change_when_the_question_opens(teacher_client, session):
    """Every phone already has the question: opening it costs the server no render."""
    phone = joined(session)
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "advance"})
    response = phone.get("/session/etat/", **HTMX)
    assert response.status_code == 200 and _lead_ms(response.content.decode()) > 0
    etag = response["ETag"]
    LiveSession.objects.update(  # three seconds later: the question is open
        question_started_at=timezone.now() - timedelta(seconds=1),
        question_deadline=timezone.now() + timedelta(seconds=60),
    )
    assert phone.get("/session/etat/", HTTP_IF_NONE_MATCH=etag, **HTMX).status_code == 304
    html = phone.get("/session/").content.decode()
    assert "data-lead-ms" not in html and "Préparez-vous" not in html
    assert "data-after-lead" not in html and 'name="answer"' in html


def test_an_answer_posted_during_the_lead_is_refused_with_the_screen(teacher_client, session):
    phone = joined(session)
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "advance"})
    response = phone.post("/session/repondre/", {"answer": "12", "question": "0"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "pas encore ouverte" in html and "data-lead-ms" in html
    assert not LiveAnswer.objects.exists()


def test_the_projector_counts_down_and_keeps_its_actions(teacher_client, session):
    joined(session)
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "advance"})
    html = teacher_client.get(f"/animer/{session.pk}/").content.decode()
    assert 0 < _lead_ms(html) <= 3000
    assert "Préparez-vous" in html and 'class="lead-title" tabindex="-1">Question 1 sur 2<' in html
    assert 'data-announce="Question 1 sur 2\u00a0: préparez-vous."' in html
    turn = html.split("data-after-lead", 1)[1]
    assert turn.startswith(" hidden>") and 'class="wall-statement"' in turn
    assert 'id="action-close"' in html and "action-close" not in _hidden_ids(html)
    # Stopped during the countdown: the correction, with no countdown left.
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "close", "at": "question-0"})
    html = teacher_client.get(f"/animer/{session.pk}/").content.decode()
    assert "data-lead-ms" not in html and "Correction" in html


def test_a_cookie_less_or_stale_client_is_not_confused_by_the_lead(session, teacher):
    """Another student's cookie or none: the join form, as before the lead existed."""
    sessions.session_advance(session=session, user=teacher, now=timezone.now())
    stranger = Client()
    stranger.cookies[PLAYER_COOKIE] = "nobody"
    assert stranger.get("/session/etat/", **HTMX)["HX-Redirect"] == "/rejoindre/"


def test_production_leads_every_phone_to_its_question_before_it_opens():
    """The countdown outlasts the phones' poll and the processes' reuse of the clock: a phone
    polling at the worst moment still has the question when it opens."""
    from config import settings as production

    assert production.LIVE_QUESTION_LEAD_SECONDS >= (
        answers.POLL_INTERVAL_SECONDS + production.LIVE_POLL_REUSE_SECONDS + 0.5
    )


def test_the_phone_polls_at_the_interval_speed_is_capped_by(session):
    html = joined(session).get("/session/").content.decode()
    assert f'hx-trigger="every {answers.POLL_INTERVAL_SECONDS}s"' in html
