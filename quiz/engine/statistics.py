"""Item analysis of a quiz's attempts, as Moodle's quiz statistics define it (pure).

- Facility index: the mean score on the question, as a percentage of its maximum: how easy it was.
- Discrimination index: the correlation (Pearson) between the score on the question and the score
  on the rest of the quiz, × 100: whether the students who did well overall got this one right.
  Moodle reads above 30 as good, 20–30 as fair, below 20 as weak; it is meaningless on few
  attempts, so it is shown from `MIN_ATTEMPTS` on.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import sqrt

MIN_ATTEMPTS = 10


def facility_index(scores: Sequence[float], maximum: float) -> float | None:
    """Mean score ÷ maximum × 100, or None without scores."""
    if not scores or maximum <= 0:
        return None
    return 100 * sum(scores) / (len(scores) * maximum)


def discrimination_index(item: Sequence[float], rest: Sequence[float]) -> float | None:
    """Pearson's correlation × 100 between each attempt's score on the question (`item`) and on
    the rest of the quiz (`rest`); None when either does not vary (nothing to correlate)."""
    if len(item) != len(rest):
        raise ValueError("one rest-of-quiz score per attempt")
    count = len(item)
    if count < 2:
        return None
    mean_item, mean_rest = sum(item) / count, sum(rest) / count
    covariance = sum((x - mean_item) * (y - mean_rest) for x, y in zip(item, rest, strict=True))
    spread_item = sqrt(sum((x - mean_item) ** 2 for x in item))
    spread_rest = sqrt(sum((y - mean_rest) ** 2 for y in rest))
    if spread_item == 0 or spread_rest == 0:
        return None
    return 100 * covariance / (spread_item * spread_rest)


def discrimination_reading(index: float) -> str:
    """Moodle's reading of a discrimination index, in French for teachers."""
    if index >= 30:
        return "bonne"
    if index >= 20:
        return "correcte"
    if index >= 0:
        return "faible"
    return "négative (à revoir)"
