"""Classes: created by a teacher with a join code students type (or scan) to sign up; the roster."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q

from quiz.engine.grade import CORRECT
from quiz.errors import Refusal
from quiz.models import AttemptItem, Enrolment, SchoolClass
from quiz.models.teaching import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH

NAME_MAX = 80
YEAR_MAX = 20


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalized_code(raw: str) -> str:
    """What a student typed, as codes are stored: capitals, no spaces or dashes."""
    return "".join(c for c in raw.upper() if c not in " -\u00a0\u202f\t")[:20]


def class_create(*, teacher: User, name: str, school_year: str = "") -> SchoolClass:
    """A class of this teacher's, with a join code unique among all classes."""
    name, school_year = " ".join(name.split()), " ".join(school_year.split())
    if not name:
        raise Refusal("Donnez un nom à la classe (par exemple « BTS NDRC 1re année »).")
    if len(name) > NAME_MAX:
        raise Refusal(f"Le nom de la classe doit faire au plus {NAME_MAX} caractères.")
    if len(school_year) > YEAR_MAX:
        raise Refusal(f"L’année scolaire doit faire au plus {YEAR_MAX} caractères.")
    for _ in range(20):
        try:
            with transaction.atomic():
                return SchoolClass.objects.create(
                    teacher=teacher, name=name, school_year=school_year, join_code=new_join_code()
                )
        except IntegrityError:  # this code is taken (one chance in a billion): draw another
            continue
    raise Refusal("Impossible de trouver un code libre : réessayez.")


def class_new_code(*, school_class: SchoolClass) -> SchoolClass:
    """A new join code (the old one stops working: a code shared too widely)."""
    for _ in range(20):
        try:
            with transaction.atomic():
                school_class.join_code = new_join_code()
                school_class.save(update_fields=["join_code"])
                return school_class
        except IntegrityError:
            continue
    raise Refusal("Impossible de trouver un code libre : réessayez.")


def classes_for(*, user: User | AnonymousUser) -> list[SchoolClass]:
    """A teacher's classes with their number of students (an administrator's: every class)."""
    classes = SchoolClass.objects.annotate(students=Count("enrolments"))
    if not user.is_superuser:
        classes = classes.filter(teacher=user.pk)
    return list(classes)


def class_for(*, user: User | AnonymousUser, class_id: int) -> SchoolClass | None:
    """The class if this teacher owns it (or an administrator asks), else None."""
    classes = SchoolClass.objects.select_related("teacher")
    if not user.is_superuser:
        classes = classes.filter(teacher=user.pk)
    return classes.filter(pk=class_id).first()


def class_by_code(raw: str) -> SchoolClass | None:
    code = normalized_code(raw)
    if len(code) != JOIN_CODE_LENGTH or any(c not in JOIN_CODE_ALPHABET for c in code):
        return None
    return SchoolClass.objects.filter(join_code=code).first()


@dataclass(frozen=True)
class RosterRow:
    enrolment: Enrolment
    answered: int
    correct: int
    last_activity: datetime | None

    @property
    def mastery(self) -> int | None:
        """Share of right answers in practice, in %, or None before the first answer."""
        return round(100 * self.correct / self.answered) if self.answered else None


def class_roster(*, school_class: SchoolClass) -> list[RosterRow]:
    """The class's students with their practice so far (two queries, whatever the class size)."""
    enrolments = list(school_class.enrolments.select_related("student"))
    owners = [f"user:{e.student_id}" for e in enrolments]
    activity = {
        row["attempt__owner"]: row
        for row in AttemptItem.objects.filter(attempt__owner__in=owners, answered_at__isnull=False)
        .values("attempt__owner")
        .annotate(
            answered=Count("id"),
            correct=Count("id", filter=Q(verdict=CORRECT)),
            last=Max("answered_at"),
        )
    }
    rows = []
    for enrolment in enrolments:
        row = activity.get(f"user:{enrolment.student_id}", {})
        rows.append(
            RosterRow(enrolment, row.get("answered", 0), row.get("correct", 0), row.get("last"))
        )
    return rows


def class_remove_student(*, school_class: SchoolClass, student_id: int) -> None:
    """The student leaves the class (their account and their practice stay theirs)."""
    Enrolment.objects.filter(school_class=school_class, student_id=student_id).delete()
