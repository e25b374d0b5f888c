"""The live views at each student's pace, and the polls: idle 304s, the clock copy, the middleware."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from quiz.live import poll, sessions
from quiz.live.players import PLAYER_COOKIE
from quiz.models import LiveSession, Player
from tests.quiz.live.helpers import joined

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_launch_with_a_pacing_and_bad_values_fall_back_to_the_teacher(teacher_client, session):
    assert "Chacun à son rythme" in teacher_client.get("/animer/").content.decode()
    teacher_client.post("/animer/lancer/", {"quiz": session.quiz_id, "pacing": "eleve"})
    teacher_client.post("/animer/lancer/", {"quiz": session.quiz_id, "pacing": "<script>"})
    pacings = list(
        LiveSession.objects.exclude(pk=session.pk).order_by("pk").values_list("pacing", flat=True)
    )
    assert pacings == ["eleve", "enseignant"]


def test_self_paced_game_from_the_phone(teacher_client, paced_session):
    session = paced_session
    lea = joined(session, "Léa")
    tom = joined(session, "Tom")
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "advance"})
    html = lea.get("/session/").content.decode()
    assert 'data-kpi="cpc"' in html and "Question 1 sur 2" in html
    # Moving on before answering: a French message, still on question 1.
    html = lea.post("/session/suivante/", {"from": "0"}, **HTMX).content.decode()
    assert "Répondez d’abord" in html and 'data-kpi="cpc"' in html
    etag = lea.get("/session/etat/")["ETag"]
    budget = float(re.search(r'data-name="budget" value="([^"]+)"', html)[1])
    clicks = float(re.search(r'data-name="clicks" value="([^"]+)"', html)[1])
    html = lea.post(
        "/session/repondre/", {"answer": f"{budget / clicks:.2f}", "question": 0}, **HTMX
    ).content.decode()
    # At their own pace, the correction comes at once, with the score, rank and a next button.
    assert 'data-verdict="correct"' in html and "1<sup>er</sup>" in html
    assert "Question suivante" in html and 'name="from" value="0"' in html
    after_answer = lea.get("/session/etat/", HTTP_IF_NONE_MATCH=etag)
    assert after_answer.status_code == 200
    assert lea.get("/session/etat/", HTTP_IF_NONE_MATCH=after_answer["ETag"]).status_code == 304
    # Next (twice: a double submit) moves once, to question 2.
    lea.post("/session/suivante/", {"from": "0"}, **HTMX)
    html = lea.post("/session/suivante/", {"from": "0"}, **HTMX).content.decode()
    assert "Question 2 sur 2" in html and 'name="choice"' in html
    # Tom is still on question 1; the projector shows where the class stands.
    assert "Question 1 sur 2" in tom.get("/session/").content.decode()
    projector = teacher_client.get(f"/animer/{session.pk}/").content.decode()
    assert "Avancement question par question" in projector
    assert "<caption>Classement</caption>" in projector and "Léa" in projector
    # Léa lets question 2 run out, then finishes: she waits for the podium.
    Player.objects.filter(pseudo="Léa").update(question_deadline=timezone.now())
    html = lea.get("/session/").content.decode()
    assert "Temps écoulé" in html and "Terminer le quiz" in html
    html = lea.post("/session/suivante/", {"from": "1"}).content.decode()
    assert "Vous avez terminé" in lea.get("/session/").content.decode()
    projector = teacher_client.get(f"/animer/{session.pk}/").content.decode()
    assert "<strong>1</strong> / 2 élèves ont terminé" in projector
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "finish"})
    assert "Podium" in tom.get("/session/").content.decode()


@pytest.mark.parametrize("value", ["", "abc", "-1", "99999999", "<b>"])
def test_next_with_a_bad_or_stale_position_moves_nobody(teacher_client, paced_session, value):
    lea = joined(paced_session, "Léa")
    teacher_client.post(f"/animer/{paced_session.pk}/action/", {"action": "advance"})
    Player.objects.update(question_deadline=timezone.now())
    response = lea.post("/session/suivante/", {"from": value}, **HTMX)
    assert response.status_code == 200
    assert Player.objects.get().current_index == 0


def test_next_in_a_teacher_paced_session_is_refused_in_french(teacher_client, session):
    lea = joined(session, "Léa")
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "advance"})
    html = lea.post("/session/suivante/", {"from": "0"}, **HTMX).content.decode()
    assert "C’est l’enseignant qui passe à la question suivante" in html
    response = lea.post("/session/suivante/", {"from": "0"})
    assert response.status_code == 302
    assert "C’est l’enseignant" in lea.get(response["Location"]).content.decode()


def test_the_benchmark_measures_an_idle_poll(capsys, client):
    """`make bench` polls with the cookie and ETag this prints: it must be the 304 path."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[3] / "scripts" / "bench_inprocess.py"
    spec = importlib.util.spec_from_file_location("bench_inprocess", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.live_session(5)
    token, etag = capsys.readouterr().out.split()
    client.cookies[PLAYER_COOKIE] = token
    assert client.get("/session/etat/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_an_idle_poll_is_answered_before_the_session_and_auth_middleware(session, settings):
    """The 304 comes from IdlePollMiddleware; a changed screen goes on to the view with the row the
    middleware read (`PollRequest.live_poll`), and a cookie that is nobody's goes back to joining."""
    player_client = joined(session)
    etag = player_client.get("/session/etat/")["ETag"]
    response = player_client.get("/session/etat/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["X-Content-Type-Options"] == "nosniff"  # the security middleware still ran
    assert "Vary" not in response  # no session or cookie machinery was touched
    assert player_client.get("/session/etat/", HTTP_IF_NONE_MATCH='"x"').status_code == 200
    assert Client().get("/session/etat/")["HX-Redirect"] == "/rejoindre/"


def test_a_finished_student_sees_their_answers_question_by_question(teacher_client, paced_session):
    lea = joined(paced_session, "Léa")
    teacher_client.post(f"/animer/{paced_session.pk}/action/", {"action": "advance"})
    html = lea.get("/session/").content.decode()
    budget = float(re.search(r'data-name="budget" value="([^"]+)"', html)[1])
    clicks = float(re.search(r'data-name="clicks" value="([^"]+)"', html)[1])
    lea.post(
        "/session/repondre/", {"answer": f"{clicks / budget:.2f}", "question": 0}, **HTMX
    )  # inverted
    lea.post("/session/suivante/", {"from": "0"}, **HTMX)
    Player.objects.update(question_deadline=timezone.now())
    html = lea.post("/session/suivante/", {"from": "1"}, **HTMX).content.decode()
    assert "Vos réponses" in html
    assert "CPC (coût par clic)</span> — réponse fausse" in html
    assert "Vous avez inversé la division" in html
    assert 'class="recap-incorrect"' in html and 'class="recap-none"' in html
    assert "pas de réponse" in html
    teacher_client.post(f"/animer/{paced_session.pk}/action/", {"action": "finish"})
    assert "Vos réponses" in lea.get("/session/").content.decode()


def test_idle_polls_reuse_the_class_clock_for_half_a_second(
    teacher_client, session, reuse, django_assert_num_queries
):
    lea, tom = joined(session), joined(session, "Tom")
    etags = [c.get("/session/etat/")["ETag"] for c in (lea, tom)]
    with django_assert_num_queries(0):  # both students, one copy of the class’s clock
        for client, etag in zip((lea, tom), etags, strict=True):
            assert client.get("/session/etat/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "advance"})
    reuse.now += 0.4  # still the copy: at most half a second late
    assert lea.get("/session/etat/", HTTP_IF_NONE_MATCH=etags[0]).status_code == 304
    reuse.now += 0.1  # read again from the database: the question
    response = lea.get("/session/etat/", HTTP_IF_NONE_MATCH=etags[0])
    assert response.status_code == 200 and 'data-kpi="cpc"' in response.content.decode()
    question_etag = response["ETag"]
    # The copy now says "question": Tom's lobby ETag differs, so his screen is rendered.
    assert tom.get("/session/etat/", HTTP_IF_NONE_MATCH=etags[1]).status_code == 200
    reuse.now += 0.1
    with django_assert_num_queries(0):
        assert lea.get("/session/etat/", HTTP_IF_NONE_MATCH=question_etag).status_code == 304


def test_a_stale_copy_never_sends_a_screen_the_student_already_has(
    session, teacher, reuse, django_assert_num_queries
):
    """Another process showed the question first: this one's older copy disagrees with the
    student's ETag, so it asks the database, which agrees (304, the typed answer stays)."""
    lea = joined(session)
    lobby_etag = lea.get("/session/etat/")["ETag"]
    sessions.session_advance(session=session, user=teacher, now=timezone.now())
    reuse.now += 0.5
    response = lea.get("/session/etat/", HTTP_IF_NONE_MATCH=lobby_etag)
    assert response.status_code == 200
    fresh_etag = response["ETag"]
    poll._clocks[session.pk] = poll._ClassClock(reuse.now, 0, "lobby", -1, None)  # older copy
    with django_assert_num_queries(1):
        assert lea.get("/session/etat/", HTTP_IF_NONE_MATCH=fresh_etag).status_code == 304


def test_a_read_that_finishes_last_does_not_replace_a_later_one(session, teacher, reuse):
    """The server's threads share the copy: a lobby read that started before the teacher's click
    but finished after a read of the question must not bring the lobby back."""
    lea = joined(session)
    token = lea.cookies[PLAYER_COOKIE].value
    lobby_etag = lea.get("/session/etat/")["ETag"]
    sessions.session_advance(session=session, user=teacher, now=timezone.now())
    reuse.now += 1
    question = poll.poll_state(token=token)
    assert question is not None and question.turn.index == 0
    late = poll._ClassClock(reuse.now - 0.1, 0, "lobby", -1, None)  # started 0.1 s earlier
    poll._remember_class_clock(token, question.player_id, session.pk, late)
    assert poll._clocks[session.pk].index == 0
    assert lea.get("/session/etat/", HTTP_IF_NONE_MATCH=lobby_etag).status_code == 200


def test_self_paced_polls_always_read_the_database(
    paced_session, teacher, reuse, django_assert_num_queries
):
    lea = joined(paced_session)
    sessions.session_advance(session=paced_session, user=teacher, now=timezone.now())
    etag = lea.get("/session/etat/")["ETag"]
    with django_assert_num_queries(1):
        assert lea.get("/session/etat/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert not poll._seats


def test_a_forged_or_removed_player_is_not_remembered(session, reuse):
    lea = joined(session)
    etag = lea.get("/session/etat/")["ETag"]
    Player.objects.all().delete()
    reuse.now += 1
    response = lea.get("/session/etat/", HTTP_IF_NONE_MATCH=etag)
    assert response["HX-Redirect"] == "/rejoindre/"
    assert not poll._seats
