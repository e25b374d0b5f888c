"""Progress: mastery per KPI and per lesson, and the lessons a student has practised."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import HttpRequest

from calculators.kpis import KPIS, KPIS_BY_SLUG
from courses.models import Lesson
from quiz.engine.grade import CORRECT
from quiz.models import AttemptItem
from quiz.practice.owners import known_owner


@dataclass(frozen=True)
class Mastery:
    key: str
    label: str
    answered: int
    correct: int

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.answered) if self.answered else 0


def progress_for(*, owner: str) -> dict:
    """Mastery (share of right answers) per KPI and per lesson, in a fixed number of queries."""
    answered = AttemptItem.objects.filter(attempt__owner=owner, answered_at__isnull=False)
    per_kpi = {
        row["kpi_slug"]: row
        for row in answered.exclude(kpi_slug="")
        .values("kpi_slug")
        .annotate(total=Count("id"), right=Count("id", filter=Q(verdict=CORRECT)))
    }
    per_lesson_concepts = {
        row["concept_question__lesson"]: row
        for row in answered.filter(concept_question__isnull=False)
        .values("concept_question__lesson")
        .annotate(total=Count("id"), right=Count("id", filter=Q(verdict=CORRECT)))
    }
    kpi_mastery = [
        Mastery(kpi.slug, kpi.name, per_kpi[kpi.slug]["total"], per_kpi[kpi.slug]["right"])
        for kpi in KPIS
        if kpi.slug in per_kpi
    ]
    lessons = []
    for lesson in Lesson.objects.only("id", "slug", "title", "order", "kpi_slugs").order_by(
        "order"
    ):
        total = right = 0
        if lesson.pk in per_lesson_concepts:
            total += per_lesson_concepts[lesson.pk]["total"]
            right += per_lesson_concepts[lesson.pk]["right"]
        for slug in _lesson_kpis(lesson):
            if slug in per_kpi:
                total += per_kpi[slug]["total"]
                right += per_kpi[slug]["right"]
        lessons.append(Mastery(lesson.slug, lesson.title, total, right))
    return {"kpis": kpi_mastery, "lessons": lessons}


def _lesson_kpis(lesson: Lesson) -> set[str]:
    """The KPIs a lesson covers: its families' (the lesson on e-mailing also covers the variants
    on delivered e-mails that it mentions without a formula card of their own)."""
    families = {KPIS_BY_SLUG[slug].family for slug in lesson.kpi_slugs if slug in KPIS_BY_SLUG}
    return {kpi.slug for kpi in KPIS if kpi.family in families}


def practised_lesson_slugs(*, owner: str) -> set[str]:
    """Lessons the student has practised (for the marks on the course index)."""
    return {mastery.key for mastery in progress_for(owner=owner)["lessons"] if mastery.answered}


def practised_lesson_slugs_for_request(request: HttpRequest) -> set[str]:
    """The course index's hook (settings.COURSE_PROGRESS_PROVIDER); no session is created for it."""
    owner = known_owner(request)
    return practised_lesson_slugs(owner=owner) if owner else set()
