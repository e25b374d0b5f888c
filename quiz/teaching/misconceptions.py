"""What a class gets wrong: the mistakes diagnosed in its students' answers — homework, practice
and live games alike — per KPI and per week, most frequent first (three queries, whatever the
class size). A live game counts for the students who played it signed in (`Player.user`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count
from django.db.models.functions import TruncWeek

from calculators.kpis import KPIS_BY_SLUG, MISTAKE_SUMMARIES
from quiz.models import AttemptItem, LiveAnswer, LiveSession, SchoolClass

WEEKS = 6
TOP = 8


@dataclass(frozen=True)
class Misconception:
    kpi_name: str
    code: str
    total: int
    per_week: tuple[int, ...]  # oldest week first, `WEEKS` of them
    phrase: str  # « ont divisé par les e-mails délivrés »


@dataclass(frozen=True)
class ClassMisconceptions:
    weeks: tuple[date, ...]  # Mondays, oldest first
    rows: list[tuple[Misconception, int]]  # (mistake, bar length 0–100), most frequent first
    answers: int  # answers with a diagnosis, in the period


def _monday(moment: datetime | date) -> date:
    day = moment.date() if isinstance(moment, datetime) else moment
    return day - timedelta(days=day.weekday())


def class_misconceptions(*, school_class: SchoolClass, today: date) -> ClassMisconceptions:
    """The `TOP` most frequent (KPI, mistake) pairs of the last `WEEKS` weeks."""
    weeks = tuple(_monday(today) - timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1))
    students = list(school_class.enrolments.values_list("student_id", flat=True))
    owners = [f"user:{pk}" for pk in students]
    counts: dict[tuple[str, str], dict[date, int]] = {}
    rows = (
        AttemptItem.objects.filter(
            attempt__owner__in=owners,
            answered_at__date__gte=weeks[0],
            kpi_slug__gt="",
        )
        .exclude(diagnosis="")
        .annotate(week=TruncWeek("answered_at"))
        .values("kpi_slug", "diagnosis", "week")
        .annotate(n=Count("id"))
    )
    for row in [*rows, *_live_rows(students, weeks[0])]:
        per_week = counts.setdefault((row["kpi_slug"], row["diagnosis"]), {})
        week = _monday(row["week"])
        per_week[week] = per_week.get(week, 0) + row["n"]
    found = []
    for (slug, code), per_week in counts.items():
        total = sum(per_week.values())
        kpi = KPIS_BY_SLUG.get(slug)
        found.append(
            Misconception(
                kpi.name if kpi else slug,
                code,
                total,
                tuple(per_week.get(week, 0) for week in weeks),
                MISTAKE_SUMMARIES.get(code, code),  # « les élèves ont… »: always plural
            )
        )
    found.sort(key=lambda m: (-m.total, m.kpi_name, m.code))
    top = found[:TOP]
    most = top[0].total if top else 1
    return ClassMisconceptions(
        weeks,
        [(m, round(100 * m.total / most)) for m in top],
        sum(m.total for m in found),
    )


def _live_rows(students: list[int], since: date) -> list[dict]:
    """The class's diagnosed live answers as (kpi_slug, diagnosis, week, n): their KPI is the one of
    the session's question as it was played (the quiz frozen at launch), two queries in all."""
    rows = list(
        LiveAnswer.objects.filter(player__user_id__in=students, answered_at__date__gte=since)
        .exclude(diagnosis="")
        .annotate(week=TruncWeek("answered_at"))
        .values("session_id", "question_index", "diagnosis", "week")
        .annotate(n=Count("id"))
    )
    played = {
        pk: [entry["question"]["fields"].get("kpi_slug", "") for entry in snapshot or []]
        for pk, snapshot in LiveSession.objects.filter(
            pk__in={row["session_id"] for row in rows}
        ).values_list("pk", "questions")
    }
    found = []
    for row in rows:
        slugs = played.get(row["session_id"], [])
        index = row["question_index"]
        if 0 <= index < len(slugs) and slugs[index]:
            found.append({**row, "kpi_slug": slugs[index]})
    return found
