"""Production settings: loud failure without secrets, `check --deploy` clean, static files served
compressed with hashed names. Each runs Django in a subprocess with a production environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k7#Qp2!vLz9@wX4mN8$rT1^bY6&cH3*dJ5(eF0)gA-uS_iO+oP=lK~jM|nB<vC>xZ?",
    "ALLOWED_HOSTS": "revisions.example.org",
}


def run_django(code: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "HTTPS_ONLY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update({"DJANGO_SETTINGS_MODULE": "config.settings", **env})
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = run_django("import django; django.setup()", env, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    env = {**PRODUCTION, "ALLOWED_HOSTS": ""}
    result = run_django("import django; django.setup()", env, tmp_path)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_check_deploy_passes_with_production_settings(tmp_path):
    code = (
        "import django, sys; django.setup();"
        "from django.core.management import call_command;"
        "call_command('check', '--deploy', '--fail-level', 'WARNING')"
    )
    result = run_django(code, PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_counts_in_a_table_made_by_migrate(tmp_path):
    """The wrong-PIN, new-pseudo and sign-in counts are in a table `migrate` makes (shared by every
    process of the database): a count bumped by one process is read by another."""
    code = (
        "import django; django.setup();"
        "from django.core.management import call_command;"
        "call_command('migrate', verbosity=0);"
        "from quiz.counters import bump;"
        "bump('essai', window=60); bump('essai', 'essai', window=60)"
    )
    result = run_django(code, PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stderr
    reader = (
        "import django; django.setup();"
        "from quiz.counters import counts; print(*counts('essai', 'autre').values())"
    )
    result = run_django(reader, PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["2", "0"]


def test_production_caches_the_worksheets_in_the_database_table_made_by_migrate(tmp_path):
    code = (
        "import django; django.setup();"
        "from django.conf import settings;"
        "from django.core.management import call_command;"
        "call_command('migrate', verbosity=0);"
        "from django.core.cache import cache; cache.set('essai', b'pdf');"
        "print(settings.CACHES['default']['BACKEND'], cache.get('essai'))"
    )
    result = run_django(code, PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.core.cache.backends.db.DatabaseCache", "b'pdf'"]


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(tmp_path):
    code = (
        "import django; django.setup();"
        "from django.db import connection;"
        "cursor = connection.cursor();"
        "print(cursor.execute('PRAGMA journal_mode').fetchone()[0],"
        " cursor.execute('PRAGMA busy_timeout').fetchone()[0],"
        " connection.settings_dict['OPTIONS']['transaction_mode'])"
    )
    result = run_django(code, {}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "5000", "IMMEDIATE"]


def test_whitenoise_serves_compressed_hashed_static_files(tmp_path):
    code = """
import re, django
django.setup()
from django.core.management import call_command
from django.test import Client
call_command("collectstatic", "--noinput", verbosity=0)
client = Client(HTTP_HOST="revisions.example.org", HTTP_X_FORWARDED_PROTO="https")
page = client.get("/calculateurs/", secure=True).content.decode()
css = re.search(r'href="(/static/css/site\\.[0-9a-f]{12}\\.css)"', page)
assert css, page[:500]
response = client.get(css[1], secure=True, HTTP_ACCEPT_ENCODING="gzip, br")
assert response.status_code == 200, response.status_code
print(response.headers.get("Content-Encoding"), response.headers.get("Cache-Control"))
"""
    env = {**PRODUCTION, "STATIC_ROOT": str(tmp_path / "static"), "TRUST_X_FORWARDED_PROTO": "1"}
    result = run_django(code, env, tmp_path)
    assert result.returncode == 0, result.stderr
    encoding, cache_control = result.stdout.strip().split(" ", 1)
    assert encoding in {"gzip", "br"}
    assert "immutable" in cache_control
