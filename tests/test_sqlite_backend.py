"""The SQLite engine's process-shared write lock: concurrent writers from several processes all get
through, none sees "database is locked"."""

from __future__ import annotations

import subprocess
import sys

from tests.processes import ROOT, sqlite_environment

WRITER = """
import django, sys
django.setup()
from django.db import transaction
from django.contrib.sessions.backends.db import SessionStore
for i in range(int(sys.argv[1])):
    with transaction.atomic():
        session = SessionStore()
        session["n"] = i
        session.create()
print("done")
"""


def test_concurrent_processes_write_without_lock_errors(tmp_path):
    env = sqlite_environment(tmp_path / "db.sqlite3")
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, "150"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert out.strip() == "done"
    count = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from django.contrib.sessions.models import Session; print(Session.objects.count())",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert count.stdout.strip() == "600", count.stderr
    assert (tmp_path / "db.sqlite3-writelock").exists()
