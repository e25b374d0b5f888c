from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.db import OperationalError

from tests.factories import TeacherFactory, numeric_and_concept_quiz

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
LIVE_TEACHER_PASSWORD = "motdepasse-prof-42"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A browser test that fails says what each open page showed at that moment (its address and
    text in the report, a screenshot in test-artifacts/failures/), before its contexts close: a
    failure seen once in CI can then be read, not guessed."""
    report = yield
    browser = item.funcargs.get("browser") if hasattr(item, "funcargs") else None
    if report.when != "call" or not report.failed or browser is None:
        return report
    folder = ARTIFACTS / "failures"
    folder.mkdir(parents=True, exist_ok=True)
    pages = [page for context in browser.contexts for page in context.pages]
    for number, page in enumerate(pages, start=1):
        try:
            text = page.inner_text("body", timeout=2000)
            page.screenshot(path=str(folder / f"{item.name}-{number}.png"), full_page=True)
        except Exception as error:  # a closed or crashed page: say so, keep the test's own failure
            text = f"(page unreadable: {error})"
        report.sections.append((f"page {number}: {page.url}", text[:3000]))
    return report


@pytest.fixture
def axe() -> Axe:
    return Axe()


def assert_no_axe_violations(axe: Axe, page) -> None:
    results = axe.run(page)
    violations = results.response["violations"]
    assert not violations, results.generate_report()


T = TypeVar("T")


def write_while_serving(write: Callable[..., T], *args: object, **kwargs: object) -> T:
    """`write(*args, **kwargs)` from the test while the live server's thread reads the same tables
    for polling phones: SQLite's in-memory test database (shared cache) refuses it at once with
    « database table is locked » instead of waiting, so it is tried again for up to 5 s."""
    deadline = time.monotonic() + 5.0
    while True:
        try:
            return write(*args, **kwargs)
        except OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def screenshot(page, name: str) -> None:
    """Save a full-page screenshot, and check the page does not scroll sideways."""
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} overflows"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def new_context(browser, live_server):
    """Browser contexts closed at the end of the test, pass or fail: no poll outlives it."""
    opened = []

    def make(**options):
        context = browser.new_context(**options)
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


@pytest.fixture
def live_quiz(transactional_db):
    """The live games' quiz (a numeric question, then one of the course's), with the teacher `prof`
    who animates it: the phones' tests and the projector's play the same game."""
    call_command("loaddata", "course", verbosity=0)
    TeacherFactory(username="prof", password=LIVE_TEACHER_PASSWORD)
    return numeric_and_concept_quiz(title="Réactivité en direct", kpi_slug="taux-reactivite")


def log_in_to_animate(page, base: str) -> None:
    """`prof` logs in through the admin's form, which leads to the live sessions' page."""
    page.goto(f"{base}/admin/login/?next=/animer/")
    page.get_by_label("Nom d’utilisateur").fill("prof")
    page.get_by_label("Mot de passe").fill(LIVE_TEACHER_PASSWORD)
    page.get_by_role("button", name="Connexion").click()
