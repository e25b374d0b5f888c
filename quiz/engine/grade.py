"""Grade a raw answer like a good teacher: read it the French way, accept it within tolerance, say
what went wrong when the mistake is recognisable, and always show the worked solution."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from calculators.kpis import (
    PERCENT,
    RATIO,
    UNIT_MISTAKE_CODE,
    Calculation,
    Step,
    percent_ratio_message,
    unit_mistake_message,
)
from calculators.numbers import NumberParseError, format_quantity, parse_number
from quiz.engine.diagnose import diagnose
from quiz.engine.generate import Exercise
from quiz.engine.tolerance import DEFAULT_TOLERANCE, Tolerance

CORRECT, INCORRECT, INVALID = "correct", "incorrect", "invalid"
MAX_ANSWER_LENGTH = 200


@dataclass(frozen=True)
class NumericGrade:
    verdict: str  # correct | incorrect | invalid
    message: str
    answer: Decimal | None = None  # the number read, in the KPI's unit (440 % → 4,40 for a ratio)
    diagnosis: str | None = None  # a mistake code of KPIS.md
    diagnosis_message: str | None = None
    exercise: Exercise | None = None

    @property
    def counted(self) -> bool:
        """An unreadable answer is not a wrong answer: the student simply tries again."""
        return self.verdict != INVALID

    @property
    def _graded_exercise(self) -> Exercise:
        """The exercise graded on: every grade of `grade_numeric` has one."""
        if self.exercise is None:  # as reading through None would
            raise AttributeError("this grade has no exercise")
        return self.exercise

    @property
    def expected_display(self) -> str:
        exercise = self._graded_exercise
        return format_quantity(exercise.expected, exercise.kpi.unit, exercise.decimals)

    @cached_property
    def calculation(self) -> Calculation:
        """The worked solution on the exercise's numbers, computed once per grade."""
        return self._graded_exercise.solution()

    @property
    def solution(self) -> tuple[Step, ...]:
        """Preliminary steps, then formula → substitution → result (KPIS.md format)."""
        return self._graded_exercise.preliminary_steps + self.calculation.steps

    @property
    def interpretation(self) -> str | None:
        return self.calculation.interpretation


def grade_numeric(
    exercise: Exercise, raw: str | None, tolerance: Tolerance = DEFAULT_TOLERANCE
) -> NumericGrade:
    """Grade what the student typed; never raises, whatever the string."""
    text = "" if raw is None else str(raw)[:MAX_ANSWER_LENGTH]
    try:
        parsed = parse_number(text)
    except NumberParseError as error:
        return NumericGrade(INVALID, error.message, exercise=exercise)
    kpi = exercise.kpi
    exact = exercise.exact
    value, unit = parsed.value, parsed.unit
    if kpi.unit == RATIO and unit == PERCENT:
        # A ratio may be written as a percentage: a ROAS of 440 % is a ROAS of 4,40.
        value, unit = value / 100, RATIO
    if unit and unit != kpi.unit:
        return NumericGrade(
            INCORRECT,
            "Ce n’est pas la bonne réponse.",
            value,
            UNIT_MISTAKE_CODE,
            unit_mistake_message(kpi.unit, unit),
            exercise,
        )
    if tolerance.accepts(value, exact):
        return NumericGrade(CORRECT, "Bonne réponse\u202f!", value, exercise=exercise)
    read = value  # the number the mistake is recognised on
    mistake = diagnose(kpi, exercise.data, value, exact, tolerance)
    if mistake is None and kpi.unit == RATIO and not parsed.unit:
        # A ratio written as a percentage without its sign: 440 for a ROAS of 4,40 (said so),
        # or 340, the ROI in percent, for a known mistake (read on 3,40).
        if exact != 0 and tolerance.accepts(value / 100, exact):
            return NumericGrade(
                INCORRECT,
                "Ce n’est pas la bonne réponse.",
                value,
                UNIT_MISTAKE_CODE,
                percent_ratio_message(value),
                exercise,
            )
        read = value / 100
        mistake = diagnose(kpi, exercise.data, read, exact, tolerance)
    return NumericGrade(
        INCORRECT,
        "Ce n’est pas la bonne réponse.",
        value,
        mistake.code if mistake else None,
        mistake.message_for(read) if mistake else None,
        exercise,
    )


@dataclass(frozen=True)
class ChoiceGrade:
    verdict: str
    message: str
    correct_ids: frozenset[int]
    chosen_ids: frozenset[int]

    @property
    def counted(self) -> bool:
        return self.verdict != INVALID


def grade_choice(
    kind: str, right_ids: Collection[int], chosen_ids: Collection[int], option_ids: Collection[int]
) -> ChoiceGrade:
    """A concept question: right when exactly the right options are chosen (all of them)."""
    right, chosen = frozenset(right_ids), frozenset(chosen_ids)
    if not chosen:
        return ChoiceGrade(INVALID, "Choisissez une réponse.", right, chosen)
    if not chosen <= frozenset(option_ids):
        return ChoiceGrade(
            INVALID, "Cette réponse ne fait pas partie des choix proposés.", right, chosen
        )
    if kind != "multiple" and len(chosen) > 1:
        return ChoiceGrade(INVALID, "Une seule réponse est attendue.", right, chosen)
    if chosen == right:
        return ChoiceGrade(CORRECT, "Bonne réponse\u202f!", right, chosen)
    if kind == "multiple" and chosen < right:
        return ChoiceGrade(
            INCORRECT, "Incomplet : il manque au moins une bonne réponse.", right, chosen
        )
    return ChoiceGrade(INCORRECT, "Ce n’est pas la bonne réponse.", right, chosen)
