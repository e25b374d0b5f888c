"""Floors for `make bench`: the least a page or an answer POST can cost in this stack.

Not part of the app (only `make bench` serves them). They put the bars in context: a GET of the
site's layout around an empty page, and a POST that stores one row in a transaction (through the
ORM, then in raw SQL) and answers a constant fragment: no token, no grading, no template.
"""

from __future__ import annotations

import uuid

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from config.urls import urlpatterns as app_urlpatterns
from quiz.models import Attempt

FRAGMENT = '<section id="feedback" data-verdict="correct"></section>'


@require_safe
def layout_only(request: HttpRequest) -> HttpResponse:
    """base.html with an empty content block."""
    return render(request, "base.html", {})


@require_POST
def orm_insert(request: HttpRequest) -> HttpResponse:
    """One row stored through the ORM in a transaction, then a constant fragment."""
    with transaction.atomic():
        Attempt.objects.create(owner="bench-floor", scope=Attempt.Scope.KPI, scope_value="cpm")
    return HttpResponse(FRAGMENT)


@require_POST
def raw_insert(request: HttpRequest) -> HttpResponse:
    """The same row in raw SQL, then the same fragment."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Attempt._meta.db_table} (id, owner, scope, scope_value, created_at) "
            "VALUES (%s, %s, %s, %s, %s)",
            [uuid.uuid4().hex, "bench-floor", Attempt.Scope.KPI, "cpm", timezone.now()],
        )
    return HttpResponse(FRAGMENT)


urlpatterns = [
    *app_urlpatterns,
    path("bench-floor/page/", layout_only),
    path("bench-floor/orm-insert/", orm_insert),
    path("bench-floor/raw-insert/", raw_insert),
]
