"""Helpers of the live-session tests."""

from __future__ import annotations

from quiz.live.rows import player_by_token
from quiz.models import Player


def fresh(player: Player) -> Player:
    """The player with its session as a request reads them (the answer services trust that read)."""
    found = player_by_token(player.token)
    assert found is not None
    return found
