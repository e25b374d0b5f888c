"""A student's homework (`/devoirs/…`, signed-in students): the list, an assignment's page, and
its questions with the same screens and contracts as a practice series."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from config.http import HtmxHttpRequest
from quiz.errors import Refusal
from quiz.grading import Feedback
from quiz.inputs import answer_text, chosen_ids
from quiz.models import Assignment
from quiz.practice import series
from quiz.practice.item_page import render_item
from quiz.teaching import assignments
from quiz.teaching.password_reset import password_changed_first


def _assignment(request: HtmxHttpRequest, assignment_id: int) -> Assignment:
    found = assignments.assignment_for_student(student=request.user, assignment_id=assignment_id)
    if found is None:
        raise Http404("Devoir introuvable.")
    return found


@require_safe
@login_required
@password_changed_first
def homework_list(request: HtmxHttpRequest) -> HttpResponse:
    """My assignments: to do, late, handed in."""
    rows = assignments.assignments_for_student(student=request.user, now=timezone.now())
    return render(request, "quiz/homework/list.html", {"rows": rows})


@require_safe
@login_required
@password_changed_first
def homework_detail(request: HtmxHttpRequest, assignment_id: int) -> HttpResponse:
    """An assignment: its dates and rules, where I stand, and the way in."""
    assignment = _assignment(request, assignment_id)
    now = timezone.now()
    status = assignments.assignment_status(assignment=assignment, student=request.user, now=now)
    refusal = ""
    try:
        assignments.may_answer(assignment, now)
    except Refusal as error:
        refusal = error.message
    return render(
        request,
        "quiz/homework/detail.html",
        {
            "assignment": assignment,
            "status": status,
            "refusal": refusal,
            "count": assignment.quiz.questions.count(),
            "can_retry": status.status == assignments.DONE
            and assignment.attempt_rule != Assignment.Attempts.ONE,
        },
    )


@require_POST
@login_required
@password_changed_first
def homework_start(request: HtmxHttpRequest, assignment_id: int) -> HttpResponse:
    """Start or resume (`again`: a new attempt when the rules allow it): to the first question
    not answered yet."""
    assignment = _assignment(request, assignment_id)
    try:
        attempt = assignments.assignment_attempt(
            assignment=assignment,
            student=request.user,
            now=timezone.now(),
            again=request.POST.get("again") == "1",
        )
    except Refusal as refusal:
        messages.info(request, refusal.message)
        return redirect("homework:detail", assignment_id=assignment.pk)
    items = series.attempt_items(attempt=attempt)
    position = next((i.position for i in items if not i.is_answered), len(items))
    return redirect("homework:question", assignment_id=assignment.pk, position=position)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@password_changed_first
def homework_question(request: HtmxHttpRequest, assignment_id: int, position: int) -> HttpResponse:
    """One question of my attempt; a POST grades and stores the answer (if the dates allow)."""
    assignment = _assignment(request, assignment_id)
    status = assignments.assignment_status(
        assignment=assignment, student=request.user, now=timezone.now()
    )
    if status.attempt is None:
        return redirect("homework:detail", assignment_id=assignment.pk)
    items = series.attempt_items(attempt=status.attempt)
    if not 1 <= position <= len(items):
        raise Http404("Question introuvable.")
    item = items[position - 1]
    now = timezone.now()
    feedback: Feedback | None
    if request.method == "POST" and not item.is_answered:
        try:
            assignments.may_answer(assignment, now)
        except Refusal as refusal:
            messages.info(request, refusal.message)
            detail = reverse("homework:detail", args=[assignment.pk])
            if request.htmx:
                return HttpResponseClientRedirect(detail)
            return redirect(detail)
        feedback = series.item_answer(
            item=item,
            owner=status.attempt.owner,
            answer=answer_text(request),
            chosen_ids=chosen_ids(request),
            now=now,
        )
    else:
        feedback = series.item_feedback(item=item)
    detail = reverse("homework:detail", args=[assignment.pk])
    last = position >= len(items)
    return render_item(
        request,
        items,
        position,
        feedback,
        next_url=detail
        if last
        else reverse("homework:question", args=[assignment.pk, position + 1]),
        next_label="Rendre le devoir" if last else "Question suivante",
        assignment=assignment,
        assignment_url=detail,
        withheld=not assignments.correction_shown(assignment, now),
    )
