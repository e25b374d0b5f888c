"""`make faults`: answers survive a killed worker and a restarted server (bounded: under 3 minutes).

Starts the production server (`make serve`'s granian, 2 workers, production settings) on a fresh
SQLite database (or the PostgreSQL database named by DATABASE_URL, whose name must contain
"faults"; it is flushed), then:

1. a burst of drill answers from STUDENTS browsers, during which KILLS workers are killed (SIGKILL,
   one every 0.4 s) — the server starts others;
2. a live game: PLAYERS join, the question starts, and the server is restarted (stopped, started
   again on the same port) while they answer.

A student whose answer got no reply (connection reset, refused, a 5xx) sends it again, as the page
lets them, for up to RETRY_SECONDS. Prints, for each phase, answers acknowledged (a 200 reply),
stored (rows in the database), lost (acknowledged, not stored: must be 0), doubled (stored twice:
must be 0) and given up (never acknowledged: must be 0). Exit status 1 otherwise.
"""

from __future__ import annotations

import hashlib
import html
import http.client
import http.cookiejar
import os
import re
import signal
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from servers import ROOT, free_port, manage, production_env, start_production, stop_server

sys.path.insert(0, str(ROOT))  # the app, for Django in this process (set-up and checks)

STUDENTS = int(os.environ.get("FAULTS_STUDENTS", "24"))
DRILLS_EACH = int(os.environ.get("FAULTS_DRILLS", "12"))
KILLS = int(os.environ.get("FAULTS_KILLS", "3"))
PLAYERS = int(os.environ.get("FAULTS_PLAYERS", "30"))
RETRY_SECONDS = 25.0
REQUEST_TIMEOUT = 10.0
DEADLINE = 170.0  # seconds for everything, set-up included
KPI = "cpc"
FAILURES = (OSError, http.client.HTTPException)  # what a killed worker or a restart gives
_INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'(\w[\w-]*)="([^"]*)"')


@dataclass
class Tally:
    acknowledged: set[str] = field(default_factory=set)
    given_up: set[str] = field(default_factory=set)
    retries: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Browser:
    """One student's browser: its cookies, and the hidden fields of the last page it read."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> tuple[int, str]:
        return self._send(urllib.request.Request(self.base + path))

    def post(self, path: str, fields: dict[str, str], htmx: bool = True) -> tuple[int, str]:
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(fields).encode(),
            headers={"HX-Request": "true"} if htmx else {},
            method="POST",
        )
        request.add_header("Referer", self.base + path)
        return self._send(request)

    def _send(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=REQUEST_TIMEOUT) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")


def hidden_fields(page: str) -> dict[str, str]:
    fields = {}
    for tag in _INPUT.findall(page):
        attributes = dict(_ATTRIBUTE.findall(tag))
        if attributes.get("type") == "hidden" and "name" in attributes:
            fields[attributes["name"]] = html.unescape(attributes.get("value", ""))
    return fields


def until_acknowledged(
    send: Callable[[], tuple[int, str]], tally: Tally, key: str, says: str = ""
) -> None:
    """Send until a 200 comes back (the student presses again), for up to RETRY_SECONDS; with
    `says`, a 200 acknowledges only if its page says so (a refusal is a 200 too)."""
    deadline = time.monotonic() + RETRY_SECONDS
    while time.monotonic() < deadline:
        try:
            status, body = send()
        except FAILURES:  # reset by a killed worker, refused during a restart, timed out
            status, body = 0, ""
        if status == 200 and says in body:
            with tally.lock:
                tally.acknowledged.add(key)
            return
        with tally.lock:
            tally.retries += 1
        time.sleep(0.2)
    with tally.lock:
        tally.given_up.add(key)


def retried(call: Callable[[], tuple[int, str]]) -> tuple[int, str]:
    """A page read (not counted): again until it answers, within RETRY_SECONDS."""
    deadline = time.monotonic() + RETRY_SECONDS
    while True:
        try:
            status, body = call()
            if status == 200 or time.monotonic() > deadline:
                return status, body
        except FAILURES:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.2)


# --------------------------------------------------------------------------------------------------
# Phase 1: a burst of drill answers, a worker killed in the middle
# --------------------------------------------------------------------------------------------------


def workers_of(master: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except FAILURES:
            continue
        if int(fields[1]) == master:
            children.append(int(stat.parent.name))
    return children


def drill_student(base: str, tally: Tally, tokens: list[str]) -> None:
    browser = Browser(base)
    for _ in range(DRILLS_EACH):
        _, page = retried(lambda: browser.get(f"/entrainement/kpi/{KPI}/"))
        fields = hidden_fields(page)
        token = fields.get("token", "")
        if not token:
            continue
        with tally.lock:
            tokens.append(token)
        answer = {**fields, "answer": "1"}
        until_acknowledged(
            lambda answer=answer: browser.post(f"/entrainement/kpi/{KPI}/", answer), tally, token
        )


def burst_with_a_killed_worker(base: str, server_pid: int) -> tuple[Tally, dict[str, int]]:
    tally, tokens = Tally(), []
    with ThreadPoolExecutor(STUDENTS) as pool:
        futures = [pool.submit(drill_student, base, tally, tokens) for _ in range(STUDENTS)]
        killed = []
        for _ in range(KILLS):  # while the burst is under way (the master starts new workers)
            time.sleep(0.4)
            victims = [pid for pid in workers_of(server_pid) if pid not in killed]
            if victims:
                os.kill(victims[0], signal.SIGKILL)
                killed.append(victims[0])
        for future in futures:
            future.result()
    from quiz.models import Attempt

    digests = {hashlib.sha256(token.encode()).hexdigest(): token for token in tokens}
    stored: dict[str, int] = {}
    for digest in Attempt.objects.filter(drill_token__in=digests).values_list(
        "drill_token", flat=True
    ):
        stored[digests[digest]] = stored.get(digests[digest], 0) + 1
    print(f"  workers killed during the burst: {len(killed)}")
    return tally, stored


# --------------------------------------------------------------------------------------------------
# Phase 2: a live game, the server restarted while the players answer
# --------------------------------------------------------------------------------------------------


def create_game() -> tuple[object, object]:
    from django.contrib.auth import get_user_model

    from quiz.live import sessions
    from quiz.models import Quiz, QuizQuestion

    teacher = get_user_model().objects.create_user("prof-pannes", None, None, is_staff=True)
    quiz = Quiz.objects.create(title="Pannes", is_published=True, created_by=teacher)
    QuizQuestion.objects.create(quiz=quiz, kind=QuizQuestion.Kind.NUMERIC, kpi_slug=KPI)
    return teacher, sessions.session_create(quiz=quiz, owner=teacher)


def live_game_with_a_restart(
    base: str, env: dict[str, str], port: int, holder: list
) -> tuple[Tally, dict[str, int]]:
    from django.db import connections
    from django.utils import timezone

    from quiz.live import sessions
    from quiz.models import LiveAnswer, Player

    teacher, session = create_game()
    browsers = {}
    for n in range(PLAYERS):
        browser = Browser(base)
        pseudo = f"Joueur{n:02d}"
        _, page = retried(lambda browser=browser: browser.get(f"/rejoindre/?pin={session.pin}"))
        fields = {**hidden_fields(page), "pin": session.pin, "pseudo": pseudo}
        browser.post("/rejoindre/", fields, htmx=False)
        browsers[pseudo] = browser
    started = sessions.session_advance(session=session, user=teacher, now=timezone.now())
    connections.close_all()
    # The answers come once the question opens, after « Préparez-vous », as on a phone.
    opens = time.monotonic() + (started.question_started_at - timezone.now()).total_seconds()
    tally = Tally()

    def answer(pseudo: str, delay: float) -> None:
        browser = browsers[pseudo]
        _, page = retried(lambda: browser.get("/session/"))
        time.sleep(max(0.0, opens - time.monotonic()) + delay)
        fields = {**hidden_fields(page), "answer": "1"}
        until_acknowledged(
            lambda: browser.post("/session/repondre/", fields), tally, pseudo, "enregistrée"
        )

    with ThreadPoolExecutor(PLAYERS) as pool:
        futures = [
            pool.submit(answer, pseudo, 3.0 * n / PLAYERS) for n, pseudo in enumerate(browsers)
        ]
        time.sleep(max(0.0, opens - time.monotonic()) + 1.0)  # a third of the class has answered
        stop_server(holder[0])
        holder[0] = start_production(env, port)
        for future in futures:
            future.result()
    stored: dict[str, int] = {}
    pseudos = dict(Player.objects.filter(session=session).values_list("pk", "pseudo"))
    for player_id in LiveAnswer.objects.filter(session=session).values_list("player_id", flat=True):
        stored[pseudos[player_id]] = stored.get(pseudos[player_id], 0) + 1
    print(f"  players joined: {len(pseudos)} of {PLAYERS}; server restarted once")
    return tally, stored


# --------------------------------------------------------------------------------------------------


def report(name: str, tally: Tally, stored: dict[str, int]) -> bool:
    lost = len([key for key in tally.acknowledged if stored.get(key, 0) == 0])
    doubled = len([key for key, count in stored.items() if count > 1])
    print(
        f"{name}: acknowledged {len(tally.acknowledged)}, stored {sum(stored.values())}, "
        f"lost {lost}, doubled {doubled}, given up {len(tally.given_up)} "
        f"(resent after a failure: {tally.retries})"
    )
    return bool(tally.acknowledged) and lost == 0 and doubled == 0 and not tally.given_up


def database(workdir: Path) -> tuple[str, bool]:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return f"sqlite:///{workdir / 'faults.sqlite3'}", False
    if "faults" not in url.rsplit("/", 1)[-1]:
        raise SystemExit("DATABASE_URL: the database is flushed, its name must contain 'faults'.")
    return url, True


def main() -> int:
    started = time.monotonic()
    signal.signal(
        signal.SIGALRM, lambda *_: (_ for _ in ()).throw(TimeoutError("faults: too long"))
    )
    signal.alarm(int(DEADLINE))
    with tempfile.TemporaryDirectory(prefix="ndrc-faults-") as directory:
        workdir = Path(directory)
        url, postgres = database(workdir)
        env = production_env(url, static_root=workdir / "static")
        commands = [["migrate", "--noinput"]]
        if postgres:
            commands.append(["flush", "--noinput"])
        manage(env, [*commands, ["load_course"], ["collectstatic", "--noinput"]], timeout=120)
        os.environ.update(env)
        import django

        django.setup()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        holder = [start_production(env, port)]
        try:
            retried(lambda: Browser(base).get("/healthz"))
            print(
                f"Faults on {'PostgreSQL' if postgres else 'SQLite'}, the production server, 2 workers"
            )
            tally, stored = burst_with_a_killed_worker(base, holder[0].pid)
            ok = report("burst of drill answers, workers killed", tally, stored)
            tally, stored = live_game_with_a_restart(base, env, port, holder)
            ok = report("live game, the server restarted", tally, stored) and ok
        finally:
            stop_server(holder[0])
            signal.alarm(0)
    print(f"{'OK' if ok else 'FAILED'} in {time.monotonic() - started:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
