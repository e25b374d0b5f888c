"""What every page's layout needs, computed once per process (URLs, static paths and the navigation
do not change while the process runs; reversing, hashing and looping over them in the template at
every request cost more than the page). The navigation's markup is a template's,
`templates/includes/navigation.html`, rendered (and escaped) by the template engine once per
current section."""

from __future__ import annotations

from functools import cache, lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse

SECTIONS = (
    ("courses", "courses:index", "Cours", "/cours/"),
    ("practice", "practice:home", "Entraînement", "/entrainement/"),
    ("calculators", "calculators:index", "Calculateurs", "/calculateurs/"),
    ("join", "live:join", "Rejoindre une session", "/rejoindre/"),
)
LIVE_ACTIONS = ("play_poll", "play_answer", "play_next")


@cache
def layout_urls() -> dict:
    urls = {key: reverse(name) for key, name, _, _ in SECTIONS}
    # What a student's phone posts and polls in a live session, on every screen of the game.
    urls |= {key: reverse(f"live:{key.replace('_', '-')}") for key in LIVE_ACTIONS}
    return {
        "home_url": reverse("home"),
        "admin_url": reverse("admin:index"),
        "account_url": reverse("accounts:account"),
        "teacher_url": reverse("teaching:dashboard"),
        "urls": urls,  # {{ layout.urls.practice }}, {{ layout.urls.play_poll }}…
        # The main navigation's (path prefix, URL, label): see navigation().
        "nav": tuple((prefix, urls[key], label) for key, _, label, prefix in SECTIONS),
        "css_url": static("css/site.css"),
        "js_url": static("js/site.js"),
        "favicon_url": static("icons/favicon.svg"),
        "htmx_url": static("django_htmx/htmx-2.min.js"),
        "debug": settings.DEBUG,  # django-htmx's {% htmx_script %} adds its error overlay then
    }


@lru_cache(maxsize=32)
def _navigation(current: tuple[bool, ...]) -> str:
    items = [
        (url, label, on) for (_, url, label), on in zip(layout_urls()["nav"], current, strict=True)
    ]
    return render_to_string("includes/navigation.html", {"items": items})  # a SafeString


def navigation(path: str) -> str:
    """The main navigation's items, the sections whose path prefix is in `path` marked with
    `aria-current`: the template rendered once per combination (five in practice), not at every
    page (its loop cost as much as the rest of a simple page's layout)."""
    return _navigation(tuple(prefix in path for prefix, _, _ in layout_urls()["nav"]))


def layout(request: HttpRequest) -> dict:
    return {"layout": layout_urls(), "navigation": navigation(request.path)}
