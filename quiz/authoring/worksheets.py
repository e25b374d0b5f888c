"""Printable worksheets of a quiz: one sheet per student, each with its own numbers, then the
answer key (expected answers and short worked solutions), for N anonymous sheets or a class.

Each sheet's numbers come from a seed derived from the quiz, the question and the sheet (its number,
or the student's account for a class): printing again gives the same sheets. Two sheets never
share a question's numbers (the next seed is taken when they would).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.core.cache import cache

from calculators.kpis import Step
from calculators.numbers import format_quantity
from courses.models import ConceptQuestion, QuestionOption
from quiz.authoring.drawing import question_exercise
from quiz.engine.generate import Exercise
from quiz.errors import Refusal
from quiz.models import Quiz, QuizQuestion, SchoolClass

MAX_SHEETS = 60
COUNT_MESSAGE = f"Indiquez un nombre de fiches entre 1 et {MAX_SHEETS}."
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_RESEEDS = 50  # seeds tried per sheet and question to keep every sheet's numbers its own


@dataclass(frozen=True)
class ChoiceLine:
    letter: str
    option: QuestionOption


@dataclass(frozen=True)
class SheetQuestion:
    number: int  # 1, 2, … in the quiz's order
    question: QuizQuestion
    seed: int = 0
    exercise: Exercise | None = None
    concept: ConceptQuestion | None = None
    choices: tuple[ChoiceLine, ...] = ()

    @property
    def points(self) -> int:
        return self.question.points

    @property
    def value_plain(self) -> str:
        """`52.33`: the catalogue's result on this sheet's data (the `data-value` contract)."""
        if self.exercise is None:
            return ""
        return self.exercise.kpi.compute(self.exercise.inputs).value_plain

    @property
    def expected_display(self) -> str:
        """`52,33 %`, rounded as the question asks (0, 1 or 2 decimals)."""
        if self.exercise is None:
            return ", ".join(f"{c.letter}. {c.option.text}" for c in self.right_choices)
        kpi = self.exercise.kpi
        return format_quantity(self.exercise.expected, kpi.unit, self.exercise.decimals)

    @property
    def steps(self) -> tuple[Step, ...]:
        if self.exercise is None:
            return ()
        return self.exercise.preliminary_steps + self.exercise.solution().steps

    @property
    def right_choices(self) -> tuple[ChoiceLine, ...]:
        return tuple(c for c in self.choices if c.option.is_correct)

    @property
    def right_letters(self) -> str:
        return ",".join(c.letter for c in self.right_choices)


@dataclass(frozen=True)
class Sheet:
    number: int  # k: 1 … N
    student_name: str  # "" for an anonymous sheet (a line to write one's name on)
    questions: tuple[SheetQuestion, ...]

    @property
    def points(self) -> int:
        return sum(item.points for item in self.questions)


@dataclass(frozen=True)
class Worksheets:
    quiz: Quiz
    sheets: tuple[Sheet, ...]
    school_class: SchoolClass | None
    day: date

    @property
    def class_name(self) -> str:
        return str(self.school_class) if self.school_class else ""


def worksheet_count(raw: str) -> int:
    """`?eleves=N` as typed: ASCII digits, 1 ≤ N ≤ 60; else a French message (Refusal)."""
    text = raw.strip()
    if not (0 < len(text) <= 2 and text.isascii() and text.isdigit()):
        raise Refusal(COUNT_MESSAGE)
    count = int(text)
    if not 1 <= count <= MAX_SHEETS:
        raise Refusal(COUNT_MESSAGE)
    return count


def sheet_seed(*, quiz_id: int, question_id: int, sheet_key: str, attempt: int = 0) -> int:
    """A stable 62-bit seed for one question of one sheet (`sheet_key`: `3`, or `user:12`)."""
    text = f"fiche:{quiz_id}:{question_id}:{sheet_key}:{attempt}".encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big") >> 2


def _student_name(student: User) -> str:
    return student.get_full_name().strip() or student.username


def roster_students(*, school_class: SchoolClass) -> list[User]:
    """The class's students in alphabetical order (last name, first name, username)."""
    return [
        enrolment.student
        for enrolment in school_class.enrolments.select_related("student").order_by(
            "student__last_name", "student__first_name", "student__username"
        )
    ]


def worksheets_for(
    *, quiz: Quiz, day: date, count: int | None = None, school_class: SchoolClass | None = None
) -> Worksheets:
    """`count` anonymous sheets, or one sheet per student of `school_class`, then the key."""
    questions = list(
        QuizQuestion.objects.filter(quiz=quiz)
        .select_related("concept_question")
        .order_by("order", "id")
    )
    if not questions:
        raise Refusal("Ce quiz n’a encore aucune question\u00a0: il n’y a rien à imprimer.")
    if school_class is not None:
        students = roster_students(school_class=school_class)
        if not students:
            raise Refusal("Cette classe n’a encore aucun élève inscrit.")
        if len(students) > MAX_SHEETS:
            raise Refusal(f"Les fiches se préparent pour {MAX_SHEETS} élèves au plus.")
        who = [(f"user:{s.pk}", _student_name(s)) for s in students]
    else:
        if count is None or not 1 <= count <= MAX_SHEETS:
            raise Refusal(COUNT_MESSAGE)
        who = [(str(k), "") for k in range(1, count + 1)]
    concept_ids = [q.concept_question_id for q in questions if q.concept_question_id]
    options: dict[int, list[QuestionOption]] = {}
    for option in QuestionOption.objects.filter(question_id__in=concept_ids).order_by(
        "order", "id"
    ):
        options.setdefault(option.question_id, []).append(option)
    seen: dict[int, set[tuple]] = {q.pk: set() for q in questions}
    sheets = []
    for k, (key, name) in enumerate(who, start=1):
        items = []
        for number, question in enumerate(questions, start=1):
            if question.kind == QuizQuestion.Kind.NUMERIC:
                items.append(_numeric(quiz, question, number, key, seen[question.pk]))
            else:
                lines = tuple(
                    ChoiceLine(LETTERS[i % len(LETTERS)], option)
                    for i, option in enumerate(options.get(question.concept_question_id or 0, []))
                )
                items.append(
                    SheetQuestion(
                        number, question, concept=question.concept_question, choices=lines
                    )
                )
        sheets.append(Sheet(k, name, tuple(items)))
    return Worksheets(quiz, tuple(sheets), school_class, day)


def _numeric(
    quiz: Quiz, question: QuizQuestion, number: int, key: str, seen: set[tuple]
) -> SheetQuestion:
    """The sheet's exercise: the first seed whose numbers no earlier sheet has for this question."""
    exercise = None
    for attempt in range(MAX_RESEEDS):
        seed = sheet_seed(quiz_id=quiz.pk, question_id=question.pk, sheet_key=key, attempt=attempt)
        try:
            exercise = question_exercise(question, seed)
        except ValueError as error:  # a KPI the catalogue no longer has
            raise Refusal(
                f"La question {number} ne peut pas être générée\u00a0: vérifiez son indicateur."
            ) from error
        numbers = tuple(sorted(exercise.given.items()))
        if numbers not in seen:
            seen.add(numbers)
            break
    assert exercise is not None  # MAX_RESEEDS > 0
    return SheetQuestion(number, question, seed=seed, exercise=exercise)


STYLESHEET = "css/worksheet.css"
PDF_CACHE_SECONDS = 3600


def worksheets_pdf(*, html: str) -> bytes:
    """The worksheets' page as a PDF (WeasyPrint), with the print stylesheet read from the static
    files; nothing is fetched (no network, no file but the stylesheet).

    WeasyPrint lays out a few pages a second: sixty sheets take seconds. The same page (same
    quiz, sheets and day: the sheets are reproducible) is rendered once an hour, from the cache
    shared by the processes."""
    stylesheet = _stylesheet()
    key = "worksheets-pdf:" + hashlib.sha256((stylesheet + html).encode()).hexdigest()
    cached = cache.get(key)
    if isinstance(cached, bytes):
        return cached
    # Imported here: heavy, and it needs Pango; only the PDF view loads it.
    import weasyprint  # type: ignore[import-untyped]

    no_fetch = weasyprint.URLFetcher(allowed_protocols=())
    css = weasyprint.CSS(string=stylesheet, url_fetcher=no_fetch)
    pdf = bytes(weasyprint.HTML(string=html, url_fetcher=no_fetch).write_pdf(stylesheets=[css]))
    cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


def _stylesheet() -> str:
    path = finders.find(STYLESHEET)
    if not path:
        raise FileNotFoundError(STYLESHEET)
    return Path(str(path)).read_text(encoding="utf-8")
