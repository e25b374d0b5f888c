"""The quiz preview (`/enseignant/quiz/<id>/apercu/`) and its copy button, for staff only: any
teacher may look at any quiz and copy it; changing it is the author's (see `ownership`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from config.http import HtmxHttpRequest
from quiz.authoring import copies, ownership, preview, publishing
from quiz.errors import Refusal
from quiz.inputs import small_int
from quiz.models import Quiz

TEMPLATE = "quiz/authoring/preview.html"


def _quiz(quiz_id: int) -> Quiz:
    quiz = Quiz.objects.select_related("created_by").filter(pk=quiz_id).first()
    if quiz is None:
        raise Http404("Quiz introuvable.")
    return quiz


def _variant(request: HtmxHttpRequest) -> tuple[int, int] | None:
    """`?question=<id>&graine=<n>`: another variant of one question (ASCII digits only)."""
    question_id = small_int(request.GET.get("question", ""))
    seed = small_int(request.GET.get("graine", ""), max_digits=19)
    if question_id is None or seed is None or seed >= preview.MAX_SEED:
        return None
    return question_id, seed


@require_safe
@staff_member_required
def quiz_preview(request: HtmxHttpRequest, quiz_id: int) -> HttpResponse:
    """Every question as a student sees it, with the answers; htmx: one question's new variant."""
    quiz = _quiz(quiz_id)
    variant = _variant(request)
    items = preview.quiz_preview(quiz=quiz, seeds=dict([variant]) if variant else None)
    if request.htmx and variant:
        item = next((item for item in items if item.question.pk == variant[0]), None)
        if item is not None:
            return render(request, TEMPLATE + "#question", {"quiz": quiz, "item": item})
    return render(
        request,
        TEMPLATE,
        {
            "quiz": quiz,
            "items": items,
            "can_edit": ownership.quiz_can_edit(quiz=quiz, user=request.user),
            "lock_reason": ownership.quiz_lock_reason(quiz=quiz),
        },
    )


@require_POST
@staff_member_required
def quiz_duplicate(request: HtmxHttpRequest, quiz_id: int) -> HttpResponse:
    """Copy the quiz for the teacher who asks, then show the copy's preview."""
    copy = copies.quiz_duplicate(quiz=_quiz(quiz_id), user=request.user)
    messages.success(
        request, f"Copie créée\u00a0: «\u00a0{copy.title}\u00a0», non publiée. Elle est à vous."
    )
    return redirect(reverse("authoring:preview", args=[copy.pk]))


@require_POST
@staff_member_required
def quiz_publication(request: HtmxHttpRequest, quiz_id: int) -> HttpResponse:
    """Publish (`action=publier`) or withdraw (`action=retirer`) the teacher's own quiz."""
    quiz = _quiz(quiz_id)
    if not ownership.quiz_can_edit(quiz=quiz, user=request.user):
        raise PermissionDenied("Ce quiz est celui d’un collègue\u00a0: dupliquez-le.")
    action = request.POST.get("action", "")
    try:
        if action == "publier":
            publishing.quiz_publish(quiz=quiz)
            messages.success(
                request, f"«\u00a0{quiz.title}\u00a0» est publié\u00a0: les élèves le voient."
            )
        elif action == "retirer":
            publishing.quiz_unpublish(quiz=quiz)
            messages.success(request, f"«\u00a0{quiz.title}\u00a0» n’est plus visible des élèves.")
        else:
            messages.error(request, "Action inconnue.")
    except Refusal as refusal:
        messages.error(request, refusal.message)
    return redirect(reverse("authoring:preview", args=[quiz.pk]))
