from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}


@pytest.fixture
def axe() -> Axe:
    return Axe()


def assert_no_axe_violations(axe: Axe, page) -> None:
    results = axe.run(page)
    violations = results.response["violations"]
    assert not violations, results.generate_report()


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
