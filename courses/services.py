"""Course pages: the chapter with its lessons, a lesson with what surrounds it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.http import HttpRequest
from django.utils.module_loading import import_string

from calculators.kpis import Calculation, Kpi, get_kpi
from courses.models import Chapter, ConceptQuestion, Lesson


@dataclass(frozen=True)
class LessonPage:
    lesson: Lesson
    previous: Lesson | None
    next: Lesson | None
    kpis: list[Kpi]
    examples: list[Calculation]


def practised_lessons(request: HttpRequest) -> set[str]:
    """Slugs of the lessons this student has practised, from the practice app's hook (if any)."""
    provider = getattr(settings, "COURSE_PROGRESS_PROVIDER", "")
    return import_string(provider)(request) if provider else set()


def chapter_with_lessons() -> Chapter | None:
    """The chapter and its ordered lessons, in two queries."""
    return Chapter.objects.prefetch_related("lessons").order_by("id").first()


def lesson_page(*, slug: str) -> LessonPage | None:
    """A lesson with its sections, formula cards, worked calculations and neighbours."""
    lesson = (
        Lesson.objects.select_related("chapter")
        .prefetch_related("sections")
        .filter(slug=slug)
        .first()
    )
    if lesson is None:
        return None
    siblings = list(
        Lesson.objects.filter(chapter_id=lesson.chapter_id).only("slug", "title", "order")
    )
    position = next(i for i, sibling in enumerate(siblings) if sibling.pk == lesson.pk)
    return LessonPage(
        lesson=lesson,
        previous=siblings[position - 1] if position > 0 else None,
        next=siblings[position + 1] if position + 1 < len(siblings) else None,
        kpis=[kpi for slug in lesson.kpi_slugs if (kpi := get_kpi(slug)) is not None],
        examples=lesson_examples(lesson),
    )


def lesson_examples(lesson: Lesson) -> list[Calculation]:
    """The worked example's calculations, computed by the catalogue; a malformed entry is skipped."""
    calculations = []
    for entry in lesson.example_calculations or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), dict):
            continue
        kpi = get_kpi(str(entry.get("kpi", "")))
        if kpi is None:
            continue
        try:
            values = {name: Decimal(str(entry["values"][name])) for name in kpi.input_names}
        except (KeyError, InvalidOperation):
            continue
        if not kpi.validate(values):
            calculations.append(kpi.compute(values))
    return calculations


def option_set_errors(kind: str, options: list[tuple[str, bool]]) -> list[str]:
    """What is wrong with a question's options, in French (empty when the set is valid).

    `options` are (text, is_correct) pairs. Used by the admin and checked on the fixtures.
    """
    errors = []
    right = sum(1 for _, is_correct in options if is_correct)
    if len(options) < 2:
        errors.append("Une question doit proposer au moins deux options.")
    if right == 0:
        errors.append("Cochez au moins une bonne réponse.")
    if kind == ConceptQuestion.Kind.TRUE_FALSE:
        if len(options) != 2:
            errors.append("Une question vrai ou faux a exactement deux options (Vrai, Faux).")
        elif right != 1:
            errors.append("Une question vrai ou faux a exactement une bonne réponse.")
    elif kind == ConceptQuestion.Kind.SINGLE and right > 1:
        errors.append(
            "Une question à choix unique a une seule bonne réponse : "
            "choisissez le type « Choix multiple » pour en accepter plusieurs."
        )
    if len({text.strip().casefold() for text, _ in options}) != len(options):
        errors.append("Deux options ont le même texte.")
    return errors
