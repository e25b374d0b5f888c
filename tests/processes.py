"""Tests that run the app in separate processes on one database, as a server's workers do: on a
migrated SQLite file, or on PostgreSQL's test database itself (committed to: transactional_db)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def _inherited(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}}
    return {**env, "DJANGO_SETTINGS_MODULE": "config.settings", "DATABASE_URL": database_url}


def sqlite_environment(database: Path) -> dict[str, str]:
    """The app's environment on a SQLite file, migrated."""
    env = _inherited(f"sqlite:///{database}")
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return env


def environment(tmp_path: Path) -> dict[str, str]:
    """The app's environment on the tests' database: a migrated SQLite file, or PostgreSQL's."""
    if connection.vendor == "sqlite":
        env = sqlite_environment(tmp_path / "processes.sqlite3")
    else:
        env = {
            k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}
        }
        env["DJANGO_SETTINGS_MODULE"] = "config.settings"
        database = connection.settings_dict
        env["DATABASE_URL"] = (
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST'] or '127.0.0.1'}"
            f":{database['PORT'] or 5432}/{database['NAME']}"
        )
    env["CONN_MAX_AGE"] = "0"
    return env


def run(env: dict[str, str], script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
