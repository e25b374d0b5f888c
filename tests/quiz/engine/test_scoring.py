"""Points of a live-session answer: pure arithmetic, no database."""

from __future__ import annotations

import pytest

from quiz.engine.scoring import answer_points


@pytest.mark.parametrize(
    ("mode", "response_ms", "limit_ms", "correct", "points"),
    [
        ("precision", 5000, 30000, True, 1000),
        ("precision", 29000, 30000, True, 1000),
        ("precision", 1000, 30000, False, 0),
        ("rapidite", 0, 30000, True, 1000),
        ("rapidite", 15000, 30000, True, 750),
        ("rapidite", 30000, 30000, True, 500),
        ("rapidite", 10000, 30000, True, 833),
        ("rapidite", 10000, 30000, False, 0),
    ],
)
def test_scoring(mode, response_ms, limit_ms, correct, points):
    assert (
        answer_points(correct=correct, mode=mode, response_ms=response_ms, limit_ms=limit_ms)
        == points
    )


def test_streak_bonus():
    assert (
        answer_points(
            correct=True, mode="precision", response_ms=0, limit_ms=1, streak=2, streak_bonus=True
        )
        == 1200
    )
    assert (
        answer_points(
            correct=True, mode="precision", response_ms=0, limit_ms=1, streak=9, streak_bonus=True
        )
        == 1500
    )
    assert (
        answer_points(
            correct=False, mode="precision", response_ms=0, limit_ms=1, streak=2, streak_bonus=True
        )
        == 0
    )
