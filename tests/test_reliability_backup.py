"""`manage.py backup` and `manage.py restore`, end to end on a SQLite file: back up, change the data,
restore, and the data is back; a restore never overwrites a database without --force."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from scripts import servers

COUNT_USERS = (
    "import django; django.setup(); from django.contrib.auth.models import User; "
    "print(sorted(User.objects.values_list('username', flat=True)))"
)


def _env(path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in servers.NOT_INHERITED | {"DEBUG"}}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DATABASE_URL=f"sqlite:///{path}")
    return env


def _manage(env, *command) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=servers.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _python(env, code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=servers.ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_backup_then_restore_brings_the_data_back(tmp_path):
    env = _env(tmp_path / "db.sqlite3")
    assert _manage(env, "migrate", "-v", "0").returncode == 0
    _python(
        env,
        "import django; django.setup(); from django.contrib.auth.models import User; "
        "User.objects.create_user('lea', password='x')",
    )
    backup = tmp_path / "sauvegardes" / "avant.sqlite3"
    made = _manage(env, "backup", str(backup))
    assert made.returncode == 0, made.stderr
    assert backup.stat().st_mode & 0o777 == 0o600
    assert not backup.with_name("avant.sqlite3.partial").exists()

    _python(
        env,
        "import django; django.setup(); from django.contrib.auth.models import User; "
        "User.objects.filter(username='lea').delete(); User.objects.create_user('tom')",
    )
    assert _python(env, COUNT_USERS) == "['tom']"

    refused = _manage(env, "restore", str(backup))
    assert refused.returncode != 0
    assert "--force" in refused.stderr
    assert _python(env, COUNT_USERS) == "['tom']"

    restored = _manage(env, "restore", str(backup), "--force")
    assert restored.returncode == 0, restored.stderr
    assert _python(env, COUNT_USERS) == "['lea']"


def test_restore_into_an_empty_place_needs_no_force(tmp_path):
    env = _env(tmp_path / "db.sqlite3")
    assert _manage(env, "migrate", "-v", "0").returncode == 0
    backup = tmp_path / "b.sqlite3"
    assert _manage(env, "backup", str(backup)).returncode == 0
    fresh = _env(tmp_path / "nouvelle.sqlite3")
    restored = _manage(fresh, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert (tmp_path / "nouvelle.sqlite3").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("content", [b"", b"pas une base", b"SQLite format 3\x00" + b"\x00" * 50])
def test_restore_refuses_what_is_not_a_backup(tmp_path, content):
    env = _env(tmp_path / "db.sqlite3")
    broken = tmp_path / "cassee.sqlite3"
    broken.write_bytes(content)
    result = _manage(env, "restore", str(broken), "--force")
    assert result.returncode != 0
    assert "sauvegarde" in result.stderr
    assert "Traceback" not in result.stderr


def test_backup_refuses_to_overwrite_a_file(tmp_path):
    env = _env(tmp_path / "db.sqlite3")
    assert _manage(env, "migrate", "-v", "0").returncode == 0
    existing = tmp_path / "deja.sqlite3"
    existing.write_bytes(b"x")
    result = _manage(env, "backup", str(existing))
    assert result.returncode != 0 and existing.read_bytes() == b"x"


def test_backup_on_postgresql_prints_pg_dump_without_the_password():
    from quiz.management.commands.backup import pg_dump_command

    command = pg_dump_command(
        {"NAME": "ndrc", "USER": "ndrc", "PASSWORD": "secret", "HOST": "db", "PORT": 5432},
        servers.ROOT / "backups" / "x.dump",
    )
    assert command.startswith("pg_dump --format=custom")
    assert "postgresql://ndrc@db:5432/ndrc" in command and "secret" not in command
