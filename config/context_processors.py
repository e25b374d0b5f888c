"""What every page's layout needs, computed once per process (URLs, static paths and the navigation's
markup do not change while the process runs; reversing, hashing and looping over them in the template
at every request cost more than the page)."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

SECTIONS = (
    ("courses", "courses:index", "Cours", "/cours/"),
    ("practice", "practice:home", "Entraînement", "/entrainement/"),
    ("calculators", "calculators:index", "Calculateurs", "/calculateurs/"),
    ("join", "live:join", "Rejoindre une session", "/rejoindre/"),
)
LIVE_ACTIONS = ("play_poll", "play_answer", "play_next")
NAV_ITEM = '<li><a href="{}">{}</a></li>\n          '
NAV_ITEM_CURRENT = '<li><a href="{}" aria-current="page">{}</a></li>\n          '


@cache
def layout_urls() -> dict:
    urls = {key: reverse(name) for key, name, _, _ in SECTIONS}
    # What a student's phone posts and polls in a live session, on every screen of the game.
    urls |= {key: reverse(f"live:{key.replace('_', '-')}") for key in LIVE_ACTIONS}
    return {
        "home_url": reverse("home"),
        "admin_url": reverse("admin:index"),
        "urls": urls,  # {{ layout.urls.practice }}, {{ layout.urls.play_poll }}…
        # (path prefix, the item's markup, the item's markup on one of its pages)
        "nav": [
            (
                prefix,
                format_html(NAV_ITEM, urls[key], label),
                format_html(NAV_ITEM_CURRENT, urls[key], label),
            )
            for key, _, label, prefix in SECTIONS
        ],
        "css_url": static("css/site.css"),
        "js_url": static("js/site.js"),
        "favicon_url": static("icons/favicon.svg"),
        "htmx_url": static("django_htmx/htmx-2.min.js"),
        "debug": settings.DEBUG,  # django-htmx's {% htmx_script %} adds its error overlay then
    }


def navigation(path: str) -> SafeString:
    """The main navigation's items, the current section marked with `aria-current`."""
    return mark_safe(
        "".join(
            current if prefix in path else item for prefix, item, current in layout_urls()["nav"]
        )
    )


def layout(request: HttpRequest) -> dict:
    return {"layout": layout_urls(), "navigation": navigation(request.path)}
