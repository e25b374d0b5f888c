"""A student's poll: what their screen depends on (its ETag), read in one indexed query, or not at
all while this process's quarter-second copy of the class's clock is recent. An unchanged poll is
answered 304 by `quiz.live.middleware.IdlePollMiddleware` before the rest of the stack."""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import connection

from quiz.live.rows import (
    ANSWER,
    PLAYER,
    PLAYER_JOIN_SESSION,
    SESSION,
    screen_from_row,
    token_shaped,
)
from quiz.live.sessions import Turn, turn_closed
from quiz.models import LiveAnswer, LiveSession, Player


def player_etag(player_id: int, state_version: int, index: int, closed: bool) -> str:
    """What a student's screen depends on: the session's state, their question, its clock."""
    return f'"p{player_id}-{state_version}-{index}-{int(closed)}"'


@dataclass(frozen=True)
class PollState:
    player_id: int
    state_version: int
    state: str
    turn: Turn
    answer_id: int | None  # the player's answer to their current question, if any
    # The row as read, unconverted.
    screen_row: tuple[Any, ...] = field(default=(), repr=False, compare=False)

    def closed(self, now: datetime) -> bool:
        return turn_closed(
            state=self.state, turn=self.turn, answered=self.answer_id is not None, now=now
        )

    def etag(self, now: datetime) -> str:
        return player_etag(self.player_id, self.state_version, self.turn.index, self.closed(now))

    def screen(self) -> tuple[Player, LiveAnswer | None]:
        """The player with their session, and their answer to the current question (if any), as
        the poll read them; only for a state read from the database (`poll_state`)."""
        if not self.screen_row:
            raise ValueError("this poll state was not read from the database")
        return screen_from_row(self.screen_row)


_SELF = f"s.pacing = '{LiveSession.Pacing.STUDENT}'"
_CURRENT = f"CASE WHEN {_SELF} THEN p.current_index ELSE s.question_index END"


@functools.cache
def _poll_sql() -> str:
    return (
        f"SELECT p.id, p.session_id, s.state_version, s.state, {_SELF}, {_CURRENT}, "
        f"CASE WHEN {_SELF} THEN p.question_deadline ELSE s.question_deadline END, a.id, "
        f"{PLAYER.columns}, {SESSION.columns}, {ANSWER.columns} {PLAYER_JOIN_SESSION} "
        f"LEFT JOIN {LiveAnswer._meta.db_table} a ON a.player_id = p.id "
        f"AND a.question_index = {_CURRENT} WHERE p.token = %s"
    )


def poll_state(*, token: str | None) -> PollState | None:
    """What a student's poll compares, in one indexed query; the same row holds the player, session
    and current answer (unconverted until `PollState.screen`), so a changed screen asks no more.

    Raw SQL on purpose: this runs for every student every second, and compiling the equivalent ORM
    query costs several times the query itself (measured: 500 µs against 40 µs)."""
    if not token_shaped(token):
        return None
    read_at = time.monotonic()  # before the read: a copy is as old as the query's snapshot
    with connection.cursor() as cursor:
        cursor.execute(_poll_sql(), [token])
        row = cursor.fetchone()
    if row is None:
        _seats.pop(token, None)
        return None
    player_id, session_id, version, state, self_paced, index, deadline, answer_id = row[:8]
    if isinstance(deadline, str):  # SQLite: a CASE has no declared type to convert from
        deadline = datetime.fromisoformat(deadline)
    if deadline is not None and deadline.tzinfo is None:
        deadline = deadline.replace(tzinfo=UTC)
    if not self_paced and settings.LIVE_POLL_REUSE_SECONDS > 0:
        clock = _ClassClock(read_at, version, state, index, deadline)
        _remember_class_clock(token, player_id, session_id, clock)
    turn = Turn(index, None, deadline, bool(self_paced))
    return PollState(player_id, version, state, turn, answer_id, row[8:])


# An idle poll in a teacher-paced session depends only on the class's clock (its state, question
# and deadline), the same for every student. Each process keeps the latest copy its threads read
# from the database for LIVE_POLL_REUSE_SECONDS (0.25 s): 1 000 students polling every second then cost each
# process about four queries a second instead of a thousand. The database stays the only source of
# truth: a change reaches every process within that quarter of a second, any number of processes or servers
# can serve the session, and everything but an unchanged poll (every render, every answer) reads
# the database. Tokens map to their player and session for good (a player never changes session).


@dataclass(frozen=True)
class _ClassClock:
    read_at: float  # time.monotonic()
    state_version: int
    state: str
    index: int
    deadline: datetime | None


_seats: dict[str, tuple[int, int]] = {}  # token → (player id, session id), teacher-paced sessions
_clocks: dict[int, _ClassClock] = {}  # session id → its clock as last read by this process
_MAX_REMEMBERED = 50_000  # beyond this many students or sessions, start again from empty


def _remember_class_clock(token: str, player_id: int, session_id: int, clock: _ClassClock) -> None:
    """Keep `clock` unless this process holds a later read: the server's threads share these
    copies, and a read that started first may finish last."""
    for memory in (_seats, _clocks):
        if len(memory) >= _MAX_REMEMBERED:
            memory.clear()
    _seats[token] = (player_id, session_id)
    known = _clocks.get(session_id)
    if known is None or known.read_at <= clock.read_at:
        _clocks[session_id] = clock


def recent_poll_state(*, token: str | None) -> PollState | None:
    """A teacher-paced student's poll state from this process's copy of the class's clock, when it
    was read from the database less than LIVE_POLL_REUSE_SECONDS ago; else None (ask `poll_state`).

    Enough to recognise an unchanged screen (its ETag), never to render one: there is no answer."""
    seat = _seats.get(token) if token else None
    if seat is None:
        return None
    clock = _clocks.get(seat[1])
    if clock is None or time.monotonic() - clock.read_at >= settings.LIVE_POLL_REUSE_SECONDS:
        return None
    turn = Turn(clock.index, None, clock.deadline, False)
    return PollState(seat[0], clock.state_version, clock.state, turn, None)


def forget_poll_states() -> None:
    """Drop this process's copies (tests)."""
    _seats.clear()
    _clocks.clear()
