"""Players: joining a session with its PIN and a pseudo (wrong PINs slowed down per client), coming
back on another device (account or code de reprise), the cookie that keeps a player's place, and a
student-paced player moving on to their next question."""

from __future__ import annotations

import hmac
import secrets
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction

from quiz.errors import Refusal
from quiz.live import join_limits, pseudos
from quiz.live.sessions import (
    OPEN_STATES,
    player_turn,
    question_clock,
    self_paced,
    session_open_by_pin,
    session_questions,
    turn_closed,
)
from quiz.models import LiveAnswer, LiveSession, Player

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

PLAYER_COOKIE = "ndrc_player"
PLAYER_COOKIE_AGE = 60 * 60 * 12
CLIENT_COOKIE = "ndrc_client"  # who is knocking (quiz.live.join_limits), not who is playing
CLIENT_COOKIE_AGE = 60 * 60 * 24 * 365
PSEUDO_MAX = pseudos.PSEUDO_MAX
REJOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud from a screen
REJOIN_LENGTH = 6


class PseudoTaken(Refusal):
    """The pseudo is someone's in this session: the join form opens its code de reprise field."""


def clean_pseudo(raw: str) -> str:
    """The pseudo as shown (see quiz.live.pseudos), or a French refusal."""
    try:
        return pseudos.pseudo_clean(raw)
    except pseudos.PseudoError as error:
        raise Refusal(str(error)) from error


def new_client_id() -> str:
    return secrets.token_hex(16)


def _new_rejoin_code() -> str:
    return "".join(secrets.choice(REJOIN_ALPHABET) for _ in range(REJOIN_LENGTH))


def _same_code(typed: str, code: str) -> bool:
    typed = "".join(typed.split()).upper()[: REJOIN_LENGTH * 2]
    return bool(code) and hmac.compare_digest(typed.encode(), code.encode())


TOO_MANY_TRIES = (
    "Trop d’essais avec un mauvais code\u00a0: patientez une minute avant de réessayer."
)


def player_join(
    *,
    pin: str,
    pseudo: str,
    client: str,
    user: User | AnonymousUser | None = None,
    rejoin_code: str = "",
    now: datetime | None = None,
) -> Player:
    """Join an open session with its PIN and a pseudo, or come back to one's place in it.

    A signed-in student finds their player again whatever the pseudo; an anonymous player comes
    back on any browser with their pseudo and their code de reprise. Wrong PINs and codes count
    against the client that typed them only (quiz.live.join_limits)."""
    limits = join_limits.client_counts(client=client)
    if not limits.guessing_allowed:
        raise Refusal(TOO_MANY_TRIES)
    session = session_open_by_pin(pin)
    if session is None:
        join_limits.guess_failed(client=client)
        raise Refusal("Aucune session ouverte avec ce code. Vérifiez le code affiché au tableau.")
    account = user if (user is not None and user.is_authenticated) else None
    if account is not None:
        mine = Player.objects.filter(session=session, user=account).first()
        if mine is not None:
            return mine
    name = clean_pseudo(pseudo)
    key = pseudos.pseudo_key(name)
    taken = Player.objects.filter(session=session, pseudo_key=key).first()
    if taken is not None:
        return _rejoin(taken, rejoin_code=rejoin_code, client=client, account=account)
    if not limits.join_allowed:
        raise Refusal(
            "Trop de nouveaux pseudos depuis cet appareil\u00a0: patientez une minute, "
            "ou reprenez votre partie avec votre code de reprise."
        )
    if Player.objects.filter(session=session).count() >= settings.LIVE_MAX_PLAYERS:
        raise Refusal(
            "La session est complète\u00a0: demandez à l’enseignant d’en ouvrir une autre."
        )
    try:
        with transaction.atomic():
            late_start = _late_start(session, now) if self_paced(session) else {}
            player = Player.objects.create(
                session=session,
                pseudo=name,
                pseudo_key=key,
                token=secrets.token_urlsafe(32),
                rejoin_code=_new_rejoin_code(),
                user=account,
                **late_start,
            )
            # Counted with the player it made: a refused pseudo counts nothing.
            join_limits.join_counted(client=client)
    except IntegrityError as error:  # the same pseudo, an instant earlier
        raise Refusal(
            "Ce pseudo est déjà pris dans cette session\u00a0: choisissez-en un autre."
        ) from error
    return player


def _late_start(session: LiveSession, now: datetime | None) -> dict[str, object]:
    """Student-paced: the session's row, locked, so that the start (which puts every player on the
    first question) happens wholly before or wholly after this join; joining a game under way
    starts on the first question now.

    Teacher-paced joins take no lock: nothing they write depends on the session's state, and
    every join of the class would wait for that row (8 queries a join instead of 11 with the
    counter's, measured on PostgreSQL: docs/benchmarks.md, 2026-12-02)."""
    state = (
        LiveSession.objects.select_for_update()
        .filter(pk=session.pk)
        .values_list("state", flat=True)
        .first()
    )
    if state != LiveSession.State.QUESTION:
        return {}
    first = session_questions(session)[0]
    return {"current_index": 0, **question_clock(first, session, now or datetime.now(UTC))}


def _rejoin(
    taken: Player, *, rejoin_code: str, client: str, account: User | AnonymousUser | None
) -> Player:
    """The pseudo is taken: its owner comes back with their code de reprise; anyone else is told."""
    if not rejoin_code.strip():
        raise PseudoTaken(
            "Ce pseudo est déjà pris dans cette session. Si c’est le vôtre (nouvel appareil), "
            "saisissez aussi votre code de reprise, affiché sous votre pseudo sur votre ancien "
            "écran\u00a0; sinon, choisissez un autre pseudo."
        )
    if not _same_code(rejoin_code, taken.rejoin_code):
        join_limits.guess_failed(client=client)
        raise PseudoTaken(
            "Ce code de reprise ne correspond pas à ce pseudo\u00a0: vérifiez-le, ou demandez "
            "à l’enseignant."
        )
    if account is not None and taken.user_id is None:
        Player.objects.filter(pk=taken.pk, user__isnull=True).update(user=account)
    return taken


def player_of_account(*, user: User | AnonymousUser) -> Player | None:
    """A signed-in student's place in the open session they joined last (any device)."""
    if not user.is_authenticated:
        return None
    return (
        Player.objects.filter(user=user, session__state__in=OPEN_STATES)
        .select_related("session")
        .order_by("-joined_at")
        .first()
    )


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
