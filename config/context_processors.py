"""What every page's layout needs, computed once per process (URLs and static paths do not change
while the process runs; reversing and hashing them at every request cost more than the page)."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse

SECTIONS = (
    ("courses", "courses:index", "Cours", "/cours/"),
    ("practice", "practice:home", "Entraînement", "/entrainement/"),
    ("calculators", "calculators:index", "Calculateurs", "/calculateurs/"),
    ("join", "live:join", "Rejoindre une session", "/rejoindre/"),
)


@cache
def layout_urls() -> dict:
    return {
        "home_url": reverse("home"),
        "admin_url": reverse("admin:index"),
        "nav": [(key, reverse(name), label, prefix) for key, name, label, prefix in SECTIONS],
        "css_url": static("css/site.css"),
        "js_url": static("js/site.js"),
        "favicon_url": static("icons/favicon.svg"),
        "htmx_url": static("django_htmx/htmx-2.min.js"),
        "debug": settings.DEBUG,  # django-htmx's {% htmx_script %} adds its error overlay then
    }


def layout(request: HttpRequest) -> dict:
    return {"layout": layout_urls()}
