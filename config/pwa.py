"""The installable web app: the service worker at the site's root, and the page it shows offline.

The worker (`static/js/sw.js`) is served from `/sw.js`, not from `/static/`, because a worker only
controls the pages under the folder it comes from. It caches the static files and the offline page;
answers, htmx requests and every other page always go to the network (no offline answering).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import PrefixNode, static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# What the worker stores when it is installed: the layout's files, the icons and the offline page.
PRECACHED_STATIC = (
    "css/site.css",
    "js/site.js",
    "django_htmx/htmx-2.min.js",
    "icons/favicon.svg",
    "icons/icon-192.png",
    "icons/icon-512.png",
    "manifest.webmanifest",
)


@cache
def service_worker_source() -> str:
    """`static/js/sw.js` preceded by its settings: what to precache (hashed names in production),
    the offline page, and a cache version that changes whenever one of those names does."""
    path = finders.find("js/sw.js")
    with open(str(path), encoding="utf-8") as source:
        body = source.read()
    offline_url = reverse("offline")
    precache = [static(name) for name in PRECACHED_STATIC] + [offline_url]
    version = hashlib.sha256((json.dumps(precache) + body).encode()).hexdigest()[:12]
    settings = {
        "version": version,
        "precache": precache,
        "offlineUrl": offline_url,
        "staticPrefix": PrefixNode.handle_simple("STATIC_URL"),
    }
    return f"const WORKER = {json.dumps(settings)};\n{body}"


@require_safe
@cache_control(no_cache=True)  # the browser checks for a new worker at every visit
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker script, at the root so that its scope is the whole site."""
    return HttpResponse(service_worker_source(), content_type="text/javascript; charset=utf-8")


@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    """What the worker shows when a page cannot be reached (cached when the worker installs)."""
    return render(request, "pwa/offline.html")
