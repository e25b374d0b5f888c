from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import settings

# CI explores the same examples at every run (a red run must be reproducible); locally, new ones.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> str | None:
    """Debian's Chromium, else a browser installed by `playwright install`, else None."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), *CHROMIUM_CANDIDATES):
        if candidate and Path(candidate).exists():
            return candidate
    found = shutil.which("chromium")
    if found:
        return found
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            path = playwright.chromium.executable_path
        return path if Path(path).exists() else None
    except Exception:
        return None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        message = "Chromium not found (/usr/bin/chromium or a Playwright-installed browser)."
        if os.environ.get("CI"):
            pytest.fail(f"{message} Browser tests are required in CI.")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_path):
    # Sync Playwright runs an event loop in this thread; the live server's database access is
    # ordinary synchronous Django, so Django's async guard must be told it is fine here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    return {**browser_type_launch_args, "executable_path": chromium_path, "args": CHROMIUM_ARGS}


@pytest.fixture
def course(db):
    """The real chapter: its lessons and concept questions (fixtures/course.json)."""
    call_command("loaddata", "course", verbosity=0)


@pytest.fixture(autouse=True)
def _live_polls_read_the_database(settings):
    """Tests see every change at once: a process's half-second copy of a class's clock (made for
    1 000 idle polls a second) is off, except in the tests that turn it on."""
    from quiz.live import poll

    settings.LIVE_POLL_REUSE_SECONDS = 0
    poll.forget_poll_states()
    yield
    poll.forget_poll_states()


@pytest.fixture(autouse=True)
def _questions_open_at_once(settings):
    """A teacher-paced question opens as soon as it is launched: the « Préparez-vous » countdown
    (3 s in production) is on only in the tests about it (tests/quiz/live/test_lead.py)."""
    settings.LIVE_QUESTION_LEAD_SECONDS = 0


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Django's own advice for test suites: the production hasher is slow on purpose (hundreds of
    milliseconds a password), and the accounts' tests create and sign in many students."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
