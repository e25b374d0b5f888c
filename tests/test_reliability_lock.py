"""A writer that holds the SQLite file (another app process, or a `sqlite3` shell left open) for longer
than the write timeout: reads answer at once, a write answers the French 503 within the bound, and
nothing is stored half or twice (the same answer sent again afterwards is stored once)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts import servers

WRITE_TIMEOUT = 1.5  # seconds: SQLITE_WRITE_TIMEOUT of the processes below
HOLD = WRITE_TIMEOUT + 10  # the other writer keeps its transaction open this long
# A read that waited for the writer would take the whole busy timeout; a loaded machine (CI on two
# shared cores) may still take a few hundred milliseconds to render a page.
READ_BOUND = 1.0
WRITE_SLACK = 1.0

SETUP = """
import json, django
django.setup()
from django.contrib.auth.models import User
from quiz.live import players, sessions
from quiz.models import Quiz, QuizQuestion
teacher = User.objects.create_user("prof", password="x", is_staff=True)
quiz = Quiz.objects.create(title="Verrou", is_published=True)
QuizQuestion.objects.create(quiz=quiz, order=1, kind="numeric", kpi_slug="cpm", difficulty=1)
session = sessions.session_create(quiz=quiz, owner=teacher)
player = players.player_join(pin=session.pin, pseudo="Lea", client="127.0.0.1")
print(json.dumps({"player": player.token}))
"""

# Holds a write transaction: through the app (its write lock, then BEGIN IMMEDIATE), or as a bare
# sqlite3 connection outside the app (only SQLite's own lock).
HOLD_IN_APP = """
import sys, time, django
django.setup()
from django.db import transaction
from django.contrib.sessions.backends.db import SessionStore
with transaction.atomic():
    SessionStore().create()
    print("holding", flush=True)
    time.sleep(float(sys.argv[1]))
"""
HOLD_OUTSIDE = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[2], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("CREATE TABLE IF NOT EXISTS held (x)")
connection.execute("INSERT INTO held VALUES (1)")
print("holding", flush=True)
time.sleep(float(sys.argv[1]))
connection.execute("COMMIT")
"""

PROBE = """
import json, re, sys, time, django
django.setup()
from django.conf import settings
settings.DEBUG = False
from django.test import Client
client = Client(raise_request_exception=False)
player = Client(raise_request_exception=False)
player.cookies["ndrc_player"] = sys.argv[1]
page = client.get("/entrainement/kpi/cpc/").content.decode()
token = re.search(r'name="token" value="([^"]+)"', page)[1]
print("ready", flush=True)
sys.stdin.readline()  # the other writer holds the database from now on
timings = {}
def timed(name, call):
    started = time.monotonic()
    response = call()
    timings[name] = [response.status_code, round(time.monotonic() - started, 3),
                     response.content.decode()[:4000], response.headers.get("Retry-After")]
timed("healthz", lambda: client.get("/healthz"))
timed("lesson", lambda: client.get("/cours/mesurer-emailing/"))
timed("poll", lambda: player.get("/session/etat/", HTTP_HX_REQUEST="true"))
timed("answer", lambda: client.post("/entrainement/kpi/cpc/", {"token": token, "answer": "0,5"},
                                    HTTP_HX_REQUEST="true"))
timed("answer page", lambda: client.post("/entrainement/kpi/cpc/", {"token": token, "answer": "0,5"}))
cookies = {name: morsel.value for name, morsel in client.cookies.items()}
print(json.dumps({"timings": timings, "token": token, "cookies": cookies}), flush=True)
"""

AFTER = """
import hashlib, json, sys, django
django.setup()
from django.test import Client
from quiz.models import Attempt, AttemptItem
token = sys.argv[1]
digest = hashlib.sha256(token.encode()).hexdigest()
before = [Attempt.objects.filter(drill_token=digest).count(),
          AttemptItem.objects.filter(attempt__drill_token=digest).count()]
client = Client()
# The same browser sends its answer again once the other writer is done (same owner: its cookie).
for name, value in json.loads(sys.argv[2]).items():
    client.cookies[name] = value
status = [client.post("/entrainement/kpi/cpc/", {"token": token, "answer": "0,5"},
                      HTTP_HX_REQUEST="true").status_code for _ in range(2)]
after = [Attempt.objects.filter(drill_token=digest).count(),
         AttemptItem.objects.filter(attempt__drill_token=digest).count()]
print(json.dumps({"before": before, "status": status, "after": after}))
"""


def _run(code: str, env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=servers.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> tuple[dict[str, str], Path, str]:
    path = tmp_path_factory.mktemp("lock") / "db.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in servers.NOT_INHERITED | {"DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=f"sqlite:///{path}",
        SQLITE_WRITE_TIMEOUT=str(WRITE_TIMEOUT),
        LOG_LEVEL="CRITICAL",
    )
    servers.manage(env, (["migrate"],))
    servers.manage(env, (["load_course"],), quiet=True)
    player = json.loads(_run(SETUP, env))["player"]
    return env, path, player


@pytest.mark.parametrize("holder", [HOLD_IN_APP, HOLD_OUTSIDE], ids=["in-app", "outside"])
def test_a_held_write_lock_blocks_no_read_and_bounds_writes(database, holder):
    env, path, player_token = database
    probe = subprocess.Popen(
        [sys.executable, "-c", PROBE, player_token],
        cwd=servers.ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert probe.stdout.readline().strip() == "ready", probe.stderr.read()
    hold = subprocess.Popen(
        [sys.executable, "-c", holder, str(HOLD), str(path)],
        cwd=servers.ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert hold.stdout.readline().strip() == "holding", hold.stderr.read()
        held_since = time.monotonic()
        probe.stdin.write("go\n")
        probe.stdin.flush()
        out, err = probe.communicate(timeout=60)
        assert probe.returncode == 0, err[-3000:]
        # Everything was measured while the other writer still held the database.
        assert time.monotonic() - held_since < HOLD, "the probe outlived the held transaction"
    finally:
        hold.wait(timeout=60)
    result = json.loads(out.strip().splitlines()[-1])
    timings = result["timings"]
    for read in ("healthz", "lesson", "poll"):
        status, seconds, _, _ = timings[read]
        assert status == 200, (read, timings[read])
        assert seconds < READ_BOUND, (read, seconds)
    assert timings["healthz"][2] == "ok"
    for write in ("answer", "answer page"):
        status, seconds, body, retry_after = timings[write]
        assert status == 503, (write, status, body[:500])
        assert seconds < WRITE_TIMEOUT + WRITE_SLACK, (write, seconds)
        assert "Le serveur est très occupé, réessayez dans quelques secondes." in body
        assert retry_after == "5"
    assert "<html" not in timings["answer"][2]  # htmx: the fragment
    assert "<html" in timings["answer page"][2]  # a full page otherwise

    # Nothing was stored; once the writer is gone the same answer is stored exactly once.
    after = json.loads(_run(AFTER, env, result["token"], json.dumps(result["cookies"])))
    assert after["before"] == [0, 0]
    assert after["status"] == [200, 200]
    assert after["after"] == [1, 1]


def test_database_file_is_readable_by_its_owner_only(database):
    _, path, _ = database
    assert path.stat().st_mode & 0o777 == 0o600
    wal = Path(f"{path}-wal")
    if wal.exists():
        assert wal.stat().st_mode & 0o077 == 0


def test_sqlite_commits_are_durable_and_the_lock_is_portable(database):
    """synchronous=FULL (2): an acknowledged answer survives a power cut; the lock is filelock's."""
    env, _, _ = database
    code = (
        "import django; django.setup(); from django.db import connection; "
        "print(connection.cursor().execute('PRAGMA synchronous').fetchone()[0])"
    )
    assert _run(code, env).strip() == "2"
    source = (servers.ROOT / "config" / "sqlite_backend" / "base.py").read_text()
    assert "import fcntl" not in source
