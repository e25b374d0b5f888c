"""`make loadtest` end to end with three phones: the script still speaks the pages' language (the
poll element, the game's CSRF header, « Préparez-vous », the answer form), so that a change to the
game's markup cannot silently turn the load test into 2 000 errors. About 30 s; run once (SQLite)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="once, in the SQLite pass")
def test_three_phones_join_see_the_question_and_answer(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "PYTEST_", "LIVE_"))
    }
    env |= {"PLAYERS": "3", "SPEED_SECONDS": "0", "JOIN_SECONDS": "0.5", "TMPDIR": str(tmp_path)}
    env["SECRET_KEY"] = secrets.token_urlsafe(50)  # a clean clone has no .serve-secret-key
    done = subprocess.run(
        [sys.executable, "scripts/loadtest.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    assert "errors: 0" in output and "answers: sent 3, acknowledged 3, stored 3, lost 0" in output
    assert "question shown on the players' phones" in output
    assert "« Préparez-vous » of 3 s" in output
