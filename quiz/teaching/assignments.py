"""Homework (devoirs): a published quiz given to a class between an opening and a due date; each
student answers their own numbers (the assignment's seed mixed with the student), graded through
`quiz.grading` by the practice series' services, and the rules of the assignment decide when the
correction shows, how many attempts count and whether late work is taken."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from quiz.errors import Refusal
from quiz.models import Assignment, Attempt, Quiz, SchoolClass
from quiz.practice.series import quiz_items

TODO, LATE, DONE, NOT_OPEN, CLOSED = "à faire", "en retard", "rendu", "pas encore ouvert", "fermé"


def assignment_create(
    *,
    school_class: SchoolClass,
    quiz: Quiz,
    opens_at: datetime,
    due_at: datetime,
    attempt_rule: str = Assignment.Attempts.ONE,
    correction: str = Assignment.Correction.EACH,
    late_work: bool = False,
) -> Assignment:
    """A quiz given to a class; the quiz must be published and have questions."""
    if not quiz.is_published:
        raise Refusal("Publiez le quiz avant de le donner en devoir.")
    if not quiz.questions.exists():
        raise Refusal("Ce quiz n’a pas encore de question.")
    if due_at <= opens_at:
        raise Refusal("La date limite doit venir après l’ouverture.")
    return Assignment.objects.create(
        school_class=school_class,
        quiz=quiz,
        opens_at=opens_at,
        due_at=due_at,
        attempt_rule=attempt_rule,
        correction=correction,
        late_work=late_work,
        seed=secrets.randbits(62),
    )


def student_seed(
    assignment: Assignment, student_id: int, attempt_number: int, position: int
) -> int:
    """The numbers of one question for one student (and attempt): reproducible from the stored
    assignment, so that the teacher sees exactly the exercise the student answered."""
    text = f"{assignment.seed}:{student_id}:{attempt_number}:{position}"
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big") >> 2


def owner_of(student: User) -> str:
    return f"user:{student.pk}"


@dataclass(frozen=True)
class StudentAssignment:
    assignment: Assignment
    status: str
    attempt: Attempt | None  # the one that counts so far (or the one under way)
    answered: int
    total: int
    late: bool


def _student_attempts(assignment: Assignment, student: User) -> list[Attempt]:
    return list(
        Attempt.objects.filter(assignment=assignment, owner=owner_of(student)).order_by(
            "created_at"
        )
    )


def assignment_status(
    *, assignment: Assignment, student: User, now: datetime, attempts: list[Attempt] | None = None
) -> StudentAssignment:
    """Where the student stands on an assignment (à faire, en retard, rendu…)."""
    attempts = _student_attempts(assignment, student) if attempts is None else attempts
    latest = attempts[-1] if attempts else None
    total = answered = 0
    finished_at = None
    if latest is not None:
        items = list(latest.items.values_list("answered_at", flat=True))
        total, answered = len(items), sum(1 for at in items if at is not None)
        if total and answered == total:
            finished_at = max(at for at in items if at is not None)
    if finished_at is not None:
        status = DONE
    elif now < assignment.opens_at:
        status = NOT_OPEN
    elif now <= assignment.due_at:
        status = TODO
    else:
        status = LATE if assignment.late_work else CLOSED
    late = finished_at is not None and finished_at > assignment.due_at
    return StudentAssignment(assignment, status, latest, answered, total, late)


def assignments_for_student(*, student: User, now: datetime) -> list[StudentAssignment]:
    """The student's assignments, from every class they are in, nearest due date first."""
    assignments = list(
        Assignment.objects.filter(school_class__enrolments__student=student)
        .select_related("quiz", "school_class")
        .order_by("due_at", "id")
    )
    attempts: dict[int | None, list[Attempt]] = {a.pk: [] for a in assignments}
    for attempt in Attempt.objects.filter(
        assignment__in=assignments, owner=owner_of(student)
    ).order_by("created_at"):
        attempts[attempt.assignment_id].append(attempt)  # one of these assignments' ids
    return [
        assignment_status(assignment=a, student=student, now=now, attempts=attempts[a.pk])
        for a in assignments
    ]


def assignment_for_student(*, student: User, assignment_id: int) -> Assignment | None:
    """The assignment if it was given to one of the student's classes, else None."""
    return (
        Assignment.objects.filter(pk=assignment_id, school_class__enrolments__student=student)
        .select_related("quiz", "school_class")
        .first()
    )


def may_answer(assignment: Assignment, now: datetime) -> None:
    """Refuse, in French, what the dates of the assignment do not allow."""
    if now < assignment.opens_at:
        raise Refusal(
            f"Ce devoir ouvre le {_when(assignment.opens_at)}\u00a0: revenez à ce moment-là."
        )
    if now > assignment.due_at and not assignment.late_work:
        raise Refusal(
            f"La date limite de ce devoir est passée (le {_when(assignment.due_at)})\u00a0: "
            "il n’accepte plus de réponse."
        )


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y à H\u202f\\h\u202fi")


@transaction.atomic
def assignment_attempt(
    *, assignment: Assignment, student: User, now: datetime, again: bool = False
) -> Attempt:
    """The student's attempt under way, or a new one: the first, or another when the rule allows
    several and the last one is finished (`again`)."""
    may_answer(assignment, now)
    attempts = _student_attempts(assignment, student)
    latest = attempts[-1] if attempts else None
    if latest is not None:
        unfinished = latest.items.filter(answered_at__isnull=True).exists()
        if unfinished or not again:
            return latest
        if assignment.attempt_rule == Assignment.Attempts.ONE:
            raise Refusal("Ce devoir ne se fait qu’une fois\u00a0: votre travail est rendu.")
    number = len(attempts) + 1
    attempt = Attempt.objects.create(
        owner=owner_of(student),
        scope=Attempt.Scope.ASSIGNMENT,
        scope_value=str(assignment.pk),
        quiz=assignment.quiz,
        assignment=assignment,
    )
    quiz_items(
        attempt=attempt,
        questions=list(assignment.quiz.questions.all()),
        seed=lambda position: student_seed(assignment, student.pk, number, position),
    )
    return attempt


def correction_shown(assignment: Assignment, now: datetime) -> bool:
    return assignment.correction == Assignment.Correction.EACH or now > assignment.due_at
