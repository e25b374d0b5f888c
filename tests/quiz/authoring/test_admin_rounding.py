"""The rounding a teacher sets per numeric question: the instruction, the expected answer, the
working and the tolerance follow it; 2 decimals stays today's behaviour."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quiz.engine.generate import CURRENT_GENERATOR, generate
from quiz.engine.grade import grade_numeric
from quiz.grading import grade_answer, numeric_exercise, tolerance_for


@pytest.mark.parametrize("seed", range(30))
def test_two_decimals_is_todays_exercise(seed):
    for slug in ("taux-clics", "cpc", "roas"):
        today = generate(slug, 2, seed, CURRENT_GENERATOR)
        exercise = numeric_exercise(
            kpi_slug=slug, difficulty=2, seed=seed, generator=CURRENT_GENERATOR
        )
        assert exercise == today and exercise.decimals == 2
        assert exercise.rounding == today.rounding and exercise.expected == today.expected
        assert exercise.solution() == today.solution()


@pytest.mark.parametrize(
    ("decimals", "instruction", "quantum"),
    [(1, "arrondi au dixième (0,1\u202f%)", "0.1"), (0, "arrondi à l’unité (1\u202f%)", "1")],
)
@pytest.mark.parametrize("seed", range(20))
def test_rounding_follows_through(seed, decimals, instruction, quantum):
    exercise = numeric_exercise(
        kpi_slug="taux-clics",
        difficulty=1,
        seed=seed,
        generator=CURRENT_GENERATOR,
        decimals=decimals,
    )
    assert instruction in exercise.rounding
    assert exercise.expected == exercise.exact.quantize(Decimal(quantum), rounding="ROUND_HALF_UP")
    result = exercise.solution().steps[-1]
    assert result.kind == "result"
    decimals_shown = result.text.split(",")[1].rstrip("\u202f%") if "," in result.text else ""
    assert len(decimals_shown) == decimals
    tolerance = tolerance_for("absolute", Decimal("0.01"), decimals)
    assert tolerance.absolute == Decimal(quantum)
    assert (
        grade_answer(exercise=exercise, tolerance=tolerance, answer=f"{exercise.expected}").verdict
        == "correct"
    )
    grade = grade_numeric(exercise, str(exercise.expected), tolerance)
    assert grade.expected_display.count(",") == (1 if decimals else 0)


def test_tolerance_is_never_finer_than_the_rounding_but_may_be_wider():
    assert tolerance_for("absolute", Decimal("0.01"), 2).absolute == Decimal("0.01")
    assert tolerance_for("absolute", Decimal("0.001"), 2).absolute == Decimal("0.001")
    assert tolerance_for("absolute", Decimal("0.01"), 0).absolute == Decimal(1)
    assert tolerance_for("absolute", Decimal("2"), 0).absolute == Decimal(2)
    assert tolerance_for("relative", Decimal("0.05"), 0).relative == Decimal("0.05")


def test_unknown_rounding_is_refused():
    with pytest.raises(ValueError):
        numeric_exercise(
            kpi_slug="cpc", difficulty=1, seed=1, generator=CURRENT_GENERATOR, decimals=3
        )
