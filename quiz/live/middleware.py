"""The students' idle poll, answered before the rest of the middleware stack."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils import timezone

from config.http import HtmxHttpRequest
from quiz.live.players import PLAYER_COOKIE
from quiz.live.poll import PollState, poll_state, recent_poll_state


class PollRequest(HtmxHttpRequest):
    """A student's poll, as `play_poll` receives it: the middleware read its row."""

    live_poll: PollState | None  # None: the cookie is nobody's


class IdlePollMiddleware:
    """Answer a student's unchanged poll (304) before the session, CSRF, authentication and
    messages middleware, which it does not need: 1 000 phones poll every second.

    Placed right after the security and static-file middleware. An unchanged poll costs at most one
    indexed query, none while this process's copy of the class's clock is recent
    (`poll.recent_poll_state`). A changed one goes on through the stack to `play_poll` with the
    row it read on `request.live_poll`, so that the new screen renders without asking again."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.path = ""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.path:
            self.path = reverse("live:play-poll")
        if request.path_info != self.path or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        token = request.COOKIES.get(PLAYER_COOKIE)
        sent = request.headers.get("If-None-Match")
        now = timezone.now()
        recent = recent_poll_state(token=token)
        if recent is not None and sent == (etag := recent.etag(now)):
            return _not_modified(etag)
        poll = poll_state(token=token)
        if poll is not None and sent == (etag := poll.etag(now)):
            return _not_modified(etag)
        request.live_poll = poll  # type: ignore[attr-defined]  # read as PollRequest.live_poll
        return self.get_response(request)


def _not_modified(etag: str) -> HttpResponseNotModified:
    response = HttpResponseNotModified()
    response["ETag"] = etag
    return response
