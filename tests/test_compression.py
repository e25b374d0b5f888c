"""HTML compressed by Django's GZipMiddleware (first in the stack), static files by whitenoise (gzip
and brotli), and the live poll's 304s unchanged by compression."""

from __future__ import annotations

import gzip

import pytest
from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.test import Client
from whitenoise.compress import Compressor

from config.compression import HtmlGZipMiddleware
from quiz.live import sessions
from tests.factories import TeacherFactory, numeric_and_concept_quiz
from tests.quiz.live.helpers import joined

pytestmark = pytest.mark.django_db
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_gzip_middleware_comes_first():
    """It must see every response last (the CSP and security headers included in what it keeps)."""
    assert settings.MIDDLEWARE[0] == "config.compression.HtmlGZipMiddleware"
    assert issubclass(HtmlGZipMiddleware, GZipMiddleware)


@pytest.mark.parametrize("path", ["/", "/calculateurs/", "/calculateurs/cpm/", "/hors-ligne/"])
def test_html_is_gzipped_when_the_browser_accepts_it(client, path):
    response = client.get(path, **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "<!doctype html>" in html and "NDRC Révisions" in html
    assert int(response["Content-Length"]) == len(response.content)
    assert "Content-Security-Policy" in response  # the other middleware's headers are kept


def test_html_is_plain_without_accept_encoding(client):
    response = client.get("/calculateurs/")
    assert not response.has_header("Content-Encoding")
    assert "Accept-Encoding" in response["Vary"]  # a cache keeps the two versions apart
    assert b"<!doctype html>" in response.content


def test_gzip_header_length_varies_between_responses(client):
    """Django's BREACH mitigation (4.2+): random bytes in the gzip header, so the same page does
    not have the same compressed length twice."""
    lengths = {len(client.get("/calculateurs/", **GZIP).content) for _ in range(12)}
    assert len(lengths) > 1


def test_htmx_fragment_is_gzipped_too(client):
    response = client.get(
        "/calculateurs/cpm/?budget=200&impressions=10000", HTTP_HX_REQUEST="true", **GZIP
    )
    assert response["Content-Encoding"] == "gzip"
    assert "20,00" in gzip.decompress(response.content).decode()


@pytest.fixture
def live_session(course):
    teacher = TeacherFactory(username="prof-gzip")
    return sessions.session_create(quiz=numeric_and_concept_quiz(title="Direct"), owner=teacher)


def test_poll_answers_304_to_the_weak_etag_of_a_compressed_response(live_session):
    """A compressed 200 carries `W/"…"`; the browser sends that back and must get a 304."""
    lea = joined(live_session, "Léa")
    first = lea.get("/session/etat/", **GZIP)
    assert first.status_code == 200
    etag = first["ETag"]
    assert first["Content-Encoding"] == "gzip"
    assert etag.startswith('W/"')
    unchanged = lea.get("/session/etat/", HTTP_IF_NONE_MATCH=etag, **GZIP)
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    # The strong form (what the page's hx-headers send) is answered the same way.
    strong = etag.removeprefix("W/")
    assert lea.get("/session/etat/", HTTP_IF_NONE_MATCH=strong, **GZIP).status_code == 304


def test_poll_change_is_not_hidden_by_the_weak_comparison(live_session):
    lea = joined(live_session, "Léa")
    etag = lea.get("/session/etat/", **GZIP)["ETag"]
    teacher = Client()
    teacher.force_login(live_session.owner)
    teacher.post(f"/animer/{live_session.pk}/action/", {"action": "advance"})
    changed = lea.get("/session/etat/", HTTP_IF_NONE_MATCH=etag, **GZIP)
    assert changed.status_code == 200


@pytest.mark.parametrize(
    "sent",
    ['W/"p1-2-0-0", "x"', "W/", "*", 'W/"' + "a" * 5000, "W/W/W/", ",,,"],
)
def test_malformed_if_none_match_is_harmless(client, live_session, sent):
    lea = joined(live_session, "Léa")
    assert lea.get("/session/etat/", HTTP_IF_NONE_MATCH=sent, **GZIP).status_code in {200, 304}
    assert client.get("/", HTTP_IF_NONE_MATCH=sent, **GZIP).status_code == 200


def test_whitenoise_writes_brotli_files(tmp_path):
    """With the Brotli package installed, collectstatic's compression writes `.br` files."""
    source = tmp_path / "site.css"
    source.write_text("body { color: #1b2430; }\n" * 200)
    compressor = Compressor(quiet=True)
    written = list(compressor.compress(str(source)))
    assert str(source) + ".br" in written and str(source) + ".gz" in written
