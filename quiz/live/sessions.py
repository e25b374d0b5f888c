"""Live sessions' lifecycle and clock: launch with a PIN, the questions as the session plays them,
start, next, close, finish; which question a player is on and whether it is closed.

Every state lives in the database: any number of processes or app servers can serve one session.
Service functions follow `<entity>_<action>`, keyword-only; the views only parse and render.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from quiz.errors import Refusal
from quiz.live.snapshot import quiz_snapshot, session_questions
from quiz.models import LiveSession, Player, Quiz, QuizQuestion

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

CONCEPT_SECONDS = 30
NUMERIC_SECONDS = 90
EXTRA_TIME = 1.5
OPEN_STATES = (LiveSession.State.LOBBY, LiveSession.State.QUESTION)


def session_create(
    *,
    quiz: Quiz,
    owner: User,
    scoring: str = LiveSession.Scoring.ACCURACY,
    streak_bonus: bool = False,
    per_student_numbers: bool = True,
    extra_time: bool = False,
    pacing: str = LiveSession.Pacing.TEACHER,
) -> LiveSession:
    """A session in its waiting room, with a random 6-digit PIN unique among open sessions."""
    if not quiz.is_published:
        raise Refusal("Publiez le quiz avant de le lancer en direct.")
    if not quiz.questions.exists():
        raise Refusal("Ce quiz n’a pas encore de question.")
    snapshot = quiz_snapshot(quiz)
    for _ in range(50):
        pin = f"{secrets.randbelow(900_000) + 100_000}"
        try:
            with transaction.atomic():
                return LiveSession.objects.create(
                    quiz=quiz,
                    owner=owner,
                    pin=pin,
                    scoring=scoring,
                    streak_bonus=streak_bonus,
                    per_student_numbers=per_student_numbers,
                    extra_time=extra_time,
                    pacing=pacing,
                    seed=secrets.randbits(62),
                    questions=snapshot,
                )
        except IntegrityError:  # this PIN is taken by an open session: draw another
            continue
    raise Refusal("Impossible de trouver un code libre\u00a0: réessayez.")


def session_open_by_pin(pin: str) -> LiveSession | None:
    pin = pin.strip()
    if not re.fullmatch(r"[0-9]{6}", pin):
        return None
    return LiveSession.objects.filter(pin=pin, state__in=OPEN_STATES).first()


def check_owner(session: LiveSession, user: User | AnonymousUser) -> None:
    if not (user.is_superuser or session.owner_id == user.pk):
        raise Refusal("Seul l’enseignant qui a lancé la session peut la piloter.")


def state_changed(session: LiveSession) -> None:
    """A new state for every screen (students poll on this version). What only the projector shows
    (joins, answers, self-paced progress) is counted when it polls: `session_activity`."""
    LiveSession.objects.filter(pk=session.pk).update(state_version=F("state_version") + 1)


def question_seconds(question: QuizQuestion, extra_time: bool) -> int:
    """The quiz's time for this question, or the default for its kind; +50 % with extra time."""
    default = NUMERIC_SECONDS if question.kind == QuizQuestion.Kind.NUMERIC else CONCEPT_SECONDS
    seconds = question.time_limit or default
    return int(seconds * EXTRA_TIME) if extra_time else seconds


def self_paced(session: LiveSession) -> bool:
    return session.pacing == LiveSession.Pacing.STUDENT


def question_clock(
    question: QuizQuestion, session: LiveSession, now: datetime
) -> dict[str, datetime]:
    """A question's start and deadline, for the class or for one student."""
    seconds = question_seconds(question, session.extra_time)
    return {"question_started_at": now, "question_deadline": now + timedelta(seconds=seconds)}


@transaction.atomic
def session_advance(
    *, session: LiveSession, user: User | AnonymousUser, now: datetime
) -> LiveSession:
    """Start the first question, or go on to the next one; after the last, the podium.

    Student-paced: starting puts every player on the first question with their own clock; after
    that each student moves on alone (`player_next`) and the teacher only ends the session."""
    check_owner(session, user)
    session = LiveSession.objects.select_for_update().get(pk=session.pk)
    if session.state == LiveSession.State.FINISHED:
        raise Refusal("La session est terminée.")
    questions = session_questions(session)
    if self_paced(session):
        if session.state != LiveSession.State.LOBBY:
            raise Refusal(
                "Chacun avance à son rythme\u00a0: terminez la session quand la classe a fini."
            )
        LiveSession.objects.filter(pk=session.pk).update(
            state=LiveSession.State.QUESTION, question_index=0
        )
        Player.objects.filter(session=session).update(
            current_index=0, **question_clock(questions[0], session, now)
        )
        state_changed(session)
        session.refresh_from_db()
        return session
    following = session.question_index + 1
    if following >= len(questions):
        return session_finish(session=session, user=user, now=now)
    seconds = question_seconds(questions[following], session.extra_time)
    # « Préparez-vous »: the question opens after the lead, the same instant on every screen.
    start = now + timedelta(seconds=settings.LIVE_QUESTION_LEAD_SECONDS)
    session.state = LiveSession.State.QUESTION
    session.question_index = following
    session.question_started_at = start
    session.question_deadline = start + timedelta(seconds=seconds)
    session.save(
        update_fields=["state", "question_index", "question_started_at", "question_deadline"]
    )
    state_changed(session)
    session.refresh_from_db()
    return session


@transaction.atomic
def session_close_question(
    *, session: LiveSession, user: User | AnonymousUser, now: datetime
) -> LiveSession:
    """Stop the countdown now and show the correction (every player has answered, say)."""
    check_owner(session, user)
    if (
        session.state != LiveSession.State.QUESTION
        or self_paced(session)
        or question_closed(session, now)
    ):
        return session
    started = session.question_started_at
    LiveSession.objects.filter(pk=session.pk).update(
        question_deadline=now,
        # Stopped during « Préparez-vous »: the question opened and closed now.
        question_started_at=now if started is None or started > now else started,
    )
    state_changed(session)
    session.refresh_from_db()
    return session


@transaction.atomic
def session_finish(
    *, session: LiveSession, user: User | AnonymousUser, now: datetime
) -> LiveSession:
    check_owner(session, user)
    LiveSession.objects.filter(pk=session.pk).update(
        state=LiveSession.State.FINISHED, finished_at=now
    )
    state_changed(session)
    session.refresh_from_db()
    return session


def question_closed(session: LiveSession, now: datetime) -> bool:
    """The class's question is closed once its time is up (server time)."""
    return clock_closed(session.state, session.question_deadline, now)


def clock_closed(state: str, deadline: datetime | None, now: datetime) -> bool:
    return state == LiveSession.State.QUESTION and deadline is not None and now >= deadline


@dataclass(frozen=True)
class Turn:
    """The question a player is on and its clock: the class's when the teacher sets the pace, the
    player's own when each student does."""

    index: int
    started_at: datetime | None  # teacher-paced: in the future during « Préparez-vous »
    deadline: datetime | None
    self_paced: bool


def turn_lead_ms(turn: Turn, now: datetime) -> int:
    """Milliseconds of « Préparez-vous » left before the question opens (0 once it is open)."""
    if turn.started_at is None or now >= turn.started_at:
        return 0
    return max(1, int((turn.started_at - now).total_seconds() * 1000))


def player_turn(session: LiveSession, player: Player | None) -> Turn:
    if self_paced(session) and player is not None:
        return Turn(
            player.current_index, player.question_started_at, player.question_deadline, True
        )
    return Turn(
        session.question_index, session.question_started_at, session.question_deadline, False
    )


def turn_closed(*, state: str, turn: Turn, answered: bool, now: datetime) -> bool:
    """Whether the player sees the correction: time is up; or, at their own pace, they answered."""
    return clock_closed(state, turn.deadline, now) or (
        turn.self_paced and answered and state == LiveSession.State.QUESTION
    )


def turn_question(session: LiveSession, turn: Turn) -> QuizQuestion | None:
    if session.state != LiveSession.State.QUESTION:
        return None
    questions = session_questions(session)
    return questions[turn.index] if 0 <= turn.index < len(questions) else None


def current_question(session: LiveSession) -> QuizQuestion | None:
    """The question the class is on (teacher-paced)."""
    return turn_question(session, player_turn(session, None))
