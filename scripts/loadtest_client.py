"""The load test's players (scripts/loadtest.py): plain HTTP over asyncio streams, one connection per
request, each player joining, polling and answering as the page would; the teacher starts the
question in process once everyone has joined."""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import random
import re
import time
import urllib.parse
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from loadtest_report import machine_cpu
from loadtest_scenario import (
    ANSWER_DELAY_MAX,
    ANSWER_WINDOW,
    JOIN_LIMIT,
    JOIN_SECONDS,
    KPI,
    LOAD_LIMIT,
    LOBBY_SECONDS,
    PLAYERS,
    POLL_SECONDS,
    TAIL_SECONDS,
    WRONG_SHARE,
    start_question,
)

REQUEST_TIMEOUT = 10.0
OK_STATUSES = (200, 302, 304)

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HX_HEADERS_RE = re.compile(r"hx-headers='([^']*)'")
GIVEN_RE = re.compile(r'<data data-name="(\w+)" value="([^"]*)"')
FORM_ERROR_RE = re.compile(r'class="form-error"[^>]*>([^<]*)<')
FEEDBACK_RE = re.compile(r'<section id="feedback"[^>]*>(.*?)</section>', re.S)


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


def run(coroutine):
    """The client's event loop: uvloop when installed (the test extras), to leave the server as much
    of the shared cores as possible; else asyncio's own."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)
