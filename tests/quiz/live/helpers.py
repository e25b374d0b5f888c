"""Helpers of the live-session tests."""

from __future__ import annotations

from django.test import Client

from quiz.live import answers, players, sessions
from quiz.live.rows import player_by_token
from quiz.models import LiveSession, Player, Quiz


def fresh(player: Player) -> Player:
    """The player with its session as a request reads them (the answer services trust that read)."""
    found = player_by_token(player.token)
    assert found is not None
    return found


def answer_now(player: Player, **kwargs: object) -> answers.LiveFeedback:
    """The player answers the question their screen shows now (the form's hidden `question`)."""
    found = fresh(player)
    turn = sessions.player_turn(found.session, found)
    return answers.live_answer(player=found, question_index=turn.index, **kwargs)  # type: ignore[arg-type]


def make_session(quiz: Quiz, teacher: object, **options: object) -> LiveSession:
    return sessions.session_create(quiz=quiz, owner=teacher, **options)


def join(session: LiveSession, pseudo: str) -> Player:
    return players.player_join(pin=session.pin, pseudo=pseudo, client=f"test-{pseudo}")


def right_answer(session: LiveSession, player: Player) -> str:
    question = sessions.current_question(session)
    exercise = answers.player_exercise(session, player, question, session.question_index)
    return f"{exercise.expected:.2f}"


def joined(session: LiveSession, pseudo: str = "Léa") -> Client:
    """A phone that joined the session with this pseudo."""
    client = Client()
    response = client.post("/rejoindre/", {"pin": session.pin, "pseudo": pseudo})
    assert response.status_code == 302, response.content[:500]
    return client
