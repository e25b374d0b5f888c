"""Points of a live-session answer (pure).

- "précision" (the default): 1 000 points per right answer, whatever the time — accuracy first.
- "rapidité": round(1 000 × (1 − t ÷ 2T)) for a right answer, t the response time and T the time
  limit: between 1 000 (instant) and 500 (at the buzzer).
- optional streak bonus: +100 per right answer in a row after the first, at most +500.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

ACCURACY = "precision"
SPEED = "rapidite"
BASE_POINTS = 1000
STREAK_STEP = 100
STREAK_CAP = 500


def answer_points(
    *,
    correct: bool,
    mode: str,
    response_ms: int,
    limit_ms: int,
    streak: int = 0,
    streak_bonus: bool = False,
) -> int:
    """Points for one answer. `streak` counts the right answers in a row before this one."""
    if not correct:
        return 0
    if mode == SPEED:
        elapsed = min(max(response_ms, 0), limit_ms)
        share = Decimal(1) - Decimal(elapsed) / (2 * Decimal(limit_ms))
        points = int((BASE_POINTS * share).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    else:
        points = BASE_POINTS
    if streak_bonus:
        points += min(STREAK_CAP, STREAK_STEP * streak)
    return points
