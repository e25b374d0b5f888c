"""The teacher's list of a session's players: remove one, or merge a ghost (the player a student
left behind on a dead phone) into the player they came back as."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count

from quiz.errors import Refusal
from quiz.live.sessions import check_owner, state_changed
from quiz.live.standings import scored_players
from quiz.models import LiveAnswer, LiveSession, Player

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def session_roster(*, session: LiveSession) -> list[Player]:
    """Every player with `score`, `time_ms` and `answered` (one query), best first."""
    return list(
        scored_players(session)
        .annotate(answered=Count("answers", distinct=True))
        .order_by("-score", "time_ms", "joined_at", "id")
        .select_related("user")
    )


def _player_of(session: LiveSession, player_id: int | None) -> Player:
    player = Player.objects.filter(session=session, pk=player_id or 0).first()
    if player is None:
        raise Refusal("Ce joueur n’est plus dans la session.")
    return player


@transaction.atomic
def player_remove(
    *, session: LiveSession, user: User | AnonymousUser, player_id: int | None
) -> str:
    """Remove a player and their answers; their phone goes back to the join form. Returns the
    pseudo removed."""
    check_owner(session, user)
    player = _player_of(session, player_id)
    pseudo = player.pseudo
    player.delete()
    state_changed(session)
    return pseudo


@transaction.atomic
def player_merge(
    *,
    session: LiveSession,
    user: User | AnonymousUser,
    ghost_id: int | None,
    into_id: int | None,
) -> Player:
    """Give the ghost's answers to the player it duplicates, then remove the ghost.

    Where both answered the same question, the answer kept is the one of the player merged into
    (the student's current device); the ghost's account, if any, follows when the other has none."""
    check_owner(session, user)
    ghost, into = _player_of(session, ghost_id), _player_of(session, into_id)
    if ghost.pk == into.pk:
        raise Refusal("Choisissez deux joueurs différents.")
    if ghost.user_id and into.user_id and ghost.user_id != into.user_id:
        raise Refusal("Ces deux joueurs sont deux comptes d’élèves différents.")
    answered = set(LiveAnswer.objects.filter(player=into).values_list("question_index", flat=True))
    LiveAnswer.objects.filter(player=ghost).exclude(question_index__in=answered).update(player=into)
    account = ghost.user_id
    if session.pacing == LiveSession.Pacing.STUDENT and ghost.current_index > into.current_index:
        Player.objects.filter(pk=into.pk).update(
            current_index=ghost.current_index,
            question_started_at=ghost.question_started_at,
            question_deadline=ghost.question_deadline,
        )
    ghost.delete()
    if account and not into.user_id:
        Player.objects.filter(pk=into.pk).update(user_id=account)
    state_changed(session)
    into.refresh_from_db()
    return into
