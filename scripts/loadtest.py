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

This file runs the whole; the parts: loadtest_scenario.py (the knobs, the database, the session set
up and checked in process), loadtest_client.py (the players over HTTP), loadtest_report.py (CPU,
percentiles, the printed report), servers.py (gunicorn, shared with scripts/bench.py).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from loadtest_client import Client, Game, Stats, run, run_load
from loadtest_report import cpu_seconds, phases_busy, postgres_cpu, report
from loadtest_scenario import (
    WORKERS,
    check_database,
    create_session,
    database_url,
    prepare_database,
)
from servers import ROOT, free_port, production_env, start_gunicorn, stop_gunicorn, wait_ready

sys.path.insert(0, str(ROOT))  # the app, for Django in this process


def start_server(env: dict[str, str], port: int, workdir: Path) -> subprocess.Popen[bytes]:
    """gunicorn with WORKERS (and THREADS) workers, its error log (and access log) in `workdir`."""
    options = [
        *(["--threads", os.environ["THREADS"]] if os.environ.get("THREADS") else []),
        "--error-logfile",
        str(workdir / "gunicorn.log"),
    ]
    if os.environ.get("LOADTEST_ACCESS_LOG") == "1":  # %(D)s: time spent in the worker, in µs
        options += [
            "--access-logfile",
            str(workdir / "access.log"),
            "--access-logformat",
            "%(m)s %(U)s %(s)s %(D)s",
        ]
    return start_gunicorn(env, port, workers=WORKERS, log_level="warning", options=options)


def raise_on_sigterm(signum, frame) -> None:
    raise SystemExit(128 + signum)


def main() -> int:
    began = time.perf_counter()
    signal.signal(signal.SIGTERM, raise_on_sigterm)
    workdir = Path(tempfile.mkdtemp(prefix="ndrc-loadtest-"))
    server: subprocess.Popen | None = None
    samples: list | None = None
    status = 2
    try:
        url, label = database_url(workdir)
        env = production_env(url, static_root=workdir / "static")
        prepare_database(env, postgres=url != f"sqlite:///{workdir / 'loadtest.sqlite3'}")
        os.environ.update(env)  # the same database and settings in this process
        import django

        django.setup()
        teacher_user, session = create_session()
        port = free_port()
        server = start_server(env, port, workdir)
        if not wait_ready(f"http://127.0.0.1:{port}", tries=150):
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
            stop_gunicorn(server)
        if os.environ.get("LOADTEST_KEEP") == "1" or os.environ.get("LOADTEST_ACCESS_LOG") == "1":
            if samples is not None:  # every request: start (s, from the question), kind, status, ms
                (workdir / "samples.json").write_text(json.dumps(samples))
            print(f"work directory kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
