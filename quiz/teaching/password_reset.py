"""A teacher gives a student who forgot their password a temporary one, from the class's roster
(`POST /enseignant/classes/<id>/mot-de-passe/`); the student must choose their own at the next
sign-in: until then every page of their account sends them to `/compte/mot-de-passe/`.

The temporary password is drawn here (ten characters a student copies without a doubt), shown
once to the teacher in a message and stored hashed, like any password; setting it signs the
student out everywhere (their sessions carry the old password's hash)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from quiz.inputs import small_int
from quiz.models import Enrolment, SchoolClass, StudentAccount
from quiz.teaching import classes

# No 0/o, 1/l/i: read aloud or copied from a sheet of paper, it cannot be mistyped; lower case,
# so a phone's automatic capital is the only thing to watch. 31¹⁰ ≈ 8 × 10¹⁴ possibilities.
TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
TEMPORARY_LENGTH = 10
PASSWORD_PAGE = "accounts:password"


def temporary_password() -> str:
    return "".join(secrets.choice(TEMPORARY_ALPHABET) for _ in range(TEMPORARY_LENGTH))


def student_password_reset(*, school_class: SchoolClass, student_id: int) -> tuple[User, str]:
    """A temporary password for a student of this class, which they must change at their next
    sign-in; `User.DoesNotExist` if no student account with this id is in the class (a teacher's
    or an administrator's account is never reset from a roster, even if it joined the class)."""
    enrolment = (
        Enrolment.objects.select_related("student")
        .filter(
            school_class=school_class,
            student_id=student_id,
            student__is_staff=False,
            student__is_superuser=False,
        )
        .first()
    )
    if enrolment is None:
        raise User.DoesNotExist
    student, password = enrolment.student, temporary_password()
    with transaction.atomic():
        student.set_password(password)
        student.save(update_fields=["password"])
        StudentAccount.objects.update_or_create(
            user=student,
            defaults={"must_change_password": True, "password_reset_at": timezone.now()},
        )
    return student, password


def password_change_pending(*, user: User | AnonymousUser) -> bool:
    """Whether this signed-in user still has a teacher's temporary password."""
    return bool(
        user.is_authenticated
        and StudentAccount.objects.filter(user=user.pk, must_change_password=True).exists()
    )


def temporary_password_pending(*, username: str) -> bool:
    """Whether this account waits for its first sign-in with a temporary password: the sign-in
    limit does not hold it back (the student was told to ask for one after too many guesses, and
    ten random characters are not guessed in the limit's tries either)."""
    return StudentAccount.objects.filter(
        user__username=username.replace("\x00", ""), must_change_password=True
    ).exists()


def password_change_done(*, user: User | AnonymousUser) -> None:
    """The student chose their own password: the temporary one's flag goes."""
    StudentAccount.objects.filter(user=user.pk, must_change_password=True).update(
        must_change_password=False
    )


def password_changed_first(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page of the student's own (`/compte/…`, `/devoirs/…`): with a temporary password, they
    are sent to choose theirs first."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if password_change_pending(user=request.user):
            messages.info(request, "Choisissez d’abord votre propre mot de passe.")
            return redirect(PASSWORD_PAGE)
        return view(request, *args, **kwargs)

    return checked


@require_POST
@staff_member_required
def reset_view(request: HttpRequest, class_id: int) -> HttpResponse:
    """A temporary password for a student of the class (`student`: their account's id), shown
    once to the teacher."""
    school_class = classes.class_for(user=request.user, class_id=class_id)
    if school_class is None:
        raise Http404("Classe introuvable.")
    student_id = small_int(request.POST.get("student", ""))
    if student_id is None:
        raise Http404("Élève introuvable dans cette classe.")
    try:
        student, password = student_password_reset(school_class=school_class, student_id=student_id)
    except User.DoesNotExist as missing:
        raise Http404("Élève introuvable dans cette classe.") from missing
    messages.warning(
        request,
        f"Mot de passe provisoire de {student.get_username()}\u00a0: {password} — notez-le, "
        "il ne sera plus affiché. L’élève choisira le sien à sa prochaine connexion.",
    )
    return redirect("teaching:class", class_id=school_class.pk)
