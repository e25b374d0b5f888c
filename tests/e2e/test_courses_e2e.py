from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.conftest import LAPTOP, PHONE, assert_no_axe_violations, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def course(transactional_db):
    call_command("loaddata", "course", verbosity=0)


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_student_reads_the_course_and_reaches_a_calculator(
    live_server, page, axe, course, viewport
):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/cours/")
    assert_no_axe_violations(axe, page)
    screenshot(page, f"courses-index-{viewport['width']}")

    page.get_by_role("link", name="Mesurer l").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("e-mailing")
    assert_no_axe_violations(axe, page)
    screenshot(page, f"lesson-emailing-{viewport['width']}")

    page.get_by_role("link", name="Calculateur\u00a0: Taux de réactivité").first.click()
    expect(page).to_have_url(f"{live_server.url}/calculateurs/taux-reactivite/")


def test_lesson_pages_have_no_accessibility_violations(live_server, page, axe, course):
    for slug in ("methode-pepsi", "social-ads", "taux-engagement"):
        page.goto(f"{live_server.url}/cours/{slug}/")
        assert_no_axe_violations(axe, page)
