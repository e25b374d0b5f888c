"""Two app servers on one database: a player who joins through one is seen by the projector served
by the other (no state in process memory)."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str) -> None:
    for _ in range(100):
        try:
            if urllib.request.urlopen(url, timeout=1).read() == b"ok":
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer")


@pytest.fixture
def two_servers(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        DEBUG="0",
        HTTPS_ONLY="0",
        SECRET_KEY="two-servers-test-key-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="ERROR",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    for command in (["migrate"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v", "0"], cwd=ROOT, env=env, check=True
        )
    subprocess.run(
        [sys.executable, "manage.py", "load_course", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    setup = json.loads(
        subprocess.run(
            [sys.executable, "-c", SETUP],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    ports = [free_port(), free_port()]
    servers = [
        subprocess.Popen(
            [
                str(GUNICORN),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--log-level",
                "error",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        for port in ports
    ]
    try:
        for port in ports:
            wait_for(f"http://127.0.0.1:{port}/healthz")
        yield [f"http://127.0.0.1:{port}" for port in ports], setup
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)


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
