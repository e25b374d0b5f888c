"""Two app servers (the production server, granian, one worker each) on one database: a player
who joins through one is seen by the projector served by the other, and wrong PINs typed on both
count together (no state in process memory)."""

from __future__ import annotations

import http.cookiejar
import json
import re
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest

from scripts import servers

SETUP = """
import json, django
django.setup()
from django.contrib.auth.models import User
from django.test import Client
from quiz.live import sessions
from quiz.models import Quiz, QuizQuestion
teacher = User.objects.create_user("prof", password="x", is_staff=True)
quiz = Quiz.objects.create(title="Deux serveurs", is_published=True)
QuizQuestion.objects.create(quiz=quiz, order=1, kind="numeric", kpi_slug="cpm", difficulty=1)
session = sessions.session_create(quiz=quiz, owner=teacher)
client = Client()
client.force_login(teacher)
print(json.dumps({"pin": session.pin, "id": session.pk, "cookie": client.cookies["sessionid"].value}))
"""


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("two-servers")
    env = servers.production_env(
        f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        secret="two-servers-test-key-" + "x" * 40,
        allowed_hosts="127.0.0.1",
        static_root=tmp_path / "static",
    )
    servers.manage(env, (["migrate"], ["collectstatic", "--noinput"]))
    servers.manage(env, (["load_course"],), quiet=True)
    setup = json.loads(
        subprocess.run(
            [sys.executable, "-c", SETUP],
            cwd=servers.ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    ports = [servers.free_port(), servers.free_port()]
    apps = [servers.start_production(env, port, workers=1) for port in ports]
    try:
        for port in ports:
            assert servers.wait_ready(f"http://127.0.0.1:{port}"), f"port {port} did not answer"
        yield [f"http://127.0.0.1:{port}" for port in ports], setup
    finally:
        for app in apps:
            servers.stop_server(app)


def test_a_join_on_one_server_is_seen_by_the_projector_on_the_other(two_servers):
    (server_a, server_b), setup = two_servers
    teacher = urllib.request.build_opener()
    teacher.addheaders = [("Cookie", f"sessionid={setup['cookie']}")]
    poll = f"{server_b}/animer/{setup['id']}/etat/"
    etag = teacher.open(poll).headers["ETag"]

    jar = http.cookiejar.CookieJar()
    student = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = student.open(f"{server_a}/rejoindre/?pin={setup['pin']}").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "pin": setup["pin"], "pseudo": "Anaïs"}
    )
    page = student.open(f"{server_a}/rejoindre/", data=body.encode()).read().decode()
    assert "Bienvenue, Anaïs" in page

    request = urllib.request.Request(poll, headers={"If-None-Match": etag})
    response = teacher.open(request)
    assert response.status == 200  # not 304: the other server's join changed the session
    assert "Anaïs" in response.read().decode()
    assert "Anaïs" in teacher.open(f"{server_b}/animer/{setup['id']}/").read().decode()


def _join(opener, server: str, *, pin: str, pseudo: str) -> str:
    """The join form's page after posting `pin` and `pseudo` (the form's CSRF token first)."""
    form = opener.open(f"{server}/rejoindre/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "pin": pin, "pseudo": pseudo})
    return opener.open(f"{server}/rejoindre/", data=body.encode()).read().decode()


def test_wrong_pins_typed_on_two_servers_count_together_and_spare_the_class(two_servers):
    """Production without Redis keeps the counts in the database's cache: ten wrong PINs, half on
    each server, make this browser wait on both (with each process's own memory, each server had
    counted five and let the next PIN in); a classmate's right PIN still gets in."""
    servers_, setup = two_servers
    wrong = "999999" if setup["pin"] != "999999" else "888888"
    guesser = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    for attempt in range(10):
        page = _join(guesser, servers_[attempt % 2], pin=wrong, pseudo="Devin")
        assert "Aucune session ouverte avec ce code" in page
    for server in servers_:
        page = _join(guesser, server, pin=setup["pin"], pseudo="Devin")
        assert "Trop d’essais avec un mauvais code" in page and "Bienvenue" not in page
    classmate = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    assert "Bienvenue, Maëlle" in _join(classmate, servers_[1], pin=setup["pin"], pseudo="Maëlle")
