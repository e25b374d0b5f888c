"""A quiz question's numeric exercise as the teacher's tools draw it: the preview, the checks
before publishing and the printed worksheets all ask the current generator, with the question's
own rounding, so what the teacher previewed and what was checked is what the students get."""

from __future__ import annotations

from quiz.engine.generate import CURRENT_GENERATOR, Exercise
from quiz.grading import numeric_exercise
from quiz.models import QuizQuestion


def question_exercise(question: QuizQuestion, seed: int) -> Exercise:
    """The numeric question's exercise on `seed` (the same seed, the same numbers); raises
    ValueError for a KPI the catalogue no longer has, as `numeric_exercise` does."""
    return numeric_exercise(
        kpi_slug=question.kpi_slug,
        difficulty=question.difficulty,
        seed=seed,
        generator=CURRENT_GENERATOR,
        decimals=question.decimals,
    )
