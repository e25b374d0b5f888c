"""The teacher's live pages (`/animer/…`, staff only): launch a session, the projector and its
poll, its actions, the results. Screens poll with conditional requests (304 while unchanged)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseStopPolling

from config.http import HtmxHttpRequest
from quiz.errors import Refusal
from quiz.inputs import small_int
from quiz.live import autoclose, screens, sessions
from quiz.live import results as live_results
from quiz.models import LiveSession, Quiz

PROJECTOR_TEMPLATE = "quiz/live/projector.html"


@require_safe
@staff_member_required
def host_home(request: HtmxHttpRequest) -> HttpResponse:
    """The teacher's published quizzes, each with "Lancer en direct", and their recent sessions."""
    return render(
        request,
        "quiz/live/host_home.html",
        {
            "quizzes": Quiz.objects.published().order_by("title"),
            "sessions": LiveSession.objects.filter(owner=request.user).select_related("quiz")[:10],
            "scorings": LiveSession.Scoring.choices,
            "pacings": LiveSession.Pacing.choices,
            "selected": request.GET.get("quiz", ""),
        },
    )


@require_POST
@staff_member_required
def host_launch(request: HtmxHttpRequest) -> HttpResponse:
    """Create a session (PIN) for a published quiz and open its projector view."""
    quiz_id = small_int(request.POST.get("quiz", ""))
    quiz = get_object_or_404(Quiz.objects.published(), pk=quiz_id or 0)
    scoring = request.POST.get("scoring", LiveSession.Scoring.ACCURACY)
    if scoring not in LiveSession.Scoring.values:
        scoring = LiveSession.Scoring.ACCURACY
    pacing = request.POST.get("pacing", LiveSession.Pacing.TEACHER)
    if pacing not in LiveSession.Pacing.values:
        pacing = LiveSession.Pacing.TEACHER
    try:
        session = sessions.session_create(
            quiz=quiz,
            owner=request.user,
            scoring=scoring,
            streak_bonus=request.POST.get("streak_bonus") == "on",
            per_student_numbers=request.POST.get("per_student_numbers") == "on",
            extra_time=request.POST.get("extra_time") == "on",
            pacing=pacing,
        )
    except Refusal as refusal:
        messages.info(request, refusal.message)
        return redirect("live:host")
    if request.POST.get("auto_close") == "on":
        autoclose.session_set_auto_close(session=session, auto_close=True)
    return redirect("live:projector", session_id=session.pk)


def owned_session(request: HtmxHttpRequest, session_id: int) -> LiveSession:
    """The session, if this teacher launched it (or an administrator asks); else a 404."""
    session = get_object_or_404(LiveSession.objects.select_related("quiz"), pk=session_id)
    if not (request.user.is_superuser or session.owner_id == request.user.pk):
        raise Http404("Session introuvable.")
    return session


def _screen(request: HtmxHttpRequest, session: LiveSession) -> HttpResponse:
    """The projector's main region (htmx); a finished session's podium stops the polling."""
    join_base = request.build_absolute_uri(reverse("live:join"))
    context = screens.projector_context(session, join_base=join_base)
    response_class = (
        HttpResponseStopPolling if session.state == LiveSession.State.FINISHED else HttpResponse
    )
    response = response_class(render_to_string(PROJECTOR_TEMPLATE + "#live-main", context, request))
    response["ETag"] = context["etag"]
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
@staff_member_required
def projector(request: HtmxHttpRequest, session_id: int) -> HttpResponse:
    """The projected screen; refreshing it restores it exactly (everything is in the database)."""
    session = owned_session(request, session_id)
    join_base = request.build_absolute_uri(reverse("live:join"))
    context = screens.projector_context(session, join_base=join_base)
    return render(
        request, PROJECTOR_TEMPLATE, context | screens.wall_context(session, join_base=join_base)
    )


@require_safe
@staff_member_required
def projector_poll(request: HtmxHttpRequest, session_id: int) -> HttpResponse:
    """The projector's poll: 304 while nothing changed, else the new screen; with the auto-close
    option, the correction as soon as every player has answered."""
    session = owned_session(request, session_id)
    now = timezone.now()
    session = autoclose.session_autoclose(session=session, user=request.user, now=now)
    etag = screens.projector_etag(session, sessions.question_closed(session, now))
    if request.headers.get("If-None-Match") == etag:
        unchanged = HttpResponseNotModified()
        unchanged["ETag"] = etag
        return unchanged
    return _screen(request, session)


@require_POST
@staff_member_required
def projector_action(request: HtmxHttpRequest, session_id: int) -> HttpResponse:
    """Start / next question, show the correction now, or end the session."""
    session = owned_session(request, session_id)
    action = request.POST.get("action", "")
    at = request.POST.get("at")
    if at is not None and at != f"{session.state}-{session.question_index}":
        action = ""  # pressed on a screen that has moved on (a double press): acts once
    now = timezone.now()
    try:
        if action == "advance":
            session = sessions.session_advance(session=session, user=request.user, now=now)
        elif action == "close":
            session = sessions.session_close_question(session=session, user=request.user, now=now)
        elif action == "finish":
            session = sessions.session_finish(session=session, user=request.user, now=now)
    except Refusal as refusal:
        messages.info(request, refusal.message)
    if request.htmx:
        return _screen(request, session)
    return redirect("live:projector", session_id=session.pk)


@require_safe
@staff_member_required
def results(request: HtmxHttpRequest, session_id: int) -> HttpResponse:
    """Results per player and per question; `?format=csv` for French Excel."""
    session = owned_session(request, session_id)
    table = live_results.results_table(session=session)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="session-{session.pin}.csv"'
        live_results.write_results_csv(table, response)
        return response
    return render(
        request,
        "quiz/live/results.html",
        {
            "session": session,
            "questions": table.questions,
            "rows": table.rows,
            "details": table.details,
        },
    )
