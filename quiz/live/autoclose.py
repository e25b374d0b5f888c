"""Optional auto-close: a teacher-paced question shows its correction as soon as every player has
answered it, instead of waiting for the clock. Checked by the projector's poll (one screen, once a
second), so that no answer has to count the class."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from quiz.live import sessions
from quiz.models import LiveAnswer, LiveSession, Player

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def session_set_auto_close(*, session: LiveSession, auto_close: bool) -> LiveSession:
    """Turn the option on or off (chosen on the launch form)."""
    LiveSession.objects.filter(pk=session.pk).update(auto_close=auto_close)
    session.auto_close = auto_close
    return session


def everyone_answered(*, session: LiveSession) -> bool:
    """Every player of the session has answered the class's current question (two queries)."""
    players = Player.objects.filter(session=session).count()
    if players == 0:
        return False
    answered = LiveAnswer.objects.filter(
        session=session, question_index=session.question_index
    ).count()
    return answered >= players


def session_autoclose(
    *, session: LiveSession, user: User | AnonymousUser, now: datetime
) -> LiveSession:
    """Close the current question if the option is on and every player has answered it; the
    session as it now is. Nothing is read when the option is off or the question already closed."""
    if (
        not session.auto_close
        or session.state != LiveSession.State.QUESTION
        or sessions.self_paced(session)
        or sessions.question_closed(session, now)
    ):
        return session
    if not everyone_answered(session=session):
        return session
    return sessions.session_close_question(session=session, user=user, now=now)
