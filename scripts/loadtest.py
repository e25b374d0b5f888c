"""`make loadtest`: 1 000 players join one live session, poll it, and answer one question.

Starts gunicorn (2 workers, production settings) on 127.0.0.1 against a fresh database — a SQLite file
in a temporary directory, or the PostgreSQL database named by DATABASE_URL (created if missing, then
flushed: its name must contain "loadtest") — and drives it with simulated players over plain HTTP
(asyncio streams, one connection per request, as gunicorn's sync workers close them anyway).

Each player opens /rejoindre/?pin=…, posts its PIN and pseudo, opens /session/, then polls
/session/etat/ about once a second with If-None-Match (304 while nothing changes). Once everyone has
joined, this script starts the question in process (`sessions.session_advance`); every player's poll
brings it, and each one posts an answer 0–8 s later (about one in ten deliberately wrong), then keeps
polling until the end. Everything is bounded: PLAYERS (≤ 5 000), 10 s per request, 100 s for the load.

Report: errors (any status but 200/302/304, exceptions, timeouts), answers sent / stored, p50/p99 of
answer POSTs and of polls, the leaderboard checked against the stored answers. Exit status 1 when a
bar is missed: errors > 0, lost answers > 0, answer p99 ≥ 300 ms (or a wrong verdict / leaderboard).

Environment: DATABASE_URL, PLAYERS (1000), WORKERS (2), JOIN_SECONDS (5: arrivals spread over it),
POLL_SECONDS (1, as the page polls; other values only to study where the load comes from),
LOADTEST_ACCESS_LOG=1 (gunicorn access log with server-side time, kept with the work directory),
LOADTEST_KEEP=1 (keep the work directory: database, logs, samples.json with every request's start
relative to the question, kind, status and latency).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable

PLAYERS = max(1, min(int(os.environ.get("PLAYERS", "1000")), 5000))
WORKERS = max(1, min(int(os.environ.get("WORKERS", "2")), 16))
JOIN_SECONDS = max(0.0, min(float(os.environ.get("JOIN_SECONDS", "5")), 30.0))
LOBBY_SECONDS = 5.0  # idle polling (all 304) once everyone is in, before the question
ANSWER_WINDOW = 10.0  # from the start of the question: every answer is sent within it
ANSWER_DELAY_MAX = 8.0  # a player answers 0–8 s after its poll brought the question
TAIL_SECONDS = 2.0  # polling goes on after the window, then everyone stops
POLL_SECONDS = max(0.2, min(float(os.environ.get("POLL_SECONDS", "1")), 10.0))  # page: "every 1s"
WRONG_SHARE = 0.10
REQUEST_TIMEOUT = 10.0
JOIN_LIMIT = 45.0  # the question starts then even if some joins are still pending
LOAD_LIMIT = 100.0  # hard stop of the whole load
ANSWER_P99_BAR_MS = 300.0
KPI = "taux-reactivite"
OK_STATUSES = (200, 302, 304)
KINDS = ("join page", "join", "player page", "poll", "answer")

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HX_HEADERS_RE = re.compile(r"hx-headers='([^']*)'")
GIVEN_RE = re.compile(r'<data data-name="(\w+)" value="([^"]*)"')
FORM_ERROR_RE = re.compile(r'class="form-error"[^>]*>([^<]*)<')
FEEDBACK_RE = re.compile(r'<section id="feedback"[^>]*>(.*?)</section>', re.S)


# --------------------------------------------------------------------------------------------------
# Server and database
# --------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(workdir: Path) -> tuple[str, str]:
    """The URL to use and a label; a PostgreSQL database is created if missing."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return f"sqlite:///{workdir / 'loadtest.sqlite3'}", "SQLite"
    import dj_database_url

    config = dj_database_url.parse(url)
    name = str(config.get("NAME", ""))
    if "loadtest" not in name:
        raise SystemExit(
            f"DATABASE_URL names the database {name!r}: the load test flushes it, so its name must "
            "contain 'loadtest' (e.g. postgres://ndrc:ndrc@127.0.0.1:5432/ndrc_loadtest)."
        )
    if "postgresql" not in config["ENGINE"]:
        raise SystemExit("DATABASE_URL: only PostgreSQL (or nothing, for SQLite) is supported.")
    if config.get("HOST") not in ("127.0.0.1", "localhost", "", None):
        raise SystemExit("DATABASE_URL: the load test only runs against a local database.")
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        autocommit=True,
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return url, f"PostgreSQL ({name})"


def production_env(url: str, workdir: Path) -> dict[str, str]:
    secret = os.environ.get("SECRET_KEY") or (ROOT / ".serve-secret-key").read_text().strip()
    return {
        **os.environ,
        "DEBUG": "0",
        "HTTPS_ONLY": "0",
        "SECRET_KEY": secret,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": url,
        "STATIC_ROOT": str(workdir / "static"),
        "LOG_LEVEL": "ERROR",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }


def prepare_database(env: dict[str, str], postgres: bool) -> None:
    commands = [["migrate", "--noinput"]]
    if postgres:  # a reused database: empty it (load_course only fills an empty one)
        commands.append(["flush", "--noinput"])
    commands += [["load_course"], ["collectstatic", "--noinput"]]
    for command in commands:
        subprocess.run(
            [PYTHON, "manage.py", *command, "-v", "0"], cwd=ROOT, env=env, check=True, timeout=120
        )


def start_server(env: dict[str, str], port: int, workdir: Path) -> subprocess.Popen:
    command = [
        str(Path(PYTHON).with_name("gunicorn")),
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        *(["--threads", os.environ["THREADS"]] if os.environ.get("THREADS") else []),
        "--log-level",
        "warning",
        "--error-logfile",
        str(workdir / "gunicorn.log"),
    ]
    if os.environ.get("LOADTEST_ACCESS_LOG") == "1":  # %(D)s: time spent in the worker, in µs
        command += [
            "--access-logfile",
            str(workdir / "access.log"),
            "--access-logformat",
            "%(m)s %(U)s %(s)s %(D)s",
        ]
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)


def wait_ready(base: str) -> bool:
    for _ in range(150):
        try:
            if urllib.request.urlopen(f"{base}/healthz", timeout=1).read() == b"ok":
                return True
        except OSError:
            time.sleep(0.1)
    return False


def stop_server(server: subprocess.Popen) -> None:
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        try:
            server.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def machine_cpu() -> tuple[int, int]:
    """Busy and total jiffies of the whole machine (every core), from /proc/stat."""
    try:
        numbers = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return 0, 0
    idle = numbers[3] + (numbers[4] if len(numbers) > 4 else 0)  # idle + iowait
    return sum(numbers) - idle, sum(numbers)


def process_cpu(pid: int | str) -> tuple[str, float]:
    """A process's command name and user + system CPU seconds (0 if it is gone)."""
    try:
        head, tail = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)
    except OSError:
        return "", 0.0
    fields = tail.split()
    return head.partition("(")[2], (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and of its live children (gunicorn master and workers)."""
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return sum(process_cpu(one)[1] for one in pids)


def postgres_cpu() -> float:
    """CPU seconds of the machine's PostgreSQL processes (backends live as long as gunicorn's
    persistent connections, so differences over the load are meaningful)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            name, seconds = process_cpu(entry.name)
            total += seconds if name == "postgres" else 0.0
    return total


# --------------------------------------------------------------------------------------------------
# In-process set-up and checks (Django, same database)
# --------------------------------------------------------------------------------------------------


def create_session():
    from django.contrib.auth import get_user_model

    from quiz.live import sessions
    from quiz.models import Quiz, QuizQuestion

    teacher = get_user_model().objects.create_user(
        "prof-charge", "prof@example.org", None, is_staff=True
    )
    quiz = Quiz.objects.create(title="Test de charge", is_published=True, created_by=teacher)
    QuizQuestion.objects.create(
        quiz=quiz, kind=QuizQuestion.Kind.NUMERIC, kpi_slug=KPI, difficulty=2
    )
    session = sessions.session_create(quiz=quiz, owner=teacher, per_student_numbers=True)
    return teacher, session


def start_question(session, teacher) -> None:
    from django.db import connections
    from django.utils import timezone

    from quiz.live import sessions

    try:
        sessions.session_advance(session=session, user=teacher, now=timezone.now())
    finally:
        connections.close_all()


@dataclass
class Checks:
    stored: int
    correct: int
    verdict_mismatches: int
    unknown_players: int
    leaderboard_ok: bool
    leaderboard: list[tuple[str, int]]
    expected: list[tuple[str, int]]


def check_database(session, intended: dict[str, bool]) -> Checks:
    from quiz.engine.grade import CORRECT
    from quiz.live import standings
    from quiz.models import LiveAnswer, Player

    players = {p.pk: p for p in Player.objects.filter(session=session)}
    answers = list(LiveAnswer.objects.filter(session=session))
    mismatches = unknown = 0
    scores: dict[int, list[int]] = {pk: [0, 0] for pk in players}
    for answer in answers:
        scores[answer.player_id][0] += answer.points
        scores[answer.player_id][1] += answer.response_ms
        meant = intended.get(players[answer.player_id].pseudo)
        if meant is None:
            unknown += 1
        elif meant != (answer.verdict == CORRECT):
            mismatches += 1
    order = sorted(
        players.values(),
        key=lambda p: (-scores[p.pk][0], scores[p.pk][1], p.joined_at, p.pk),
    )
    expected = [(p.pseudo, scores[p.pk][0]) for p in order[: standings.LEADERBOARD_SIZE]]
    board = [(row.pseudo, row.score) for row in standings.leaderboard_for(session=session)]
    return Checks(
        stored=len(answers),
        correct=sum(a.verdict == CORRECT for a in answers),
        verdict_mismatches=mismatches,
        unknown_players=unknown,
        leaderboard_ok=board == expected,
        leaderboard=board,
        expected=expected,
    )


# --------------------------------------------------------------------------------------------------
# HTTP client (asyncio streams)
# --------------------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    cookies: dict[str, str]
    text: str


@dataclass
class Stats:
    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    poll_latency: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    requests: Counter = field(default_factory=Counter)  # per kind, whatever came of them
    samples: list[tuple[float, str, int, float]] = field(
        default_factory=list
    )  # t, kind, status, ms
    errors: Counter = field(default_factory=Counter)  # per kind
    error_samples: Counter = field(default_factory=Counter)  # "kind: message" -> count
    joins: int = 0
    join_attempts_done: int = 0
    answers_sent: int = 0
    answers_acknowledged: int = 0
    question_reached_ms: list[float] = field(default_factory=list)
    loop_lag_ms: list[float] = field(default_factory=list)
    machine: list[tuple[float, int, int]] = field(default_factory=list)  # t, busy, total jiffies
    intended: dict[str, bool] = field(default_factory=dict)

    def error(self, kind: str, message: str) -> None:
        self.errors[kind] += 1
        self.error_samples[f"{kind}: {message}"[:160]] += 1


class Client:
    def __init__(self, port: int, stats: Stats) -> None:
        self.port = port
        self.origin = f"http://127.0.0.1:{port}"
        self.stats = stats

    async def _exchange(self, request: bytes) -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
        try:
            writer.write(request)
            await writer.drain()
            return await reader.read()  # gunicorn's sync workers close the connection
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    async def fetch(
        self,
        kind: str,
        method: str,
        path: str,
        jar: dict[str, str],
        headers: dict[str, str] | None = None,
        form: dict[str, str] | None = None,
    ) -> Response | None:
        """One request; None (and an error counted) on a bad status, an exception or a timeout."""
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: 127.0.0.1:{self.port}",
            "Connection: close",
            "User-Agent: ndrc-loadtest",
            "Accept: text/html",
        ]
        if jar:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in jar.items()))
        body = b""
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            lines += [
                "Content-Type: application/x-www-form-urlencoded",
                f"Content-Length: {len(body)}",
                f"Origin: {self.origin}",
            ]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        request = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
        self.stats.requests[kind] += 1
        start = time.perf_counter()
        try:
            raw = await asyncio.wait_for(self._exchange(request), REQUEST_TIMEOUT)
            response = parse_response(raw)
        except TimeoutError:
            self.stats.error(kind, f"timeout ({REQUEST_TIMEOUT:.0f} s)")
            return None
        except (OSError, EOFError, ValueError) as error:
            self.stats.error(kind, f"{type(error).__name__}: {error}")
            return None
        elapsed = (time.perf_counter() - start) * 1000
        self.stats.latency[kind].append(elapsed)
        self.stats.statuses[kind][response.status] += 1
        self.stats.samples.append((start, kind, response.status, elapsed))
        if kind == "poll":
            self.stats.poll_latency[response.status].append(elapsed)
        jar.update(response.cookies)
        if response.status not in OK_STATUSES:
            self.stats.error(kind, f"HTTP {response.status}")
            return None
        return response


def parse_response(raw: bytes) -> Response:
    head, separator, body = raw.partition(b"\r\n\r\n")
    if not separator:
        raise ValueError(f"incomplete response ({len(raw)} bytes)")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split()[1])
    headers: dict[str, str] = {}
    cookies: dict[str, str] = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        name, value = name.strip().lower(), value.strip()
        if name == "set-cookie":
            key, _, rest = value.partition("=")
            cookies[key.strip()] = rest.split(";", 1)[0]
        else:
            headers[name] = value
    if "content-length" in headers:
        length = int(headers["content-length"])
        if len(body) < length:
            raise ValueError(f"truncated body ({len(body)} of {length} bytes)")
    return Response(status, headers, cookies, body.decode("utf-8", "replace"))


# --------------------------------------------------------------------------------------------------
# The players and the teacher
# --------------------------------------------------------------------------------------------------


@dataclass
class Game:
    client: Client
    stats: Stats
    pin: str
    teacher: object
    session: object
    all_tried: asyncio.Event = field(default_factory=asyncio.Event)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    question_started: float | None = None
    joined_at: float | None = None

    def join_attempt_done(self, joined: bool) -> None:
        self.stats.joins += joined
        self.stats.join_attempts_done += 1
        if self.stats.join_attempts_done == PLAYERS:
            self.joined_at = time.perf_counter()
            self.all_tried.set()


def hx_etag(page: str) -> str | None:
    """The ETag htmx will send: the poll element's hx-headers (a JSON object in an attribute)."""
    match = HX_HEADERS_RE.search(page)
    if not match:
        return None
    try:
        return json.loads(html.unescape(match[1])).get("If-None-Match")
    except ValueError:
        return None


def player_answer(given: dict[str, str], right: bool) -> str:
    clicks = Decimal(given["clicks"])
    base = Decimal(given["opened"] if right else given.get("delivered") or given["sent"])
    value = (clicks / base * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{value}".replace(".", ",")


async def player(game: Game, index: int) -> None:
    rng = random.Random(index)
    client, stats = game.client, game.stats
    jar: dict[str, str] = {}
    pseudo = f"Élève {index + 1:04d}"
    joined = False
    try:
        await asyncio.sleep(rng.uniform(0, JOIN_SECONDS))
        page = await client.fetch("join page", "GET", f"/rejoindre/?pin={game.pin}", jar)
        if page is None:
            return
        token = CSRF_RE.search(page.text)
        if not token or "csrftoken" not in jar:
            stats.error("join page", "no CSRF token or cookie")
            return
        form = {"csrfmiddlewaretoken": token[1], "pin": game.pin, "pseudo": pseudo}
        done = await client.fetch("join", "POST", "/rejoindre/", jar, form=form)
        if done is None:
            return
        if done.status != 302 or "ndrc_player" not in jar:
            reason = FORM_ERROR_RE.search(done.text)
            stats.error("join", f"refused: {reason[1] if reason else done.status}")
            return
        screen = await client.fetch("player page", "GET", "/session/", jar)
        if screen is None:
            return
        etag = hx_etag(screen.text)
        if etag is None:
            stats.error("player page", "no poll element")
            return
        joined = True
    finally:
        game.join_attempt_done(joined)
    await poll_until_stop(game, rng, jar, pseudo, etag)


async def poll_until_stop(
    game: Game, rng: random.Random, jar: dict[str, str], pseudo: str, etag: str
) -> None:
    answering: asyncio.Task | None = None
    headers = {"HX-Request": "true", "HX-Target": "live-main", "HX-Current-URL": "/session/"}
    while not game.stop.is_set():
        started = time.perf_counter()
        response = await game.client.fetch(
            "poll", "GET", "/session/etat/", jar, {**headers, "If-None-Match": etag}
        )
        if response is not None and response.status == 200:
            etag = response.headers.get("etag") or hx_etag(response.text) or etag
            if answering is None and f'data-kpi="{KPI}"' in response.text:
                if game.question_started is not None:
                    game.stats.question_reached_ms.append(
                        (time.perf_counter() - game.question_started) * 1000
                    )
                answering = asyncio.create_task(answer(game, rng, jar, pseudo, response.text))
        pause = POLL_SECONDS - (time.perf_counter() - started)
        if pause > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(game.stop.wait(), pause)
    if answering is not None:
        await answering


async def answer(game: Game, rng: random.Random, jar: dict[str, str], pseudo: str, page: str):
    given = dict(GIVEN_RE.findall(page))
    token = CSRF_RE.search(page)
    if "clicks" not in given or "opened" not in given or not token:
        game.stats.error("answer", "question without clicks/opened/CSRF token")
        return
    right = rng.random() >= WRONG_SHARE
    value = player_answer(given, right)
    await asyncio.sleep(rng.uniform(0, ANSWER_DELAY_MAX))
    game.stats.intended[pseudo] = right
    game.stats.answers_sent += 1
    response = await game.client.fetch(
        "answer",
        "POST",
        "/session/repondre/",
        jar,
        {"HX-Request": "true", "HX-Target": "live-main", "HX-Current-URL": "/session/"},
        form={"csrfmiddlewaretoken": token[1], "answer": value},
    )
    if response is None:
        return
    if response.status == 200 and "Réponse enregistrée" in response.text:
        game.stats.answers_acknowledged += 1
    else:
        feedback = FEEDBACK_RE.search(response.text)
        text = re.sub(r"<[^>]+>|\s+", " ", feedback[1]).strip() if feedback else ""
        game.stats.error("answer", f"not recorded ({response.status}): {text or '?'}")


async def teacher(game: Game) -> None:
    try:
        await asyncio.wait_for(game.all_tried.wait(), JOIN_LIMIT)
    except TimeoutError:
        game.joined_at = time.perf_counter()
    await asyncio.sleep(LOBBY_SECONDS)
    await asyncio.to_thread(start_question, game.session, game.teacher)
    game.question_started = time.perf_counter()
    await asyncio.sleep(ANSWER_WINDOW + TAIL_SECONDS)
    game.stop.set()


async def watch_loop(stats: Stats, stop: asyncio.Event) -> None:
    """How late the client's own event loop runs: high values mean the client, not the server."""
    tick = 0
    while not stop.is_set():
        if tick % 5 == 0:
            stats.machine.append((time.perf_counter(), *machine_cpu()))
        tick += 1
        before = time.perf_counter()
        await asyncio.sleep(0.05)
        stats.loop_lag_ms.append((time.perf_counter() - before - 0.05) * 1000)
    stats.machine.append((time.perf_counter(), *machine_cpu()))


def busy_share(machine: list[tuple[float, int, int]], start: float, end: float) -> float:
    """Share of the machine's CPU time (all cores) that was busy between two instants."""
    inside = [m for m in machine if start <= m[0] <= end]
    if len(inside) < 2 or inside[-1][2] == inside[0][2]:
        return float("nan")
    return (inside[-1][1] - inside[0][1]) / (inside[-1][2] - inside[0][2])


async def run_load(game: Game) -> bool:
    """True if the load finished by itself within LOAD_LIMIT."""
    watcher = asyncio.create_task(watch_loop(game.stats, game.stop))
    tasks = [asyncio.create_task(player(game, i)) for i in range(PLAYERS)]
    tasks.append(asyncio.create_task(teacher(game)))
    try:
        await asyncio.wait_for(asyncio.gather(*tasks), LOAD_LIMIT)
        return True
    except TimeoutError:
        return False
    finally:
        game.stop.set()
        await watcher


# --------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(share * len(ordered) + 0.999999) - 1))]


def report(
    stats: Stats, checks: Checks, label: str, finished: bool, timings: dict[str, float]
) -> int:
    print(
        f"\nlive session load test: {PLAYERS} players, gunicorn {WORKERS} workers, {label}, "
        f"127.0.0.1, joins spread over {JOIN_SECONDS:g} s"
    )
    header = (
        f"{'request':12} {'count':>6} {'200':>6} {'302':>5} {'304':>6} {'errors':>6} "
        f"{'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}"
    )
    print(header)
    print("-" * len(header))
    for kind in KINDS:
        values, statuses = stats.latency.get(kind, []), stats.statuses.get(kind, Counter())
        print(
            f"{kind:12} {stats.requests[kind]:6d} "
            f"{statuses[200]:6d} {statuses[302]:5d} {statuses[304]:6d} {stats.errors[kind]:6d} "
            f"{percentile(values, 0.5):8.1f} {percentile(values, 0.99):8.1f} "
            f"{max(values, default=float('nan')):8.1f}"
        )
    for status, values in sorted(stats.poll_latency.items()):
        print(
            f"  poll {status}: {len(values)}, p50 {percentile(values, 0.5):.1f} ms, "
            f"p99 {percentile(values, 0.99):.1f} ms"
        )
    errors = sum(stats.errors.values()) + (0 if finished else 1)
    lost = stats.answers_sent - checks.stored
    answer_p99 = percentile(stats.latency.get("answer", []), 0.99)
    print(f"\njoins: {stats.joins}/{PLAYERS} in {timings['join']:.1f} s")
    if stats.question_reached_ms:
        print(
            f"question reached the players: p50 {percentile(stats.question_reached_ms, 0.5):.0f} "
            f"ms, p99 {percentile(stats.question_reached_ms, 0.99):.0f} ms after it started "
            f"({len(stats.question_reached_ms)} players)"
        )
    print(f"errors: {errors}" + ("" if finished else " (the load was stopped at its time limit)"))
    for message, count in stats.error_samples.most_common(8):
        print(f"  {count:5d} × {message}")
    print(
        f"answers: sent {stats.answers_sent}, acknowledged {stats.answers_acknowledged}, "
        f"stored {checks.stored}, lost {lost}; {checks.correct} right "
        f"({sum(stats.intended.values())} meant right), verdict mismatches "
        f"{checks.verdict_mismatches}, from unknown players {checks.unknown_players}"
    )
    print(
        "leaderboard (top 10 points): "
        + ("agrees with the stored answers" if checks.leaderboard_ok else "DISAGREES")
    )
    if not checks.leaderboard_ok:
        print(f"  leaderboard_for: {checks.leaderboard}\n  expected:        {checks.expected}")
    lag = stats.loop_lag_ms
    print(
        f"CPU: gunicorn {timings['server_cpu']:.1f} s, "
        + (f"PostgreSQL {timings['db_cpu']:.1f} s, " if label.startswith("PostgreSQL") else "")
        + f"load client {timings['client_cpu']:.1f} s, "
        f"over {timings['load']:.1f} s of load on {os.cpu_count()} cores; client event-loop lag "
        f"p99 {percentile(lag, 0.99):.0f} ms, max {max(lag, default=0):.0f} ms"
    )
    print(
        "machine CPU busy (all cores, server + database + client): "
        + ", ".join(f"{name} {share:.0%}" for name, share in timings["busy"])
    )
    print(f"duration: load {timings['load']:.1f} s, whole run {timings['total']:.1f} s")
    bars = [
        (f"errors {errors} = 0", errors == 0),
        (f"lost answers {lost} = 0", lost == 0 and stats.answers_sent > 0),
        (
            f"answer p99 {answer_p99:.0f} ms < {ANSWER_P99_BAR_MS:.0f} ms",
            answer_p99 < ANSWER_P99_BAR_MS,
        ),
        ("verdicts as meant", checks.verdict_mismatches == 0 and checks.unknown_players == 0),
        ("leaderboard agrees", checks.leaderboard_ok),
    ]
    print("bars: " + "; ".join(f"{text} {'ok' if ok else 'MISSED'}" for text, ok in bars))
    return 0 if all(ok for _, ok in bars) else 1


# --------------------------------------------------------------------------------------------------


def phases_busy(stats: Stats, game: Game, began: float) -> list[tuple[str, float]]:
    joined = game.joined_at or began
    question = game.question_started or joined
    end = stats.machine[-1][0] if stats.machine else question
    return [
        ("joining", busy_share(stats.machine, began, joined)),
        ("lobby", busy_share(stats.machine, joined, question)),
        ("question", busy_share(stats.machine, question, end)),
    ]


def raise_on_sigterm(signum, frame) -> None:
    raise SystemExit(128 + signum)


def run(coroutine):
    """The client's event loop: uvloop when installed (the test extras), to leave the server as much
    of the shared cores as possible; else asyncio's own."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def main() -> int:
    began = time.perf_counter()
    signal.signal(signal.SIGTERM, raise_on_sigterm)
    workdir = Path(tempfile.mkdtemp(prefix="ndrc-loadtest-"))
    server: subprocess.Popen | None = None
    samples: list | None = None
    status = 2
    try:
        url, label = database_url(workdir)
        env = production_env(url, workdir)
        prepare_database(env, postgres=url != f"sqlite:///{workdir / 'loadtest.sqlite3'}")
        os.environ.update(env)  # the same database and settings in this process
        import django

        django.setup()
        teacher_user, session = create_session()
        port = free_port()
        server = start_server(env, port, workdir)
        if not wait_ready(f"http://127.0.0.1:{port}"):
            print("gunicorn did not start", file=sys.stderr)
            return 2
        stats = Stats()
        game = Game(Client(port, stats), stats, session.pin, teacher_user, session)
        server_cpu, client_cpu = cpu_seconds(server.pid), time.process_time()
        db_cpu = postgres_cpu()
        load_began = time.perf_counter()
        finished = run(run_load(game))
        load_seconds = time.perf_counter() - load_began
        server_cpu = cpu_seconds(server.pid) - server_cpu
        client_cpu = time.process_time() - client_cpu
        db_cpu = postgres_cpu() - db_cpu
        checks = check_database(session, stats.intended)
        origin = game.question_started or load_began
        samples = [(round(t - origin, 3), k, c, round(ms, 1)) for t, k, c, ms in stats.samples]
        timings = {
            "join": (game.joined_at or time.perf_counter()) - load_began,
            "load": load_seconds,
            "server_cpu": server_cpu,
            "client_cpu": client_cpu,
            "db_cpu": db_cpu,
            "total": time.perf_counter() - began,
            "busy": phases_busy(stats, game, load_began),
        }
        status = report(stats, checks, label, finished, timings)
        log = (workdir / "gunicorn.log").read_text(errors="replace").strip().splitlines()
        if log:
            print(f"\ngunicorn log ({len(log)} lines), last ones:")
            print("\n".join("  " + line for line in log[-15:]))
        return status
    finally:
        if server is not None:
            stop_server(server)
        if os.environ.get("LOADTEST_KEEP") == "1" or os.environ.get("LOADTEST_ACCESS_LOG") == "1":
            if samples is not None:  # every request: start (s, from the question), kind, status, ms
                (workdir / "samples.json").write_text(json.dumps(samples))
            print(f"work directory kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
