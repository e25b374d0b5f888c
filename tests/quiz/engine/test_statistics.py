from __future__ import annotations

import pytest

from quiz.engine.statistics import discrimination_index, discrimination_reading, facility_index


def test_facility_is_the_mean_share_of_the_maximum():
    assert facility_index([1, 0, 1, 1], 1) == 75
    assert facility_index([2, 1], 2) == 75
    assert facility_index([], 1) is None


def test_discrimination_is_the_correlation_with_the_rest_of_the_quiz():
    # The strong students (high rest score) got it right, the weak ones wrong: perfect.
    assert discrimination_index([1, 1, 0, 0], [9, 8, 2, 1]) == pytest.approx(
        100 * 0.9899494936611665
    )
    assert discrimination_index([0, 0, 1, 1], [9, 8, 2, 1]) < 0
    assert discrimination_index([1, 1, 1, 1], [9, 8, 2, 1]) is None  # everyone right
    assert discrimination_index([1], [3]) is None


def test_discrimination_needs_one_rest_score_per_attempt():
    with pytest.raises(ValueError):
        discrimination_index([1, 0], [1])


@pytest.mark.parametrize(
    ("index", "reading"),
    [(45, "bonne"), (25, "correcte"), (5, "faible"), (-10, "négative (à revoir)")],
)
def test_readings_follow_moodle(index, reading):
    assert discrimination_reading(index) == reading
