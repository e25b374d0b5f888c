"""The one way from a question, as any room stores it, to the engine's verdict.

Practice items, live questions, and later assignments and exports all grade through `grade_answer`:
a numeric question on its generated exercise and its tolerance, a concept question on its options.
The caller generates the exercise once (`numeric_exercise`) and loads the options once, then shows
the same objects on its screen: an answer never generates or reads anything twice.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal

from courses.models import ConceptQuestion, QuestionOption
from quiz.engine.generate import Exercise, generate, generate_campaign
from quiz.engine.grade import ChoiceGrade, NumericGrade, grade_choice, grade_numeric
from quiz.engine.tolerance import DEFAULT_TOLERANCE, Tolerance

RELATIVE = "relative"  # QuizQuestion.ToleranceKind.RELATIVE, without importing the models here


@dataclass(frozen=True)
class Feedback:
    """What the student sees after answering: the grade, with the exercise or question it is on."""

    grade: NumericGrade | ChoiceGrade
    exercise: Exercise | None = None
    question: ConceptQuestion | None = None

    @property
    def verdict(self) -> str:
        return self.grade.verdict

    @property
    def diagnosis(self) -> str:
        return getattr(self.grade, "diagnosis", None) or ""


def numeric_exercise(
    *,
    kpi_slug: str,
    difficulty: int,
    seed: int,
    generator: int,
    campaign: bool = False,
    decimals: int = 2,
) -> Exercise:
    """The exercise a question's seed gives (the same numbers every time: it is regenerated, never
    stored); a campaign item asks one KPI of the campaign's shared data set. `generator`: the
    version of the draws stored with the seed. `decimals`: the rounding the question asks (its
    instruction, expected answer and working follow it)."""
    if campaign:
        exercise = generate_campaign(seed, generator=generator).exercise(kpi_slug)
    else:
        exercise = generate(kpi_slug, difficulty, seed, generator)
    return exercise if decimals == 2 else exercise.rounded_to(decimals)


def tolerance_for(kind: str, value: Decimal, decimals: int = 2) -> Tolerance:
    """A stored tolerance (`absolute` or `relative`, and its value) as the engine reads it.

    A question rounded to 1 or 0 decimals accepts at least one unit of its last decimal (0,1 or 1):
    the rounded answer it asks for must be right. At 2 decimals the stored value is used as is."""
    if kind == RELATIVE:
        return Tolerance(relative=value)
    if decimals < 2:
        value = max(value, Decimal(1).scaleb(-decimals))
    return Tolerance(absolute=value)


def grade_answer(
    *,
    exercise: Exercise | None = None,
    tolerance: Tolerance = DEFAULT_TOLERANCE,
    question: ConceptQuestion | None = None,
    options: Sequence[QuestionOption] = (),
    answer: str = "",
    chosen_ids: Collection[int] = (),
) -> Feedback:
    """Grade a numeric answer on `exercise`, or the ticked `chosen_ids` of a concept `question`
    among its `options` (loaded once by the caller, who shows them too). Never raises."""
    if exercise is not None:
        return Feedback(grade_numeric(exercise, answer, tolerance), exercise=exercise)
    if question is None:
        raise ValueError("a question to grade needs an exercise or a concept question")
    grade = grade_choice(
        question.kind,
        [option.pk for option in options if option.is_correct],
        chosen_ids,
        [option.pk for option in options],
    )
    return Feedback(grade, question=question)
