"""Middleware of the quiz app."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from quiz.views.live import idle_poll


class IdlePollMiddleware:
    """Answer a student's unchanged poll (304) before the rest of the middleware stack.

    Placed right after the security and static-file middleware: an idle poll reads one row and sends
    no body, so it needs neither the session, nor CSRF, nor authentication, nor messages. Any other
    request, and a poll whose screen changed, goes through the whole stack to `play_poll`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.path = ""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.path:
            self.path = reverse("live:play-poll")
        if (
            request.path_info == self.path
            and request.method in ("GET", "HEAD")
            and (unchanged := idle_poll(request)) is not None
        ):
            return unchanged
        return self.get_response(request)
