"""Site-wide pages: home, health check, robots.txt, and the French pages of every error."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe
from redis import Redis, RedisError

from calculators.kpis import KPIS, kpis_by_family
from config.busy import is_busy_error
from config.context_processors import layout_urls

logger = logging.getLogger(__name__)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The chapter at a glance, leading to each part of the app."""
    return render(
        request,
        "home.html",
        {"kpi_count": len(KPIS), "families": kpis_by_family()},
    )


@require_safe
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Health for load balancers: `ok` once the database (and Redis, when set) answered, else a
    503 naming what failed. One `SELECT 1`, which never waits for a writer (WAL)."""
    failed = [name for name, check in _health_checks() if not check()]
    if not failed:
        return HttpResponse("ok", content_type="text/plain; charset=utf-8")
    logger.error("health check failed: %s", ", ".join(failed))
    return HttpResponse(
        "".join(f"{name}: indisponible\n" for name in failed),
        status=503,
        content_type="text/plain; charset=utf-8",
    )


def _health_checks() -> list[tuple[str, Callable[[], bool]]]:
    checks: list[tuple[str, Callable[[], bool]]] = [("database", _database_answers)]
    if settings.REDIS_URL:
        checks.append(("redis", _redis_answers))
    return checks


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


@cache
def _redis_client() -> Redis:
    return Redis.from_url(settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1)


def _redis_answers() -> bool:
    try:
        return bool(_redis_client().ping())
    except RedisError:
        return False


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers still ask for /favicon.ico: send them to the SVG icon."""
    return redirect(layout_urls()["favicon_url"], permanent=True)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Keep the admin and the live sessions out of search engines (also the benchmarks' trivial view)."""
    return HttpResponse(
        "User-agent: *\nDisallow: /admin/\nDisallow: /session/\nDisallow: /animer/\n",
        content_type="text/plain; charset=utf-8",
    )


# The French pages of errors: (title, what to do). Every one is the site's layout (its stylesheet,
# no inline style: the CSP holds), or a fragment when htmx asked, which site.js shows.
ERRORS = {
    400: (
        "Requête invalide",
        "Ce que le navigateur a envoyé n’a pas pu être lu. Rechargez la page et recommencez.",
    ),
    403: (
        "Accès refusé",
        "Cette page ne vous est pas ouverte. Connectez-vous avec le bon compte, ou revenez à l’accueil.",
    ),
    404: ("Page introuvable", "Cette page n’existe pas ou a été déplacée."),
    405: (
        "Action impossible",
        "Cette page ne s’utilise pas ainsi. Revenez en arrière et utilisez les boutons de la page.",
    ),
    413: (
        "Envoi trop volumineux",
        "Ce que vous avez envoyé est trop gros. Raccourcissez-le et recommencez.",
    ),
    429: ("Trop de demandes", "Patientez quelques instants avant de réessayer."),
    500: (
        "Une erreur est survenue",
        "Le serveur n’a pas pu répondre. Réessayez dans un instant ; si le problème continue, prévenez votre enseignant.",
    ),
    503: ("Serveur occupé", "Le serveur est très occupé, réessayez dans quelques secondes."),
}
CSRF_MESSAGE = (
    "Le formulaire a expiré ou vos cookies sont bloqués. Rechargez la page (autorisez les cookies "
    "de ce site), puis renvoyez le formulaire."
)
BUSY_RETRY_SECONDS = 5


def _error_context(status: int, message: str | None = None) -> dict[str, object]:
    title, usual = ERRORS.get(status, ERRORS[500] if status >= 500 else ERRORS[400])
    return {"status": status, "title": title, "message": message or usual}


def error_body(request: HttpRequest, status: int, message: str | None = None) -> str:
    """The French page of an error (its fragment when htmx asked), as HTML."""
    name = "errors/page.html#error" if request.headers.get("HX-Request") else "errors/page.html"
    return render_to_string(name, _error_context(status, message), request=request)


def error_response(request: HttpRequest, status: int, message: str | None = None) -> HttpResponse:
    return HttpResponse(error_body(request, status, message), status=status)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400 (and a body Django cannot parse: config.middleware.BodyParsingMiddleware)."""
    return error_response(request, 400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler403."""
    return error_response(request, 403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler404: the French page, htmx or not."""
    if request.headers.get("HX-Request"):
        return error_response(request, 404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a write that gave up behind another writer is the French 503; anything else the
    static 500 page (no context processor, no query: it must render whatever failed)."""
    error = sys.exc_info()[1]
    if error is not None and is_busy_error(error):
        return busy_response(request)
    return HttpResponse(render_to_string("500.html"), status=500)


def busy_response(request: HttpRequest) -> HttpResponse:
    """The French 503 of a write that waited too long for another writer (nothing was stored)."""
    logger.warning("write gave up behind another writer (database busy)")
    response = error_response(request, 503)
    response.headers["Retry-After"] = str(BUSY_RETRY_SECONDS)
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: Django's own page has an inline style the CSP blocks."""
    return error_response(request, 403, CSRF_MESSAGE)
