"""An assignment's results for its teacher: one row per student (the attempt that counts), one
column per question with its facility and, from `MIN_ATTEMPTS` on, its discrimination; the class's
diagnosed mistakes per numeric question, named from the catalogue. A fixed number of queries,
whatever the size of the class."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.models import User

from calculators.kpis import KPIS_BY_SLUG
from quiz.engine.grade import CORRECT
from quiz.engine.statistics import (
    MIN_ATTEMPTS,
    discrimination_index,
    discrimination_reading,
    facility_index,
)
from quiz.mistakes import mistake_phrase
from quiz.models import Assignment, Attempt, AttemptItem, QuizQuestion
from quiz.teaching.assignments import owner_of


@dataclass
class StudentRow:
    student: User
    attempt: Attempt | None
    due_at: datetime
    items: list[AttemptItem] = field(default_factory=list)
    attempts: int = 0

    @property
    def score(self) -> int:
        return sum(i.points for i in self.items if i.verdict == CORRECT)

    @property
    def maximum(self) -> int:
        return sum(i.points for i in self.items)

    @property
    def answered(self) -> int:
        return sum(1 for i in self.items if i.is_answered)

    @property
    def finished_at(self) -> datetime | None:
        times = [i.answered_at for i in self.items if i.answered_at is not None]
        return max(times) if len(times) == len(self.items) and times else None

    @property
    def time_spent(self) -> timedelta | None:
        """From the attempt's start to its last answer."""
        times = [i.answered_at for i in self.items if i.answered_at is not None]
        if self.attempt is None or not times:
            return None
        return max(times) - self.attempt.created_at

    @property
    def late(self) -> bool:
        """Handed in after the due date (late work the assignment accepted)."""
        done = self.finished_at
        return done is not None and done > self.due_at


@dataclass(frozen=True)
class Mistake:
    code: str
    count: int
    phrase: str  # « ont divisé par les e-mails délivrés »


@dataclass(frozen=True)
class QuestionColumn:
    number: int
    question: QuizQuestion
    title: str
    answered: int
    correct: int
    facility: float | None
    discrimination: float | None
    mistakes: list[Mistake]

    @property
    def reading(self) -> str:
        return "" if self.discrimination is None else discrimination_reading(self.discrimination)


@dataclass(frozen=True)
class AssignmentResults:
    assignment: Assignment
    rows: list[StudentRow]
    columns: list[QuestionColumn]
    analysed: bool  # enough attempts for the item analysis


def _counted(attempts: list[Attempt], items: dict[object, list[AttemptItem]], rule: str) -> Attempt:
    if rule == Assignment.Attempts.ONE:
        return attempts[0]
    if rule == Assignment.Attempts.LAST:
        return attempts[-1]
    return max(
        attempts,
        key=lambda a: (sum(i.points for i in items[a.pk] if i.verdict == CORRECT), a.created_at),
    )


def assignment_results(*, assignment: Assignment) -> AssignmentResults:
    """Four queries: the class's students, their attempts, the attempts' items, the questions."""
    students = [e.student for e in assignment.school_class.enrolments.select_related("student")]
    owners = {owner_of(s): s for s in students}
    attempts: dict[str, list[Attempt]] = {}
    for attempt in Attempt.objects.filter(assignment=assignment, owner__in=owners).order_by(
        "created_at"
    ):
        attempts.setdefault(attempt.owner, []).append(attempt)
    items: dict[object, list[AttemptItem]] = {}
    for item in AttemptItem.objects.filter(attempt__assignment=assignment).order_by(
        "attempt_id", "position"
    ):
        items.setdefault(item.attempt_id, []).append(item)
    rows = []
    for owner, student in owners.items():
        mine = attempts.get(owner, [])
        counted = _counted(mine, items, assignment.attempt_rule) if mine else None
        rows.append(
            StudentRow(
                student,
                counted,
                assignment.due_at,
                items.get(counted.pk, []) if counted else [],
                len(mine),
            )
        )
    rows.sort(key=lambda r: (r.attempt is None, -r.score, r.student.username.casefold()))
    questions = list(assignment.quiz.questions.select_related("concept_question"))
    scored = [r for r in rows if r.items and r.answered == len(r.items)]
    columns = [_column(n, q, rows, scored) for n, q in enumerate(questions, start=1)]
    return AssignmentResults(assignment, rows, columns, len(scored) >= MIN_ATTEMPTS)


def _column(
    number: int, question: QuizQuestion, rows: list[StudentRow], scored: list[StudentRow]
) -> QuestionColumn:
    cells = [r.items[number - 1] for r in rows if len(r.items) >= number]
    answered = [c for c in cells if c.is_answered]
    correct = sum(1 for c in answered if c.verdict == CORRECT)
    counts: dict[str, int] = {}
    for cell in answered:
        if cell.diagnosis:
            counts[cell.diagnosis] = counts.get(cell.diagnosis, 0) + 1
    mistakes = [
        Mistake(code, n, mistake_phrase(code, n))
        for code, n in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    ]
    item_scores = [1.0 if r.items[number - 1].verdict == CORRECT else 0.0 for r in scored]
    rest = [
        sum(1.0 for i in r.items if i.verdict == CORRECT) - item
        for r, item in zip(scored, item_scores, strict=True)
    ]
    if question.kind == QuizQuestion.Kind.NUMERIC and question.kpi_slug in KPIS_BY_SLUG:
        title = KPIS_BY_SLUG[question.kpi_slug].name
    else:
        title = question.concept_question.stem if question.concept_question else "Question"
    return QuestionColumn(
        number,
        question,
        title,
        len(answered),
        correct,
        facility_index([1.0 if c.verdict == CORRECT else 0.0 for c in answered], 1.0),
        discrimination_index(item_scores, rest) if len(scored) >= MIN_ATTEMPTS else None,
        mistakes,
    )
