"""The load test's players (scripts/loadtest.py), over the HTTP of loadtest_http.py, each joining,
polling and answering as the page would; each class's teacher starts its question in process once
every class has joined, one class STAGGER_SECONDS after the other."""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import random
import re
import time
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from loadtest_http import Client, Jar, Stats
from loadtest_report import machine_cpu
from loadtest_scenario import (
    ANSWER_DELAY_MAX,
    ANSWER_WINDOW,
    JOIN_LIMIT,
    JOIN_SECONDS,
    KPI,
    LOAD_LIMIT,
    LOBBY_SECONDS,
    POLL_SECONDS,
    STAGGER_SECONDS,
    TAIL_SECONDS,
    WRONG_SHARE,
    start_question,
)

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
GAME_CSRF_RE = re.compile(r'class="live-game" hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'')
HX_HEADERS_RE = re.compile(r"class=\"live-poll\"[^>]*hx-headers='([^']*)'")
GIVEN_RE = re.compile(r'<data data-name="(\w+)" value="([^"]*)"')
FORM_ERROR_RE = re.compile(r'class="form-error"[^>]*>([^<]*)<')
HIDDEN_RE = re.compile(r'<input type="hidden" name="(question|served)" value="([^"]*)"')
FEEDBACK_RE = re.compile(r'<section id="feedback"[^>]*>(.*?)</section>', re.S)
POLL_EVERY_RE = re.compile(r'class="live-poll"[^>]*hx-trigger="every ([0-9.]+)s"')
LEAD_RE = re.compile(r'class="live-lead" data-lead-ms="(\d+)"')


# --------------------------------------------------------------------------------------------------
# The players and the teacher
# --------------------------------------------------------------------------------------------------


@dataclass
class Game:
    """One class: its session, its players' client and figures, its teacher's clock."""

    client: Client
    stats: Stats
    pin: str
    teacher: object
    session: object
    size: int  # players in this class
    index: int = 0  # its place in the staggered starts
    all_tried: asyncio.Event = field(default_factory=asyncio.Event)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    question_started: float | None = None  # the teacher's click (time.perf_counter())
    # The same click and the question's opening, after « Préparez-vous » (time.time()).
    clicked_at: float | None = None
    opens_at: float | None = None
    joined_at: float | None = None

    def join_attempt_done(self, joined: bool) -> None:
        self.stats.joins += joined
        self.stats.join_attempts_done += 1
        if self.stats.join_attempts_done == self.size:
            self.joined_at = time.perf_counter()
            self.all_tried.set()


@dataclass
class Load:
    """Every class, and the moment they have all joined (their questions start from then on)."""

    games: list[Game]
    watch: Stats = field(default_factory=Stats)  # the machine's CPU and the client's loop lag
    everyone_in: asyncio.Event = field(default_factory=asyncio.Event)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    joined_at: float | None = None


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
    rng = random.Random(index + game.index * 1_000_003)  # class 0: the seeds of a single class
    client, stats = game.client, game.stats
    jar = Jar()
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
        every = POLL_EVERY_RE.search(screen.text)
        csrf = GAME_CSRF_RE.search(screen.text)
        if etag is None or every is None or csrf is None:
            stats.error("player page", "no poll element or CSRF header")
            return
        joined = True
    finally:
        game.join_attempt_done(joined)
    phone = Phone(jar, pseudo, csrf[1], POLL_SECONDS or float(every[1]))
    await poll_until_stop(game, rng, phone, etag)


@dataclass
class Phone:
    """A player's browser once in the game: its cookies, pseudo, the CSRF header htmx sends with
    the game's posts (from the page's hx-headers) and how often the page polls."""

    jar: Jar
    pseudo: str
    csrf: str
    every: float


async def poll_until_stop(game: Game, rng: random.Random, phone: Phone, etag: str) -> None:
    """Poll as the page does, every `phone.every` seconds, until the load stops; answer once."""
    jar, every = phone.jar, phone.every
    answering: asyncio.Task | None = None
    headers = {"HX-Request": "true", "HX-Target": "live-main", "HX-Current-URL": "/session/"}
    quiet_until = 0.0  # the page's poller stays quiet during « Préparez-vous » (live-player.js)
    while not game.stop.is_set():
        started = time.perf_counter()
        response = None
        if started >= quiet_until:
            response = await game.client.fetch(
                "poll", "GET", "/session/etat/", jar, {**headers, "If-None-Match": etag}
            )
        if response is not None and response.status == 200:
            etag = response.headers.get("etag") or hx_etag(response.text) or etag
            if answering is None and f'data-kpi="{KPI}"' in response.text:
                # The page shows the question when it opens, or at once if it is open already.
                lead = LEAD_RE.search(response.text)
                lead_s = int(lead[1]) / 1000 if lead else 0.0
                quiet_until = time.perf_counter() + lead_s
                now = time.time()
                if game.clicked_at is not None and game.opens_at is not None:
                    game.stats.question_received_ms.append((now - game.clicked_at) * 1000)
                    game.stats.question_reached_ms.append((now + lead_s - game.opens_at) * 1000)
                answering = asyncio.create_task(answer(game, rng, phone, response.text, lead_s))
        pause = every - (time.perf_counter() - started)
        if pause > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(game.stop.wait(), pause)
    if answering is not None:
        await answering


async def answer(game: Game, rng: random.Random, phone: Phone, page: str, lead_s: float) -> None:
    given = dict(GIVEN_RE.findall(page))
    if "clicks" not in given or "opened" not in given:
        game.stats.error("answer", "question without clicks/opened")
        return
    pseudo = phone.pseudo
    right = rng.random() >= WRONG_SHARE
    value = player_answer(given, right)
    await asyncio.sleep(lead_s + rng.uniform(0, ANSWER_DELAY_MAX))  # from when it is shown
    game.stats.intended[pseudo] = right
    game.stats.answers_sent += 1
    response = await game.client.fetch(
        "answer",
        "POST",
        "/session/repondre/",
        phone.jar,
        {
            "HX-Request": "true",
            "HX-Target": "live-main",
            "HX-Current-URL": "/session/",
            "X-CSRFToken": phone.csrf,  # htmx sends the game's hx-headers
        },
        form={"answer": value, **dict(HIDDEN_RE.findall(page))},
    )
    if response is None:
        return
    if response.status == 200 and "Réponse enregistrée" in response.text:
        game.stats.answers_acknowledged += 1
    else:
        feedback = FEEDBACK_RE.search(response.text)
        text = re.sub(r"<[^>]+>|\s+", " ", feedback[1]).strip() if feedback else ""
        game.stats.error("answer", f"not recorded ({response.status}): {text or '?'}")


async def everyone_joined(load: Load) -> None:
    """Sets `everyone_in` once every class's joins are done, or JOIN_LIMIT after the start."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(
            asyncio.gather(*(game.all_tried.wait() for game in load.games)), JOIN_LIMIT
        )
    load.joined_at = time.perf_counter()
    for game in load.games:
        game.joined_at = game.joined_at or load.joined_at
    load.everyone_in.set()


async def teacher(load: Load, game: Game) -> None:
    """The lobby, then this class's question STAGGER_SECONDS after the previous class's."""
    await load.everyone_in.wait()
    await asyncio.sleep(LOBBY_SECONDS + game.index * STAGGER_SECONDS)
    game.question_started = time.perf_counter()
    clicked, opens = await asyncio.to_thread(start_question, game.session, game.teacher)
    game.clicked_at, game.opens_at = clicked, opens
    await asyncio.sleep(opens - clicked + ANSWER_WINDOW + TAIL_SECONDS)
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


async def run_load(load: Load) -> bool:
    """True if the load finished by itself within LOAD_LIMIT."""
    watcher = asyncio.create_task(watch_loop(load.watch, load.stop))
    tasks = [asyncio.create_task(everyone_joined(load))]
    for game in load.games:
        tasks += [asyncio.create_task(player(game, i)) for i in range(game.size)]
        tasks.append(asyncio.create_task(teacher(load, game)))
    try:
        await asyncio.wait_for(asyncio.gather(*tasks), LOAD_LIMIT)
        return True
    except TimeoutError:
        return False
    finally:
        for game in load.games:
            game.stop.set()
            await game.client.close()
        load.stop.set()
        await watcher


def run(coroutine):
    """The client's event loop: uvloop when installed (the test extras), to leave the server as much
    of the shared cores as possible; else asyncio's own."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)
