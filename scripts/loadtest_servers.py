"""The load test's servers (scripts/loadtest.py): the app server under load (SERVER: granian, the
production server `make serve` runs, by default; gunicorn-sync or gunicorn-gthread to compare;
WORKERS × THREADS), and the machine's speed of the day — the trivial view's requests/s measured
with wrk by a gunicorn of 2 sync workers, exactly as `make bench` measures it (scripts/bench.py),
before and after the load."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from bench import CONNECTIONS, TRIVIAL, run_wrk
from loadtest_scenario import CLASS_SIZE, KEEPALIVE, PLAYERS, SERVER, THREADS, WORKERS
from servers import (
    PRODUCTION_THREADS,
    free_port,
    start_gunicorn,
    start_production,
    stop_server,
    wait_ready,
)

SERVERS = ("granian", "gunicorn-sync", "gunicorn-gthread")
# THREADS unset: gunicorn's gthread workers get as many threads as the production server's
# (granian's own default for WSGI is 128 a worker, each with its own database connection).
DEFAULT_THREADS = PRODUCTION_THREADS
KEEPALIVE_SECONDS = 20  # how long gunicorn's gthread workers keep an idle connection


def server_label() -> str:
    threads = {
        "gunicorn-sync": f" × {THREADS} threads" if THREADS else "",
        "gunicorn-gthread": f" × {THREADS or DEFAULT_THREADS} threads",
        "granian": f" × {THREADS or DEFAULT_THREADS} blocking threads",
    }[SERVER]
    client = "keep-alive connections" if KEEPALIVE else "one connection per request"
    return f"{SERVER} {WORKERS} workers{threads}, {client}"


def server_env(env: dict[str, str]) -> dict[str, str]:
    """The app's environment, with room in one session for every player of a class."""
    players = max(CLASS_SIZE, int(env.get("LIVE_MAX_PLAYERS") or "2000"))
    return {**env, "LIVE_MAX_PLAYERS": str(players)}


def start_server(env: dict[str, str], port: int, workdir: Path) -> subprocess.Popen[bytes]:
    """SERVER with WORKERS (and THREADS), its log (and access log) in `workdir`."""
    if SERVER not in SERVERS:
        raise SystemExit(f"SERVER={SERVER!r}: choose one of {', '.join(SERVERS)}.")
    env = server_env(env)
    access = os.environ.get("LOADTEST_ACCESS_LOG") == "1"
    if SERVER == "granian":
        return start_production(
            env,
            port,
            workers=WORKERS,
            threads=THREADS or DEFAULT_THREADS,
            backlog=max(1024, 2 * PLAYERS),
            access_log=access,
            log_path=workdir / "server.log",
        )
    options = ["--error-logfile", str(workdir / "server.log"), "--backlog", "4096"]
    if SERVER == "gunicorn-gthread":
        options += [
            *("--worker-class", "gthread", "--threads", str(THREADS or DEFAULT_THREADS)),
            *("--keep-alive", str(KEEPALIVE_SECONDS)),
            # every phone keeps one or two connections, however unevenly the workers take them
            *("--worker-connections", str(max(1000, 2 * PLAYERS))),
        ]
    elif THREADS:  # gunicorn then runs gthread workers (as before SERVER existed)
        options += ["--threads", str(THREADS)]
    if access:  # %(D)s: time spent in the worker, in µs
        options += [
            *("--access-logfile", str(workdir / "access.log")),
            *("--access-logformat", "%(m)s %(U)s %(s)s %(D)s"),
        ]
    return start_gunicorn(env, port, workers=WORKERS, log_level="warning", options=options)


class SpeedReference:
    """A gunicorn of 2 sync workers (`make bench`'s), started before the load and idle during it,
    whose trivial view wrk measures for `seconds` before and after the load."""

    def __init__(self, env: dict[str, str], seconds: int) -> None:
        self.env, self.seconds = env, seconds
        self.server: subprocess.Popen[bytes] | None = None
        self.base = ""
        self.note = ""

    def start(self) -> bool:
        if not self.seconds:
            self.note = "SPEED_SECONDS=0"
            return False
        if not shutil.which("wrk"):
            self.note = "wrk is missing: apt-get install wrk"
            return False
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.server = start_gunicorn(self.env, port, workers=2)
        if not wait_ready(self.base, tries=150):
            self.note = "its gunicorn did not start"
            self.stop()
            return False
        run_wrk(self.base + TRIVIAL, {}, 1, 2)  # warm-up
        return True

    def measure(self) -> float | None:
        if self.server is None:
            return None
        try:
            measure = run_wrk(self.base + TRIVIAL, {}, self.seconds, CONNECTIONS)
        except (subprocess.CalledProcessError, RuntimeError) as error:
            self.note = f"wrk failed: {error}"
            return None
        return measure.requests_per_second if measure.errors == 0 else None

    def stop(self) -> None:
        if self.server is not None:
            stop_server(self.server)
            self.server = None
