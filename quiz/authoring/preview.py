"""What a teacher checks before students see a quiz: each question as a student would see it, and
for a numeric one, a variant's expected answer, its working and the value of each known mistake."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from calculators.kpis import Mistake
from calculators.numbers import format_quantity, round_half_up
from courses.models import QuestionOption
from quiz.authoring import french
from quiz.authoring.drawing import question_exercise
from quiz.engine.generate import Exercise
from quiz.engine.grade import NumericGrade, grade_numeric
from quiz.grading import RELATIVE, tolerance_for
from quiz.mistakes import mistake_phrase
from quiz.models import Quiz, QuizQuestion

MAX_SEED = 2**62


@dataclass(frozen=True)
class MistakePreview:
    """A known mistake of the KPI on the variant's numbers: what a student making it would type."""

    mistake: Mistake
    value: Decimal
    display: str
    recognised: bool  # the diagnosis names it (False: too close to the answer or to another one)

    @property
    def summary(self) -> str:
        """`a divisé par les e-mails délivrés…`: what the student did."""
        return mistake_phrase(self.mistake.code, 1)

    @property
    def diagnosis(self) -> str:
        """The diagnosis the student reads on their own number."""
        return self.mistake.message_for(self.value)


@dataclass(frozen=True)
class QuestionPreview:
    question: QuizQuestion
    position: int
    count: int
    seed: int
    exercise: Exercise | None = None
    grade: NumericGrade | None = None  # the expected answer graded: its solution and display
    mistakes: tuple[MistakePreview, ...] = ()
    options: tuple[QuestionOption, ...] = ()
    problem: str = ""  # the variant could not be generated

    @property
    def dom_id(self) -> str:
        return f"question-{self.question.pk}"

    @property
    def tolerance_display(self) -> str:
        """The tolerance the answer is graded with (an arrondi may widen the stored one)."""
        question = self.question
        tolerance = tolerance_for(question.tolerance_kind, question.tolerance, question.decimals)
        if tolerance.relative is not None:
            return french.tolerance_display(RELATIVE, tolerance.relative)
        unit = self.exercise.kpi.unit if self.exercise else ""
        return french.tolerance_display("absolute", tolerance.absolute, unit)

    @property
    def next_seed(self) -> int:
        """The « Autre variante » seed: another draw, the same one on every reload of this page."""
        return (self.seed * 6364136223846793005 + 1442695040888963407) % MAX_SEED


def preview_questions(quiz: Quiz) -> list[QuizQuestion]:
    """The quiz's questions in order, with their concept question, lesson and options (3 queries)."""
    return list(
        quiz.questions.order_by("order", "id")
        .select_related("concept_question__lesson")
        .prefetch_related("concept_question__options")
    )


def question_preview(
    *, question: QuizQuestion, position: int, count: int, seed: int
) -> QuestionPreview:
    """One question of the preview; a numeric one drawn on `seed` (the same seed, the same numbers)."""
    if question.kind != QuizQuestion.Kind.NUMERIC:
        concept = question.concept_question
        options = tuple(concept.options.all()) if concept else ()
        return QuestionPreview(question, position, count, seed, options=options)
    try:
        exercise = question_exercise(question, seed)
        tolerance = tolerance_for(question.tolerance_kind, question.tolerance, question.decimals)
        grade = grade_numeric(exercise, str(exercise.expected), tolerance)
        grade.solution  # noqa: B018 - computed here: a question that cannot be solved says so now
    except (ValueError, ArithmeticError, KeyError):
        return QuestionPreview(
            question, position, count, seed, problem="Cet exercice ne peut pas être généré."
        )
    mistakes = []
    quantum = Decimal(1).scaleb(-exercise.decimals)
    for mistake in exercise.kpi.mistakes:
        if not mistake.formula.names() <= exercise.data.keys():
            continue  # the statement does not give what this mistake needs
        value = mistake.value(exercise.data)
        if value is None:
            continue
        rounded = round_half_up(value, quantum)
        diagnosis = grade_numeric(exercise, str(rounded), tolerance).diagnosis
        mistakes.append(
            MistakePreview(
                mistake,
                rounded,
                format_quantity(rounded, exercise.kpi.unit, exercise.decimals),
                diagnosis == mistake.code,
            )
        )
    return QuestionPreview(question, position, count, seed, exercise, grade, tuple(mistakes))


def quiz_preview(*, quiz: Quiz, seeds: dict[int, int] | None = None) -> list[QuestionPreview]:
    """Every question of `quiz`; a numeric one on its own default seed (its id) unless `seeds`
    gives another for its id."""
    seeds = seeds or {}
    questions = preview_questions(quiz)
    return [
        question_preview(
            question=question,
            position=position,
            count=len(questions),
            seed=seeds.get(question.pk, question.pk),
        )
        for position, question in enumerate(questions, start=1)
    ]
