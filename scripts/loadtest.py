"""`make loadtest`: 1 000 players join one live session, poll it, and answer one question.

Starts the app (by default the production server, `make serve`'s granian: 2 workers × 4 threads,
production settings) on 127.0.0.1 against a fresh database — a SQLite file in a temporary
directory, or the PostgreSQL database named by DATABASE_URL (created if missing, then flushed: its
name must contain "loadtest") — and drives it with simulated phones over plain HTTP from one
asyncio process, each phone with its own cookies.

Each player opens /rejoindre/?pin=… (which gives it its `ndrc_client` cookie), posts its PIN and
pseudo, opens /session/, then polls /session/etat/ about once a second with If-None-Match (304 while
nothing changes). Once every player has joined, the teacher starts the question in process
(`sessions.session_advance`); every player's poll brings it, and each one posts an answer 0–8 s later
(about one in ten deliberately wrong, with the form's hidden `question` and `served`), then keeps
polling until the end. Everything is bounded: 5 000 players over all classes, 10 s per request,
100 s for the load (plus the classes' stagger).

Report: the machine's speed of the day, errors (any status but 200/302/304, exceptions, timeouts),
answers sent / stored, p50/p99 of every kind of request, when the question reached the phones, the
leaderboards checked against the stored answers; with several classes, the same per class. Exit
status 1 when a bar is missed: errors > 0, lost answers > 0, a wrong verdict or leaderboard (in any
class); and, only on a day when the trivial view does ≥ 3 000 req/s, answer p99 ≥ 300 ms or the
question on every phone p99 ≥ 1.5 s (on a slower day they are printed, "not judged today").

Knobs (environment):
- DATABASE_URL: PostgreSQL instead of SQLite (a name containing "loadtest").
- PLAYERS (1000): players in the session when there is one class.
- CLASSES (1), CLASS_SIZE (35 when CLASSES > 1): that many sessions at once, each with its own
  teacher, PIN and players; STAGGER_SECONDS (0.5): class n's question starts n × that after the
  first (e.g. CLASSES=30 CLASS_SIZE=35: 1 050 players, questions over 14.5 s).
- SERVER: granian (default: the production server, its WSGI server), gunicorn-sync or
  gunicorn-gthread (threads, keep-alive 20 s), to compare; WORKERS (2) processes; THREADS per
  worker (granian's blocking threads and gthread's: 4 by default; with gunicorn-sync, gunicorn's
  --threads, none by default).
- KEEPALIVE=1: each phone keeps its connection open (HTTP/1.1 keep-alive, as a browser), instead
  of one connection per request. gunicorn's sync workers close every connection: pair it with
  gunicorn-gthread or granian.
- SPEED_SECONDS (5): how long wrk measures the trivial view /robots.txt on a gunicorn of 2 sync
  workers (`make bench`'s), before and after the load; 0: not measured (timing bars not judged).
- JOIN_SECONDS (5: arrivals spread over it, all classes together), POLL_SECONDS (unset: as the
  player's page polls, its hx-trigger's 2 s; other values only to study where the load comes
  from).
- LOADTEST_ACCESS_LOG=1 (the server's access log, gunicorn's with server-side time, kept with the
  work directory), LOADTEST_KEEP=1 (keep the work directory: database, logs, samples.json with
  every request's start relative to its class's question, kind, status, latency and class).

This file runs the whole; the parts: loadtest_scenario.py (the knobs, the database, the sessions set
up and checked in process), loadtest_http.py (the two HTTP clients), loadtest_client.py (the
players and teachers), loadtest_servers.py (the app server chosen, the speed of the day),
loadtest_report.py (CPU, percentiles, the printed report), servers.py (granian and gunicorn, shared
with scripts/bench.py and scripts/faults.py).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from loadtest_client import Game, Load, run, run_load
from loadtest_http import Client, KeepAliveClient, Stats
from loadtest_report import Speed, cpu_seconds, phases_busy, postgres_cpu, report
from loadtest_scenario import (
    CLASS_SIZE,
    CLASSES,
    KEEPALIVE,
    SERVER,
    SPEED_SECONDS,
    check_database,
    create_session,
    database_url,
    prepare_database,
)
from loadtest_servers import SERVERS, SpeedReference, start_server
from servers import ROOT, free_port, production_env, stop_server, wait_ready

sys.path.insert(0, str(ROOT))  # the app, for Django in this process


def raise_on_sigterm(signum, frame) -> None:
    raise SystemExit(128 + signum)


def more_files() -> None:
    """Room for every phone's sockets (client and server inherit this limit)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and (hard == resource.RLIM_INFINITY or soft < hard):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def main() -> int:
    if SERVER not in SERVERS:
        print(f"SERVER={SERVER!r}: choose one of {', '.join(SERVERS)}.", file=sys.stderr)
        return 2
    began = time.perf_counter()
    signal.signal(signal.SIGTERM, raise_on_sigterm)
    more_files()
    workdir = Path(tempfile.mkdtemp(prefix="ndrc-loadtest-"))
    server: subprocess.Popen | None = None
    reference: SpeedReference | None = None
    samples: list | None = None
    status = 2
    try:
        url, label = database_url(workdir)
        env = production_env(url, static_root=workdir / "static")
        prepare_database(env, postgres=url != f"sqlite:///{workdir / 'loadtest.sqlite3'}")
        os.environ.update(env)  # the same database and settings in this process
        import django

        django.setup()
        classes = [create_session(index) for index in range(CLASSES)]
        reference = SpeedReference(env, SPEED_SECONDS)
        speed = Speed()
        if reference.start():
            speed.before = reference.measure()
        port = free_port()
        server = start_server(env, port, workdir)
        if not wait_ready(f"http://127.0.0.1:{port}", tries=150):
            print("the app server did not start", file=sys.stderr)
            return 2
        client_class = KeepAliveClient if KEEPALIVE else Client
        games = []
        for index, (teacher_user, session) in enumerate(classes):
            stats = Stats()
            client = client_class(port, stats)
            games.append(Game(client, stats, session.pin, teacher_user, session, CLASS_SIZE, index))
        load = Load(games)
        server_cpu, client_cpu = cpu_seconds(server.pid), time.process_time()
        db_cpu = postgres_cpu()
        load_began = time.perf_counter()
        finished = run(run_load(load))
        load_seconds = time.perf_counter() - load_began
        server_cpu = cpu_seconds(server.pid) - server_cpu
        client_cpu = time.process_time() - client_cpu
        db_cpu = postgres_cpu() - db_cpu
        stop_server(server)
        speed.after = reference.measure()
        speed.note = reference.note
        reference.stop()
        all_checks = [check_database(game.session, game.stats.intended) for game in games]
        samples = [
            (round(t - (game.question_started or load_began), 3), k, c, round(ms, 1), game.index)
            for game in games
            for t, k, c, ms in game.stats.samples
        ]
        timings = {
            "join": (load.joined_at or time.perf_counter()) - load_began,
            "load": load_seconds,
            "server_cpu": server_cpu,
            "client_cpu": client_cpu,
            "db_cpu": db_cpu,
            "total": time.perf_counter() - began,
            "busy": phases_busy(load, load_began),
        }
        status = report(load, all_checks, label, finished, timings, speed)
        log = (workdir / "server.log").read_text(errors="replace").strip().splitlines()
        if log:
            print(f"\nserver log ({len(log)} lines), last ones:")
            print("\n".join("  " + line for line in log[-15:]))
        return status
    finally:
        if server is not None:
            stop_server(server)
        if reference is not None:
            reference.stop()
        if os.environ.get("LOADTEST_KEEP") == "1" or os.environ.get("LOADTEST_ACCESS_LOG") == "1":
            if (
                samples is not None
            ):  # every request: start (s, from its question), kind, status, ms, class
                (workdir / "samples.json").write_text(json.dumps(samples))
            print(f"work directory kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
