"""Accounts: teachers (staff users in the « Enseignants » group), students who sign up with a
class code; what an anonymous browser practised moves to the account it signs in to; sign-in
guesses are limited per account and client."""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import Group, Permission, User
from django.db import IntegrityError, transaction

from quiz.counters import bump, counts
from quiz.models import Attempt, Enrolment, ReviewCard, SchoolClass

TEACHERS_GROUP = "Enseignants"
# What teachers may do in the admin: author quizzes and the course bank, run and read live
# sessions, manage classes — not users, groups or other teachers' data (the views scope that).
TEACHER_PERMISSIONS = {
    "quiz": {
        "quiz": ("add", "change", "delete", "view"),
        "quizquestion": ("add", "change", "delete", "view"),
        "schoolclass": ("add", "change", "delete", "view"),
        "enrolment": ("delete", "view"),
        "livesession": ("view",),
        "player": ("view",),
        "liveanswer": ("view",),
        "attempt": ("view",),
        "attemptitem": ("view",),
        "reviewcard": ("view",),
    },
    "courses": {
        "conceptquestion": ("add", "change", "view"),
        "questionoption": ("add", "change", "delete", "view"),
        "lesson": ("view",),
    },
}
SIGN_IN_FAILURES_PER_CLIENT = 10  # per account and client, in SIGN_IN_WINDOW
SIGN_IN_FAILURES_PER_ACCOUNT = 50  # per account from every client: a slow, spread-out guess
SIGN_IN_WINDOW = 15 * 60


def teachers_group() -> Group:
    """The « Enseignants » group with exactly its permissions (created or brought up to date)."""
    group, _ = Group.objects.get_or_create(name=TEACHERS_GROUP)
    wanted = [
        Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")
        for app, models in TEACHER_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    ]
    group.permissions.set(wanted)
    return group


def teacher_create(*, username: str, password: str) -> User:
    """A staff user in the « Enseignants » group; an existing user becomes a teacher."""
    with transaction.atomic():
        user, created = User.objects.get_or_create(username=username)
        if created or password:
            user.set_password(password)
        user.is_staff = True
        user.save()
        user.groups.add(teachers_group())
    return user


def student_enrol(*, student: User, school_class: SchoolClass) -> bool:
    """Put the student in the class; False if they were in it already."""
    try:
        with transaction.atomic():
            Enrolment.objects.create(student=student, school_class=school_class)
    except IntegrityError:
        return False
    return True


@transaction.atomic
def practice_merge(*, from_owner: str, to_owner: str) -> None:
    """What an anonymous browser practised becomes the account's: its series and drills, and its
    review cards — a KPI or question on both sides keeps one card, with both counts added and the
    nearer review date and lower box (what the student knows least well). Run again, it finds
    nothing left to move: nothing is counted twice."""
    if from_owner == to_owner or not from_owner.startswith("session:"):
        return
    Attempt.objects.filter(owner=from_owner).update(owner=to_owner)
    mine = {
        card.item_key: card
        for card in ReviewCard.objects.select_for_update().filter(owner=to_owner)
    }
    for card in ReviewCard.objects.select_for_update().filter(owner=from_owner):
        kept = mine.get(card.item_key)
        if kept is None:
            card.owner = to_owner
            card.save(update_fields=["owner"])
            continue
        kept.correct_count += card.correct_count
        kept.wrong_count += card.wrong_count
        kept.box = min(kept.box, card.box)
        kept.due_at = min(kept.due_at, card.due_at)
        kept.save(update_fields=["correct_count", "wrong_count", "box", "due_at", "updated_at"])
        card.delete()


def _failure_keys(username: str, client: str) -> tuple[str, str]:
    account = hashlib.sha256(username.casefold().encode()).hexdigest()[:32]
    pair = hashlib.sha256(f"{username.casefold()}\x00{client}".encode()).hexdigest()[:32]
    return f"sign-in-failures:{account}", f"sign-in-failures:{pair}"


def sign_in_allowed(*, username: str, client: str) -> bool:
    """Too many wrong passwords for this account from this client (or from everywhere) wait a
    quarter of an hour; other accounts behind the same school address are not concerned."""
    account, pair = _failure_keys(username, client)
    found = counts(account, pair)
    return (
        found[pair] < SIGN_IN_FAILURES_PER_CLIENT and found[account] < SIGN_IN_FAILURES_PER_ACCOUNT
    )


def sign_in_failed(*, username: str, client: str) -> None:
    bump(*_failure_keys(username, client), window=SIGN_IN_WINDOW)


def sign_in_refused_message() -> str:
    return (
        "Trop d’essais avec un mauvais mot de passe pour ce compte : patientez un quart d’heure, "
        "ou demandez à votre enseignant un mot de passe provisoire."
    )
