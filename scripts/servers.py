"""Start and stop the app under gunicorn (or granian) with production-like settings, for the
benchmark (scripts/bench.py), the load test (scripts/loadtest.py) and tests/test_two_servers.py.

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
GRANIAN = Path(PYTHON).with_name("granian")  # the test extras: `make loadtest` SERVER=granian
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
    `stop_gunicorn`); `options` are more gunicorn options (threads, log files…)."""
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


def start_granian(
    env: dict[str, str],
    port: int,
    *,
    workers: int = 2,
    threads: int | None = None,
    log_path: Path | None = None,
    options: Sequence[str] = (),
) -> subprocess.Popen[bytes]:
    """granian's WSGI server for config.wsgi on 127.0.0.1:`port`, `threads` blocking threads per
    worker (None: granian's default), its output in `log_path`, in its own process group."""
    command = [
        str(GRANIAN),
        "--interface",
        "wsgi",
        "config.wsgi:application",
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(workers),
        *(["--blocking-threads", str(threads)] if threads else []),
        "--log-level",
        "warning",
        *options,
    ]
    log = open(log_path, "ab") if log_path else None  # noqa: SIM115 (the child keeps it open)
    try:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, start_new_session=True, stdout=log, stderr=log
        )
    finally:
        if log is not None:
            log.close()


def wait_ready(base: str, tries: int = 100) -> bool:
    """True once `base`/healthz answers "ok"; False after `tries` refusals (0.1 s apart)."""
    for _ in range(tries):
        try:
            if urllib.request.urlopen(f"{base}/healthz", timeout=1).read() == b"ok":
                return True
        except OSError:
            time.sleep(0.1)
    return False


def stop_gunicorn(server: subprocess.Popen[bytes], timeout: float = 10) -> None:
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
