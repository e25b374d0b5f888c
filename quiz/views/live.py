"""Live sessions: the teacher's projector (`/animer/…`, staff only) and the students' phones
(`/rejoindre/`, `/session/…`). Screens poll with conditional requests: an idle poll reads one row
and answers 304 Not Modified, without rendering anything."""

from __future__ import annotations

import csv
from datetime import datetime

import segno
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from calculators.kpis import MISTAKE_SUMMARIES
from config.http import HtmxHttpRequest
from quiz import live
from quiz.models import LiveAnswer, LiveSession, Player, Quiz
from quiz.views.inputs import answer_text, chosen_ids, small_int

PLAYER_COOKIE = "ndrc_player"
PLAYER_COOKIE_AGE = 60 * 60 * 12
PROJECTOR_TEMPLATE = "quiz/live/projector.html"
PLAYER_TEMPLATE = "quiz/live/player.html"


def _client_id(request: HtmxHttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "inconnu"


def _not_modified(request: HtmxHttpRequest, etag: str) -> HttpResponse | None:
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
        response["ETag"] = etag
        return response
    return None


def _with_etag(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    return response


# --------------------------------------------------------------------------------------------------
# Teacher
# --------------------------------------------------------------------------------------------------


@require_safe
@staff_member_required
def host_home(request: HtmxHttpRequest) -> HttpResponse:
    """The teacher's published quizzes, each with "Lancer en direct", and their recent sessions."""
    return render(
        request,
        "quiz/live/host_home.html",
        {
            "quizzes": Quiz.objects.filter(is_published=True).order_by("title"),
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
    quiz = get_object_or_404(Quiz.objects.filter(is_published=True), pk=quiz_id or 0)
    scoring = request.POST.get("scoring", LiveSession.Scoring.ACCURACY)
    if scoring not in LiveSession.Scoring.values:
        scoring = LiveSession.Scoring.ACCURACY
    pacing = request.POST.get("pacing", LiveSession.Pacing.TEACHER)
    if pacing not in LiveSession.Pacing.values:
        pacing = LiveSession.Pacing.TEACHER
    try:
        session = live.session_create(
            quiz=quiz,
            owner=request.user,
            scoring=scoring,
            streak_bonus=request.POST.get("streak_bonus") == "on",
            per_student_numbers=request.POST.get("per_student_numbers") == "on",
            extra_time=request.POST.get("extra_time") == "on",
            pacing=pacing,
        )
    except live.LiveError as error:
        messages.info(request, error.message)
        return redirect("live:host")
    return redirect("live:projector", session_id=session.pk)


def _owned_session(request: HtmxHttpRequest, session_id: int) -> LiveSession:
    session = get_object_or_404(LiveSession.objects.select_related("quiz"), pk=session_id)
    if not (request.user.is_superuser or session.owner_id == request.user.pk):
        raise Http404("Session introuvable.")
    return session


def _projector_context(request: HtmxHttpRequest, session: LiveSession) -> dict:
    now = timezone.now()
    questions = live.session_questions(session)
    self_paced = session.pacing == LiveSession.Pacing.STUDENT
    question = live.current_question(session) if not self_paced else None
    closed = live.question_closed(session, now)
    join_base = request.build_absolute_uri(reverse("live:join"))
    join_url = f"{join_base}?pin={session.pin}"
    context = {
        "session": session,
        "count": len(questions),
        "question": question,
        "number": session.question_index + 1,
        "closed": closed,
        "self_paced": self_paced,
        "is_last": session.question_index + 1 >= len(questions),
        "seconds_left": max(0, int((session.question_deadline - now).total_seconds()))
        if question
        else 0,
        "etag": _projector_etag(session, closed),
        "join_url": join_url,
        "join_base": join_base,
    }
    if session.state == LiveSession.State.LOBBY:
        context["players"] = list(
            Player.objects.filter(session=session).values_list("pseudo", flat=True)
        )
        context["qr_svg"] = segno.make(join_url, error="m").svg_inline(scale=6, dark="#1b2430")
    if question is not None:
        context["stats"] = live.question_stats(
            session=session, question=question, index=session.question_index
        )
        context["mistakes"] = [
            (count, mistake_phrase(code, count)) for code, count in context["stats"].diagnoses
        ]
        if question.kind == question.Kind.NUMERIC:
            context["exercise"] = live.player_exercise(
                session, None, question, session.question_index
            )
    if self_paced and session.state == LiveSession.State.QUESTION:
        progress = live.session_progress(session=session)
        context["progress"] = progress
        context["progress_rows"] = [
            (row, [(count, mistake_phrase(code, count)) for code, count in row.mistakes])
            for row in progress.questions
        ]
    if closed or self_paced or session.state == LiveSession.State.FINISHED:
        context["leaderboard"] = live.leaderboard_for(session=session)
    return context


def mistake_phrase(code: str, count: int) -> str:
    """`ont calculé le taux de clics…` for several students, `a calculé…` for one."""
    phrase = MISTAKE_SUMMARIES.get(code, code)
    if count > 1:
        return phrase
    for plural, singular in (
        ("ont ", "a "),
        ("n’ont ", "n’a "),
        ("se sont trompés", "s’est trompé"),
    ):
        if phrase.startswith(plural):
            return singular + phrase[len(plural) :]
    return phrase


def _projector_etag(session: LiveSession, closed: bool) -> str:
    players, steps, answers = live.session_activity(session=session)
    return f'"t{session.pk}-{session.state_version}-{players}-{steps}-{answers}-{int(closed)}"'


@require_safe
@staff_member_required
def projector(request: HtmxHttpRequest, session_id: int) -> HttpResponse:
    """The projected screen; refreshing it restores it exactly (everything is in the database)."""
    session = _owned_session(request, session_id)
    return render(request, PROJECTOR_TEMPLATE, _projector_context(request, session))


@require_safe
@staff_member_required
def projector_poll(request: HtmxHttpRequest, session_id: int) -> HttpResponse:
    """The projector's poll: 304 while nothing changed, else the new screen."""
    session = _owned_session(request, session_id)
    etag = _projector_etag(session, live.question_closed(session, timezone.now()))
    if (unchanged := _not_modified(request, etag)) is not None:
        return unchanged
    context = _projector_context(request, session)
    return _with_etag(render(request, PROJECTOR_TEMPLATE + "#live-main", context), context["etag"])


@require_POST
@staff_member_required
def projector_action(request: HtmxHttpRequest, session_id: int) -> HttpResponse:
    """Start / next question, show the correction now, or end the session."""
    session = _owned_session(request, session_id)
    action = request.POST.get("action", "")
    now = timezone.now()
    try:
        if action == "advance":
            session = live.session_advance(session=session, user=request.user, now=now)
        elif action == "close":
            session = live.session_close_question(session=session, user=request.user, now=now)
        elif action == "finish":
            session = live.session_finish(session=session, user=request.user, now=now)
    except live.LiveError as error:
        messages.info(request, error.message)
    if request.htmx:
        context = _projector_context(request, session)
        return _with_etag(
            render(request, PROJECTOR_TEMPLATE + "#live-main", context), context["etag"]
        )
    return redirect("live:projector", session_id=session.pk)


@require_safe
@staff_member_required
def results(request: HtmxHttpRequest, session_id: int) -> HttpResponse:
    """Results per player and per question; `?format=csv` for French Excel."""
    session = _owned_session(request, session_id)
    questions = live.session_questions(session)
    players = list(live._scored_players(session).order_by("-score", "time_ms", "joined_at", "id"))
    answers = {
        (a.player_id, a.question_index): a
        for a in LiveAnswer.objects.filter(session=session).only(
            "player_id", "question_index", "verdict", "points", "diagnosis"
        )
    }
    rows = [
        (rank, player, [answers.get((player.pk, index)) for index in range(len(questions))])
        for rank, player in enumerate(players, start=1)
    ]
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="session-{session.pin}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow(
            ["Rang", "Pseudo", "Points", "Temps total (s)"]
            + [f"Q{index + 1}" for index in range(len(questions))]
        )
        for rank, player, cells in rows:
            writer.writerow(
                [
                    rank,
                    player.pseudo,
                    player.score,
                    f"{player.time_ms / 1000:.1f}".replace(".", ","),
                ]
                + [cell.points if cell else "" for cell in cells]
            )
        return response
    return render(
        request,
        "quiz/live/results.html",
        {"session": session, "questions": questions, "rows": rows},
    )


# --------------------------------------------------------------------------------------------------
# Students
# --------------------------------------------------------------------------------------------------


def _player(request: HtmxHttpRequest) -> Player | None:
    return live.player_by_token(request.COOKIES.get(PLAYER_COOKIE))


@require_http_methods(["GET", "HEAD", "POST"])
def join(request: HtmxHttpRequest) -> HttpResponse:
    """PIN + pseudo; the player's identity is kept in a cookie (refresh, closed tab, lost network)."""
    error = ""
    pin = request.GET.get("pin", "")[:6]
    pseudo = ""
    if request.method == "POST":
        pin, pseudo = request.POST.get("pin", "")[:20], request.POST.get("pseudo", "")[:200]
        try:
            player = live.player_join(pin=pin, pseudo=pseudo, client=_client_id(request))
        except live.LiveError as failure:
            error = failure.message
        else:
            response = HttpResponseRedirect(reverse("live:play"))
            response.set_cookie(
                PLAYER_COOKIE,
                player.token,
                max_age=PLAYER_COOKIE_AGE,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
            return response
    current = _player(request)
    if current is not None and current.session.state == LiveSession.State.FINISHED:
        current = None
    return render(
        request,
        "quiz/live/join.html",
        {"pin": pin, "pseudo": pseudo, "error": error, "current": current},
    )


def player_etag(player_id: int, state_version: int, index: int, closed: bool) -> str:
    """What a student's screen depends on: the session's state, their question, its clock."""
    return f'"p{player_id}-{state_version}-{index}-{int(closed)}"'


UNKNOWN = object()


def _player_context(player: Player, session: LiveSession, feedback=None, answer=UNKNOWN) -> dict:
    now = timezone.now()
    turn = live.player_turn(session, player)
    question = live.turn_question(session, turn)
    if question is not None and answer is UNKNOWN:
        answer = live.player_answer(player=player, index=turn.index)
    answer = None if answer is UNKNOWN else answer
    closed = live.turn_closed(state=session.state, turn=turn, answered=answer is not None, now=now)
    count = len(live.session_questions(session))
    context = {
        "player": player,
        "session": session,
        "closed": closed,
        "question": question,
        "feedback": feedback,
        "etag": player_etag(player.pk, session.state_version, turn.index, closed),
        "count": count,
        "number": turn.index + 1,
        "self_paced": turn.self_paced,
        "is_last": turn.index + 1 >= count,
        "done": turn.self_paced
        and session.state == LiveSession.State.QUESTION
        and turn.index >= count,
    }
    if question is not None:
        context["answer"] = answer
        context["seconds_left"] = max(0, int((turn.deadline - now).total_seconds()))
        context["deadline"] = turn.deadline
        if question.kind == question.Kind.NUMERIC:
            exercise = live.player_exercise(session, player, question, turn.index)
            context["exercise"] = exercise
            if closed:
                context["solution"] = exercise.preliminary_steps + exercise.solution().steps
        else:
            context["options"] = list(question.concept_question.options.all())
    if closed or context["done"] or session.state == LiveSession.State.FINISHED:
        context["standing"] = live.player_standing(session=session, player=player)
    if session.state == LiveSession.State.FINISHED:
        context["podium"] = live.leaderboard_for(session=session, limit=3)
    if context["done"] or session.state == LiveSession.State.FINISHED:
        context["recap"] = live.player_recap(session=session, player=player)
    return context


@require_safe
def play(request: HtmxHttpRequest) -> HttpResponse:
    """The student's screen: waiting room, question, correction with score and rank, podium."""
    player = _player(request)
    if player is None:
        return redirect("live:join")
    return render(request, PLAYER_TEMPLATE, _player_context(player, player.session))


def idle_poll(request: HtmxHttpRequest) -> HttpResponse | None:
    """304 Not Modified when the student's screen has not changed, else None: at most one indexed
    query, none while this process's copy of the class's clock is recent (`live.recent_poll_state`).

    `quiz.middleware.IdlePollMiddleware` calls this ahead of the session, CSRF, authentication and
    messages middleware, which an unchanged poll does not need: 1 000 phones poll every second. The
    poll state it read is kept on the request for `play_poll`, which renders the changed screen."""
    token = request.COOKIES.get(PLAYER_COOKIE)
    now = timezone.now()
    recent = live.recent_poll_state(token=token)
    if recent is not None and (unchanged := _not_modified(request, _poll_etag(recent, now))):
        return unchanged
    poll = live.poll_state(token=token)
    request.live_poll = poll
    if poll is None:
        return None
    return _not_modified(request, _poll_etag(poll, now))


def _poll_etag(poll: live.PollState, now: datetime) -> str:
    return player_etag(poll.player_id, poll.state_version, poll.turn.index, poll.closed(now))


@require_safe
def play_poll(request: HtmxHttpRequest) -> HttpResponse:
    """The student's poll: 304 while nothing changed, else their new screen."""
    if not hasattr(request, "live_poll") and (unchanged := idle_poll(request)) is not None:
        return unchanged
    poll = request.live_poll
    if poll is None:
        response = HttpResponse(status=200)
        response["HX-Redirect"] = reverse("live:join")
        return response
    player, answer = poll.screen()  # read by the poll's own query
    context = _player_context(player, player.session, answer=answer)
    return _with_etag(render(request, PLAYER_TEMPLATE + "#live-main", context), context["etag"])


@require_POST
def play_answer(request: HtmxHttpRequest) -> HttpResponse:
    """Answer the current question (server time decides whether it is late)."""
    player = _player(request)
    if player is None:
        return redirect("live:join")
    try:
        feedback = live.live_answer(
            player=player,
            answer=answer_text(request),
            chosen_ids=chosen_ids(request),
            now=timezone.now(),
        )
    except live.LiveError as error:
        feedback = live.LiveFeedback("refused", error.message)
    if feedback.session is not None:  # the answer's own view of the session: no reload
        context = _player_context(player, feedback.session, feedback, answer=feedback.answer)
    else:
        context = _player_context(player, live.session_fresh(player.session_id), feedback)
    template = PLAYER_TEMPLATE + "#live-main" if request.htmx else PLAYER_TEMPLATE
    return _with_etag(render(request, template, context), context["etag"])


@require_POST
def play_next(request: HtmxHttpRequest) -> HttpResponse:
    """Student-paced: go on to the next question (a double submit or a stale page moves once)."""
    player = _player(request)
    if player is None:
        return redirect("live:join")
    from_index = small_int(request.POST.get("from", ""), 5)
    feedback = None
    try:
        player = live.player_next(
            player=player,
            from_index=-1 if from_index is None else from_index,
            now=timezone.now(),
        )
    except live.LiveError as error:
        feedback = live.LiveFeedback("refused", error.message)
    if not request.htmx:
        if feedback is not None:
            messages.info(request, feedback.message)
        return redirect("live:play")
    session = live.session_fresh(player.session_id)
    context = _player_context(player, session, feedback)
    return _with_etag(render(request, PLAYER_TEMPLATE + "#live-main", context), context["etag"])
