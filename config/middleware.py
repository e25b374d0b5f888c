"""Project-wide middleware."""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError

from config.busy import is_busy_error


class ContentSecurityPolicyMiddleware:
    """Send a strict Content-Security-Policy: no inline script or style, no third-party origin."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # The admin ships inline scripts of its own; everything we write is held to the strict policy.
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")
request_id_var: ContextVar[str] = ContextVar("request_id", default="-")


class RequestIdMiddleware:
    """Give every request an id (the proxy's X-Request-ID when it is well formed, else a new one),
    send it back in the response and put it on every log line written while the request runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response.headers[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` (or "-" outside a request) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        # django.request logs a 4xx/5xx once the middleware has returned: its record has the request.
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", None) or request_id_var.get()
        return True


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, and for a request's
    error its method, path (no query string: it may hold a PIN or a name), status and traceback.
    No user, no address, no form data: the request id links a line to the proxy's access log."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            line["method"] = request.method
            line["path"] = request.path
        status = getattr(record, "status_code", None)
        if status is not None:
            line["status"] = status
        if record.exc_info:
            line["error"] = record.exc_info[0].__name__ if record.exc_info[0] else None
            line["traceback"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class DatabaseBusyMiddleware:
    """A write that gave up waiting for another writer (`config.sqlite_backend.DatabaseBusy`, or
    SQLite's own "database is locked") becomes a French 503 — a fragment for htmx, a page
    otherwise — with Retry-After; nothing was written, the student may send again."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from config.views import busy_response

        if not is_busy_error(exception):
            return None
        return busy_response(request)


class BodyParsingMiddleware:
    """A POST whose body Django cannot parse (multipart without a boundary, a broken multipart
    body) is a 400 page, not the 500 the CSRF middleware's first read of `request.POST` raises."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.content_type == "multipart/form-data":
            try:
                request.POST  # noqa: B018 — parsed now, so that a broken body is a 400
            except (MultiPartParserError, UnicodeDecodeError, ValueError) as error:
                from config.views import bad_request

                return bad_request(request, error)
        return self.get_response(request)


class ErrorPageMiddleware:
    """A 4xx/5xx HTML response with an empty body (a 405 of `require_http_methods`, a bare
    `HttpResponseBadRequest()`) gets the app's French page; its status and headers stay."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and not response.streaming
            and not response.content
            and request.method != "HEAD"
            and response.get("Content-Type", "").startswith("text/html")
        ):
            from config.views import error_body

            response.content = error_body(request, response.status_code)
        return response
