"""The installable web app: manifest, icons, the service worker at /sw.js and the offline page."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

import pytest
from django.test import Client

from config import pwa
from tests.factories import TeacherFactory, UserFactory
from tests.hostile import NASTY, check

pytestmark = pytest.mark.django_db
STATIC = Path(__file__).resolve().parents[1] / "static"
PUBLIC_URLS = ["/sw.js", "/hors-ligne/"]


@pytest.fixture
def visitors(db) -> dict[str, Client]:
    """Anonymous, two students (of different classes or none), a teacher, a superuser: the worker
    and the offline page are the same for all, and show nothing of anyone."""
    clients = {"anonymous": Client()}
    for name, user in (
        ("student", UserFactory(username="lea-pwa")),
        ("other-student", UserFactory(username="tom-pwa")),
        ("teacher", TeacherFactory(username="prof-pwa")),
        ("superuser", TeacherFactory(username="chef-pwa", superuser=True)),
    ):
        client = Client()
        client.force_login(user)
        clients[name] = client
    return clients


@pytest.mark.parametrize("path", PUBLIC_URLS)
def test_every_visitor_gets_the_same_public_answer(visitors, path):
    bodies = set()
    for name, client in visitors.items():
        response = client.get(path)
        assert response.status_code == 200, name
        body = response.content.decode()
        assert not any(user in body for user in ("lea-pwa", "tom-pwa", "prof-pwa", "chef-pwa"))
        bodies.add(re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body))
    if path == "/sw.js":
        assert len(bodies) == 1


def test_service_worker_is_served_from_the_root_as_javascript(client):
    response = client.get("/sw.js")
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]
    assert "Content-Security-Policy" in response
    source = response.content.decode()
    settings = json.loads(re.match(r"const WORKER = (\{.*\});\n", source)[1])
    assert settings["offlineUrl"] == "/hors-ligne/"
    assert "/static/css/site.css" in settings["precache"] and "/hors-ligne/" in settings["precache"]
    assert settings["staticPrefix"] == "/static/"
    assert re.fullmatch(r"[0-9a-f]{12}", settings["version"])
    # No offline answering: POSTs and htmx requests are left to the network.
    assert 'request.method !== "GET"' in source and 'headers.has("HX-Request")' in source


def test_precached_files_exist():
    for name in pwa.PRECACHED_STATIC:
        if name.startswith("django_htmx/"):
            continue
        assert (STATIC / name).is_file(), name


def test_offline_page_is_french_and_has_no_form(client):
    response = client.get("/hors-ligne/")
    html = response.content.decode()
    assert "<h1>Vous êtes hors ligne</h1>" in html
    assert "<form" not in html.split('id="contenu"')[1].split("</main>")[0]


def test_manifest_is_linked_and_describes_the_app(client):
    html = client.get("/").content.decode()
    assert '<link rel="manifest" href="/static/manifest.webmanifest">' in html
    assert '<meta name="theme-color" content="#1d3f8f">' in html
    manifest = json.loads((STATIC / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "NDRC Révisions" and manifest["lang"] == "fr"
    assert manifest["start_url"] == "/" and manifest["scope"] == "/"
    assert manifest["display"] == "standalone" and manifest["theme_color"] == "#1d3f8f"
    sizes = set()
    for icon in manifest["icons"]:
        path = STATIC / icon["src"]
        assert path.is_file(), icon["src"]
        if icon["type"] == "image/png":
            width, height = struct.unpack(">II", path.read_bytes()[16:24])  # the IHDR chunk
            assert icon["sizes"] == f"{width}x{height}"
            sizes.add(width)
    assert {192, 512} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])


@pytest.mark.parametrize("path", PUBLIC_URLS)
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_wrong_methods_are_refused(client, path, method):
    assert getattr(client, method)(path).status_code == 405


@pytest.mark.parametrize("path", PUBLIC_URLS)
@pytest.mark.parametrize("value", NASTY)
def test_hostile_query_strings_never_break_the_pages(client, path, value):
    check(client.get(path, {"v": value, "next": value}))
    check(client.get(path, HTTP_IF_NONE_MATCH=value.encode("utf-8").decode("latin-1")[:1000]))
