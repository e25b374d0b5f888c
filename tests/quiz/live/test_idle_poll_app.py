"""The WSGI application in front of Django (config/wsgi.py): a student's unchanged poll is answered
from this process's copy of the class's clock, and everything else reaches Django untouched."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from config.wsgi import application
from quiz.live.middleware import IdlePollApp
from quiz.live.players import PLAYER_COOKIE
from tests.hostile import BAD_IF_NONE_MATCH, NASTY, OK, WRONG_METHODS, on_the_wire
from tests.quiz.live.helpers import joined

pytestmark = pytest.mark.django_db
POLL = "/session/etat/"


class Spy:
    """Django's handler, counting the requests that reached it."""

    def __init__(self) -> None:
        self.django = WSGIHandler()
        self.calls = 0

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        self.calls += 1
        return self.django(environ, start_response)


def call(
    app: Callable[..., Iterable[bytes]], *, cookie: str = "", etag: str | None = None, **extra: Any
) -> tuple[str, dict[str, str], bytes]:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": POLL,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
        "HTTP_COOKIE": cookie,
    }
    if etag is not None:
        environ["HTTP_IF_NONE_MATCH"] = etag
    environ.update(extra)
    answer: list[Any] = []
    # Django's handler called as a WSGI server calls it, but without its signals closing the
    # test's database connection (Django's test client disconnects them in the same way).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        body = app(environ, lambda status, headers, exc_info=None: answer.extend((status, headers)))
        content = b"".join(body)
        getattr(body, "close", lambda: None)()
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    return answer[0], dict(answer[1]), content


@pytest.fixture
def phone(session, reuse):
    """A student in the lobby whose process has just read the class's clock: (cookie, ETag)."""
    lea = joined(session)
    etag = lea.get(POLL)["ETag"]
    return f"{PLAYER_COOKIE}={lea.cookies[PLAYER_COOKIE].value}", etag


def test_the_served_application_answers_an_unchanged_poll_before_django(
    phone, django_assert_num_queries
):
    cookie, etag = phone
    assert isinstance(application, IdlePollApp)
    spy = Spy()
    with django_assert_num_queries(0):
        status, headers, body = call(IdlePollApp(spy), cookie=cookie, etag=etag)
    assert (status, body, spy.calls) == ("304 Not Modified", b"", 0)
    # A gzipped screen's ETag comes back weak (W/"…"): the same screen (RFC 9110's weak comparison).
    assert call(IdlePollApp(spy), cookie=cookie, etag=f"W/{etag}")[0] == "304 Not Modified"
    assert spy.calls == 0
    # The headers Django's own 304 carries (its request id aside), from the same settings.
    _, django_headers, _ = call(WSGIHandler(), cookie=cookie, etag=etag)
    django_headers.pop("X-Request-ID")
    assert headers == django_headers


def test_anything_but_an_unchanged_recent_poll_reaches_django(session, teacher, phone, reuse):
    cookie, etag = phone
    spy = Spy()
    app = IdlePollApp(spy)
    status, _, body = call(app, cookie=cookie, etag='"autre"')  # a changed screen
    assert status.startswith("200") and b"Bienvenue" in body
    assert call(app, cookie=cookie)[0].startswith("200")  # no ETag: a first poll
    assert call(app, cookie=cookie, etag=etag, REQUEST_METHOD="POST")[0].startswith("403")  # CSRF
    assert call(app, cookie=cookie, etag=etag, PATH_INFO="/session/")[0].startswith("200")
    assert call(app, etag=etag)[0].startswith("200")  # no cookie: back to joining
    assert spy.calls == 5
    reuse.now += 1  # the copy is too old: Django reads the row, which has not changed
    assert call(app, cookie=cookie, etag=etag)[0] == "304 Not Modified"
    assert spy.calls == 6
    assert call(app, cookie=cookie, etag=etag)[0] == "304 Not Modified"  # a fresh copy again
    assert spy.calls == 6


@pytest.mark.parametrize("value", [*NASTY, *BAD_IF_NONE_MATCH, "ndrc_player=a; ndrc_player=b"])
def test_hostile_cookies_and_etags_get_django_s_answer(phone, value):
    cookie, etag = phone
    spy = Spy()
    for kwargs in (
        {"cookie": on_the_wire(value), "etag": etag},
        {"cookie": f"{PLAYER_COOKIE}={on_the_wire(value)}", "etag": etag},
        {"cookie": cookie, "etag": on_the_wire(value)},
    ):
        status, _, _ = call(IdlePollApp(spy), **kwargs)
        assert int(status[:3]) in OK
    assert spy.calls >= 2


@pytest.mark.parametrize("method", WRONG_METHODS)
def test_other_methods_go_to_django(phone, method):
    cookie, etag = phone
    spy = Spy()
    status, _, _ = call(IdlePollApp(spy), cookie=cookie, etag=etag, REQUEST_METHOD=method)
    assert spy.calls == 1 and int(status[:3]) in OK


def test_https_only_a_plain_http_poll_is_redirected_and_a_secure_one_gets_hsts(phone, settings):
    cookie, etag = phone
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLOWED_HOSTS = ["testserver"]
    spy = Spy()
    app = IdlePollApp(spy)
    status, headers, _ = call(app, cookie=cookie, etag=etag)
    assert status.startswith("301") and headers["Location"].startswith("https://")
    assert spy.calls == 1
    proxied = {"HTTP_X_FORWARDED_PROTO": "https"}
    status, headers, _ = call(app, cookie=cookie, etag=etag, **proxied)
    assert status == "304 Not Modified" and spy.calls == 1
    _, django_headers, _ = call(WSGIHandler(), cookie=cookie, etag=etag, **proxied)
    django_headers.pop("X-Request-ID")
    assert headers == django_headers and "max-age=3600" in headers["Strict-Transport-Security"]
