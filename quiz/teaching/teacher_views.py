"""The teacher space (`/enseignant/…`, staff only): dashboard, classes, a class's roster and code.
A teacher sees only their own classes (an administrator sees every class)."""

from __future__ import annotations

from datetime import timedelta

import segno
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from quiz.errors import Refusal
from quiz.inputs import small_int
from quiz.models import Assignment, LiveSession, SchoolClass
from quiz.teaching import classes, misconceptions


def _owned_class(request: HttpRequest, class_id: int) -> SchoolClass:
    school_class = classes.class_for(user=request.user, class_id=class_id)
    if school_class is None:
        raise Http404("Classe introuvable.")
    return school_class


@require_safe
@staff_member_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The teacher's classes, their recent live sessions, the way to the quizzes."""
    return render(
        request,
        "quiz/teaching/dashboard.html",
        {
            "classes": classes.classes_for(user=request.user),
            "sessions": LiveSession.objects.filter(owner=request.user).select_related("quiz")[:5],
            "assignments": Assignment.objects.filter(
                school_class__teacher=request.user.pk,
                due_at__gte=timezone.now() - timedelta(days=7),
            ).select_related("quiz", "school_class")[:10],
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_member_required
def class_list(request: HttpRequest) -> HttpResponse:
    """The teacher's classes; a POST (`name`, optional `school_year`) creates one."""
    error = ""
    name = school_year = ""
    if request.method == "POST":
        name = request.POST.get("name", "").replace("\x00", "")[:500]
        school_year = request.POST.get("school_year", "").replace("\x00", "")[:500]
        try:
            school_class = classes.class_create(
                teacher=request.user, name=name, school_year=school_year
            )
        except Refusal as refusal:
            error = refusal.message
        else:
            return redirect("teaching:class", class_id=school_class.pk)
    return render(
        request,
        "quiz/teaching/classes.html",
        {
            "classes": classes.classes_for(user=request.user),
            "error": error,
            "name": name,
            "school_year": school_year,
        },
    )


@require_safe
@staff_member_required
def class_detail(request: HttpRequest, class_id: int) -> HttpResponse:
    """The class's join code (and its QR code to the sign-up page) and its roster."""
    school_class = _owned_class(request, class_id)
    sign_up = request.build_absolute_uri(reverse("accounts:sign-up"))
    sign_up_url = f"{sign_up}?code={school_class.join_code}"
    return render(
        request,
        "quiz/teaching/class_detail.html",
        {
            "school_class": school_class,
            "roster": classes.class_roster(school_class=school_class),
            "assignments": school_class.assignments.select_related("quiz"),
            "sign_up_base": sign_up,
            "qr_svg": segno.make(sign_up_url, error="m").svg_inline(scale=5, dark="#1b2430"),
        },
    )


@require_POST
@staff_member_required
def class_new_code(request: HttpRequest, class_id: int) -> HttpResponse:
    """A new join code: the old one stops working."""
    school_class = classes.class_new_code(school_class=_owned_class(request, class_id))
    messages.info(request, f"Nouveau code de la classe : {school_class.join_code}.")
    return redirect("teaching:class", class_id=school_class.pk)


@require_POST
@staff_member_required
def class_remove_student(request: HttpRequest, class_id: int) -> HttpResponse:
    """Take a student out of the class (`student`: their account's id)."""
    school_class = _owned_class(request, class_id)
    student_id = small_int(request.POST.get("student", ""))
    if student_id is not None:
        classes.class_remove_student(school_class=school_class, student_id=student_id)
        messages.info(request, "L’élève ne fait plus partie de la classe.")
    return redirect("teaching:class", class_id=school_class.pk)


@require_safe
@staff_member_required
def class_mistakes(request: HttpRequest, class_id: int) -> HttpResponse:
    """What the class gets wrong, KPI by KPI, over the last weeks (a chart and its table)."""
    school_class = _owned_class(request, class_id)
    return render(
        request,
        "quiz/teaching/class_mistakes.html",
        {
            "school_class": school_class,
            "mistakes": misconceptions.class_misconceptions(
                school_class=school_class, today=timezone.localdate()
            ),
        },
    )
