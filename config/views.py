"""Site-wide pages: home, health check, robots.txt."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from calculators.kpis import KPIS, kpis_by_family
from config.context_processors import layout_urls


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
    """Liveness and database check for load balancers: `ok` once the database has answered."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


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
