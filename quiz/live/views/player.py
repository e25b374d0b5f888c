"""The students' live pages: join with the PIN (`/rejoindre/`), the game screen and its poll, the
answer, the next question at their own pace (`/session/…`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect, HttpResponseStopPolling

from config.http import HtmxHttpRequest
from quiz.errors import Refusal
from quiz.inputs import answer_text, chosen_ids, small_int
from quiz.live import answers, join_limits, players, screens, sessions
from quiz.live.middleware import PollRequest
from quiz.live.rows import player_by_token
from quiz.models import LiveAnswer, LiveSession, Player

PLAYER_TEMPLATE = "quiz/live/player.html"


def _client(request: HtmxHttpRequest) -> str:
    """Who is knocking, for the join limits: this browser's cookie, or its address without one."""
    return join_limits.client_key(
        cookie=request.COOKIES.get(players.CLIENT_COOKIE),
        address=request.META.get("REMOTE_ADDR", ""),
    )


def _keep_client_cookie(request: HtmxHttpRequest, response: HttpResponse) -> HttpResponse:
    if not request.COOKIES.get(players.CLIENT_COOKIE):
        response.set_cookie(
            players.CLIENT_COOKIE,
            players.new_client_id(),
            max_age=players.CLIENT_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def _seated(request: HtmxHttpRequest, player: Player, response: HttpResponse) -> HttpResponse:
    """The response, with the cookie that keeps this browser in the player's place."""
    response.set_cookie(
        players.PLAYER_COOKIE,
        player.token,
        max_age=players.PLAYER_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


def _player(request: HtmxHttpRequest) -> Player | None:
    """The player behind this browser's cookie, with their session (one query)."""
    return player_by_token(request.COOKIES.get(players.PLAYER_COOKIE))


def _screen(
    request: HtmxHttpRequest,
    player: Player,
    answer: LiveAnswer | None,
    feedback: answers.LiveFeedback | None = None,
) -> HttpResponse:
    """The player's main region for htmx (the whole page otherwise), with its ETag; the finished
    session's screen stops the polling (htmx's 286: the podium has no poller either)."""
    context = screens.player_context(player, answer=answer, feedback=feedback)
    if not request.htmx:
        response = render(request, PLAYER_TEMPLATE, context)
    else:
        response_class = HttpResponseStopPolling if context["finished"] else HttpResponse
        response = response_class(
            render_to_string(PLAYER_TEMPLATE + "#live-main", context, request)
        )
    response["ETag"] = context["etag"]
    response["Cache-Control"] = "no-cache"
    return response


def _current_answer(player: Player) -> LiveAnswer | None:
    """The player's answer to the question they are on, if any (one query, when there is one)."""
    turn = sessions.player_turn(player.session, player)
    if sessions.turn_question(player.session, turn) is None:
        return None
    return answers.player_answer(player=player, index=turn.index)


@require_http_methods(["GET", "HEAD", "POST"])
def join(request: HtmxHttpRequest) -> HttpResponse:
    """PIN + pseudo (+ the code de reprise to come back on another device); the player's place is
    kept in a cookie (refresh, closed tab, lost network). A signed-in student is recognised."""
    error = ""
    user = request.user
    pin = request.GET.get("pin", "")[:6]
    pseudo = default_pseudo(user)
    rejoin_code = ""
    rejoin_open = False
    if request.method == "POST":
        pin, pseudo = request.POST.get("pin", "")[:20], request.POST.get("pseudo", "")[:200]
        rejoin_code = request.POST.get("rejoin_code", "")[:20]
        try:
            player = players.player_join(
                pin=pin,
                pseudo=pseudo,
                client=_client(request),
                user=user,
                rejoin_code=rejoin_code,
            )
        except Refusal as refusal:
            error = refusal.message
            rejoin_open = isinstance(refusal, players.PseudoTaken)
        else:
            return _seated(request, player, HttpResponseRedirect(reverse("live:play")))
    current = _player(request)
    if current is not None and current.session.state == LiveSession.State.FINISHED:
        current = None
    context = {
        "pin": pin,
        "pseudo": pseudo,
        "rejoin_code": rejoin_code,
        "rejoin_open": rejoin_open,
        "error": error,
        "current": current,
        "signed_in": user.is_authenticated,
    }
    return _keep_client_cookie(request, render(request, "quiz/live/join.html", context))


def default_pseudo(user: object) -> str:
    """A signed-in student's pseudo, pre-filled: their first name, else their username."""
    if not getattr(user, "is_authenticated", False):
        return ""
    name = (getattr(user, "first_name", "") or getattr(user, "username", "")).strip()
    return name[: players.PSEUDO_MAX]


@require_safe
def play(request: HtmxHttpRequest) -> HttpResponse:
    """The student's screen: waiting room, question, correction with score and rank, podium."""
    player = _player(request)
    if player is None:
        # A signed-in student on a new device: straight back to their place.
        player = players.player_of_account(user=request.user)
        if player is None:
            return redirect("live:join")
        return _seated(request, player, _screen(request, player, _current_answer(player)))
    return _screen(request, player, _current_answer(player))


@require_safe
def play_poll(request: PollRequest) -> HttpResponse:
    """The student's poll whose screen changed (an unchanged one was answered 304 by
    `IdlePollMiddleware`, which read the poll's row: `request.live_poll`)."""
    poll = request.live_poll
    if poll is None:  # no such player (any more): back to the join form
        return HttpResponseClientRedirect(reverse("live:join"))
    player, answer = poll.screen()  # read by the poll's own query
    return _screen(request, player, answer)


@require_POST
def play_answer(request: HtmxHttpRequest) -> HttpResponse:
    """Answer the current question (server time decides whether it is late)."""
    player = _player(request)
    if player is None:
        return redirect("live:join")
    try:
        feedback = answers.live_answer(
            player=player,
            question_index=small_int(request.POST.get("question", ""), 5),
            answer=answer_text(request),
            chosen_ids=chosen_ids(request),
            served=request.POST.get("served", "")[:200],
            now=timezone.now(),
        )
    except Refusal as refusal:
        feedback = answers.LiveFeedback("refused", refusal.message)
        return _screen(request, player, _current_answer(player), feedback)
    return _screen(request, player, feedback.answer, feedback)


@require_POST
def play_next(request: HtmxHttpRequest) -> HttpResponse:
    """Student-paced: go on to the next question (a double submit or a stale page moves once)."""
    player = _player(request)
    if player is None:
        return redirect("live:join")
    from_index = small_int(request.POST.get("from", ""), 5)
    feedback = None
    try:
        player = players.player_next(
            player=player,
            from_index=-1 if from_index is None else from_index,
            now=timezone.now(),
        )
    except Refusal as refusal:
        feedback = answers.LiveFeedback("refused", refusal.message)
    if not request.htmx:
        if feedback is not None:
            messages.info(request, feedback.message)
        return redirect("live:play")
    return _screen(request, player, _current_answer(player), feedback)
