"""Start and stop the app under granian or gunicorn with production-like settings, for the
benchmark (scripts/bench.py), the load test (scripts/loadtest.py), the faults (scripts/faults.py)
and tests/test_two_servers.py; and the production server's command (`production_command`), which
`make serve` runs (`python scripts/servers.py HOST PORT WORKERS`).

Not a package module: the scripts import it as `servers` (scripts/ is their sys.path[0]), the tests
as `scripts.servers` (the project root is on theirs).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = Path(PYTHON).with_name("gunicorn")
GRANIAN = Path(PYTHON).with_name("granian")  # the production server (`production_command`)
HOST = "127.0.0.1"
# Set by pytest-django for its own process; a production-like server must not inherit it.
NOT_INHERITED = frozenset({"DJANGO_ALLOW_ASYNC_UNSAFE"})


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def serve_secret() -> str:
    """The secret key `make serve` keeps in .serve-secret-key (the Makefile creates it)."""
    return (ROOT / ".serve-secret-key").read_text().strip()


def production_env(
    database_url: str,
    *,
    secret: str | None = None,
    settings: str = "config.settings",
    allowed_hosts: str = "127.0.0.1,localhost",
    static_root: Path | None = None,
) -> dict[str, str]:
    """This process's environment with production settings on top: DEBUG=0, HTTPS_ONLY=0 (plain
    HTTP on 127.0.0.1), SECRET_KEY (`secret`, else this environment's, else .serve-secret-key),
    ALLOWED_HOSTS, the database and error-level logging; STATIC_ROOT only when given."""
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    env.update(
        DEBUG="0",
        HTTPS_ONLY="0",
        SECRET_KEY=secret or os.environ.get("SECRET_KEY") or serve_secret(),
        ALLOWED_HOSTS=allowed_hosts,
        DATABASE_URL=database_url,
        LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE=settings,
    )
    if static_root is not None:
        env["STATIC_ROOT"] = str(static_root)
    return env


def manage(
    env: dict[str, str],
    commands: Iterable[Sequence[str]],
    *,
    timeout: float | None = None,
    quiet: bool = False,
) -> None:
    """Run `manage.py COMMAND -v 0` for each command in turn (e.g. migrate, load_course,
    collectstatic) in `env`; `quiet` captures their output. Raises if one fails."""
    for command in commands:
        subprocess.run(
            [PYTHON, "manage.py", *command, "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=timeout,
            capture_output=quiet,
        )


def start_gunicorn(
    env: dict[str, str],
    port: int,
    *,
    workers: int = 2,
    log_level: str = "error",
    options: Sequence[str] = (),
) -> subprocess.Popen[bytes]:
    """gunicorn serving config.wsgi on 127.0.0.1:`port`, in its own process group (see
    `stop_server`); `options` are more gunicorn options (threads, log files…)."""
    command = [
        str(GUNICORN),
        "config.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--log-level",
        log_level,
        *options,
    ]
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)


def wait_ready(base: str, tries: int = 100) -> bool:
    """True once `base`/healthz answers "ok"; False after `tries` refusals (0.1 s apart)."""
    for _ in range(tries):
        try:
            if urllib.request.urlopen(f"{base}/healthz", timeout=1).read() == b"ok":
                return True
        except OSError:
            time.sleep(0.1)
    return False


# The production server: granian's WSGI server, 4 blocking threads a worker, failed workers
# started again. Chosen by measurement (docs/benchmarks.md, « 2026-12-02, evening … the app server chosen again »): with
# 2 000 players on PostgreSQL and one core taken by another program, answer p99 160–269 ms under
# granian against 481–1 975 ms under gunicorn's sync workers; on an idle machine both meet the bars.
# Four threads: a phone's kept connection stays on its worker, and one long request (a class's
# worksheets) must not hold it.
PRODUCTION_THREADS = 4
PRODUCTION_BACKLOG = 4096  # 2 000 players (the scale bar), up to two connections each


def production_command(
    host: str,
    port: int,
    workers: int,
    *,
    threads: int = PRODUCTION_THREADS,
    backlog: int = PRODUCTION_BACKLOG,
    access_log: bool = True,
) -> list[str]:
    return [
        str(GRANIAN),
        *("--interface", "wsgi", "config.wsgi:application"),
        *("--host", host, "--port", str(port), "--workers", str(workers)),
        *("--blocking-threads", str(threads), "--backlog", str(backlog)),
        "--respawn-failed-workers",
        *("--log-level", "warning"),
        *(["--access-log"] if access_log else []),
    ]


def start_production(
    env: dict[str, str],
    port: int,
    *,
    workers: int = 2,
    threads: int = PRODUCTION_THREADS,
    backlog: int = PRODUCTION_BACKLOG,
    access_log: bool = False,
    log_path: Path | None = None,
) -> subprocess.Popen[bytes]:
    """The production server (`make serve`'s granian) on 127.0.0.1:`port`, in its own process
    group, its output in `log_path` (else this process's); the load test varies its knobs."""
    command = production_command(
        HOST, port, workers, threads=threads, backlog=backlog, access_log=access_log
    )
    return _start_logged(command, env, log_path)


def _start_logged(
    command: list[str], env: dict[str, str], log_path: Path | None
) -> subprocess.Popen[bytes]:
    """`command` in its own process group (see `stop_server`), its output in `log_path`."""
    log = open(log_path, "ab") if log_path else None  # noqa: SIM115 (the child keeps it open)
    try:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, start_new_session=True, stdout=log, stderr=log
        )
    finally:
        if log is not None:
            log.close()


def stop_server(server: subprocess.Popen[bytes], timeout: float = 10) -> None:
    """SIGTERM to the master (gunicorn's or granian's), which stops its workers (signalled
    directly, gunicorn's log errors); the whole process group gets SIGKILL if it is not gone
    within `timeout` seconds."""
    if server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=5)


if __name__ == "__main__":  # `make serve`: python scripts/servers.py HOST PORT WORKERS
    host, port, workers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.chdir(ROOT)
    command = production_command(host, port, workers)
    os.execv(command[0], command)
