"""Spaced repetition with Leitner boxes (pure).

Why Leitner rather than SM-2: a student meets each KPI a handful of times before the exam, so a
per-item "ease" (SM-2) has too few answers to settle; five boxes with doubling intervals are easy to
explain to a class ("une erreur vous renvoie en boîte 1") and behave well with few reviews.
- A wrong answer sends the item to box 1, due at once: "Revoir mes erreurs" offers it straight away.
- A right answer moves it up one box (at most 5); it is due again after that box's interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

BOXES = 5
INTERVALS = {
    1: timedelta(days=1),
    2: timedelta(days=2),
    3: timedelta(days=4),
    4: timedelta(days=8),
    5: timedelta(days=16),
}


@dataclass(frozen=True)
class Schedule:
    box: int
    due_at: datetime


def schedule_whatever_the_box(correct: bool, now: datetime) -> Schedule | None:
    """Where an item goes after an answer when its box does not matter (a wrong answer: box 1, due
    at once), else None. The card can then be updated without being read first."""
    return None if correct else Schedule(1, now)


def next_schedule(box: int | None, correct: bool, now: datetime) -> Schedule:
    """Where an item goes after an answer. `box` is None for an item met for the first time."""
    schedule = schedule_whatever_the_box(correct, now)
    if schedule is not None:
        return schedule
    new_box = 1 if box is None else min(BOXES, box + 1)
    return Schedule(new_box, now + INTERVALS[new_box])
