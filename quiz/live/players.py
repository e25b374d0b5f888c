"""Players: joining a session with its PIN and a pseudo (wrong PINs slowed down), the cookie that
keeps a player's place, and a student-paced player moving on to their next question."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import IntegrityError, transaction

from quiz.errors import Refusal
from quiz.live.sessions import (
    player_turn,
    question_clock,
    self_paced,
    session_open_by_pin,
    session_questions,
    turn_closed,
)
from quiz.models import LiveAnswer, LiveSession, Player

PLAYER_COOKIE = "ndrc_player"
PLAYER_COOKIE_AGE = 60 * 60 * 12
PSEUDO_MAX = 20
JOIN_FAILURES_PER_MINUTE = 10


def clean_pseudo(raw: str) -> str:
    """1 to 20 visible characters after trimming; inner runs of spaces become one space."""
    pseudo = re.sub(r"\s+", " ", "".join(c for c in (raw or "") if c.isprintable() or c == " "))
    pseudo = pseudo.strip()
    if not pseudo:
        raise Refusal("Choisissez un pseudo.")
    if len(pseudo) > PSEUDO_MAX:
        raise Refusal(f"Votre pseudo doit faire au plus {PSEUDO_MAX} caractères.")
    return pseudo


def join_allowed(*, client: str) -> bool:
    """Repeated wrong PINs from one client are slowed down (shared cache: works across servers)."""
    return cache.get(_failures_key(client), 0) < JOIN_FAILURES_PER_MINUTE


def _failures_key(client: str) -> str:
    return "live-join-failures:" + hashlib.sha256(client.encode()).hexdigest()[:32]


def _join_failed(client: str) -> None:
    key = _failures_key(client)
    if cache.add(key, 1, timeout=60):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=60)


def player_join(*, pin: str, pseudo: str, client: str, now: datetime | None = None) -> Player:
    if not join_allowed(client=client):
        raise Refusal(
            "Trop d’essais avec un mauvais code : patientez une minute avant de réessayer."
        )
    session = session_open_by_pin(pin)
    if session is None:
        _join_failed(client)
        raise Refusal("Aucune session ouverte avec ce code. Vérifiez le code affiché au tableau.")
    name = clean_pseudo(pseudo)
    late_start = {}
    if self_paced(session) and session.state == LiveSession.State.QUESTION:
        # Joining a student-paced game under way: start on the first question now.
        first = session_questions(session)[0]
        late_start = {
            "current_index": 0,
            **question_clock(first, session, now or datetime.now(UTC)),
        }
    try:
        with transaction.atomic():
            player = Player.objects.create(
                session=session,
                pseudo=name,
                pseudo_key=name.casefold()[:PSEUDO_MAX],
                token=secrets.token_urlsafe(32),
                **late_start,
            )
    except IntegrityError as error:
        raise Refusal(
            "Ce pseudo est déjà pris dans cette session : choisissez-en un autre."
        ) from error
    return player


def player_next(*, player: Player, from_index: int, now: datetime) -> Player:
    """Student-paced: move on from question `from_index` once it is answered or its time is up.

    `player` comes with its session as read in this request (`player_by_token`: one query for both).

    `from_index` is the question the student's page showed: a double submit or a stale page moves
    the player once, never past a question they have not seen."""
    session = player.session
    if not self_paced(session) or session.state != LiveSession.State.QUESTION:
        raise Refusal("C’est l’enseignant qui passe à la question suivante.")
    turn = player_turn(session, player)
    if from_index != turn.index:
        return player
    questions = session_questions(session)
    if turn.index >= len(questions):
        return player
    answered = LiveAnswer.objects.filter(player=player, question_index=turn.index).exists()
    if not turn_closed(state=session.state, turn=turn, answered=answered, now=now):
        raise Refusal("Répondez d’abord à la question, ou attendez la fin du temps.")
    following = turn.index + 1
    if following < len(questions):
        changes = {"current_index": following, **question_clock(questions[following], session, now)}
    else:  # the last question is behind: the player waits for the podium
        changes = {
            "current_index": following,
            "question_started_at": None,
            "question_deadline": None,
        }
    with transaction.atomic():  # on SQLite, writers queue on the write lock (config.sqlite_backend)
        moved = Player.objects.filter(pk=player.pk, current_index=turn.index).update(**changes)
    if moved:
        for name, value in changes.items():
            setattr(player, name, value)
    else:  # moved meanwhile by a double submit: where that left the player
        player.refresh_from_db(fields=list(changes))
    return player
