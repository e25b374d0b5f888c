from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LAPTOP, PHONE, assert_no_axe_violations, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_calculator_updates_as_the_student_types(live_server, page, axe, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/calculateurs/taux-reactivite/")
    page.evaluate("window.__sameDocument = true")

    page.get_by_label("Clics").fill("450")
    page.get_by_label("E-mails ouverts").fill("860")
    result = page.locator("#kpi-result")
    expect(result).to_have_attribute("data-value", "52.33")
    expect(result).to_have_text("52,33\u202f%")
    expect(page.get_by_text("450 ÷ 860 × 100")).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True  # no page load happened
    expect(page).to_have_url(
        f"{live_server.url}/calculateurs/taux-reactivite/?clicks=450&opened=860"
    )
    screenshot(page, f"calculator-result-{viewport['width']}")
    assert_no_axe_violations(axe, page)

    # More clicks than opens happens in real reports: computed, with a warning (review A13).
    page.get_by_label("Clics").fill("900")
    expect(page.locator("#kpi-result")).to_have_attribute("data-value", "104.65")
    expect(page.get_by_text("Plus de clics que d’e-mails ouverts")).to_be_visible()

    page.get_by_label("E-mails ouverts").fill("0")
    expect(page.locator("#kpi-result")).to_have_count(0)
    expect(page.get_by_label("E-mails ouverts")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#error-opened")).to_contain_text("diviser par zéro")
    screenshot(page, f"calculator-error-{viewport['width']}")
    assert_no_axe_violations(axe, page)

    page.get_by_label("E-mails ouverts").fill("860")
    page.get_by_label("Clics").fill("430")
    expect(page.locator("#kpi-result")).to_have_attribute("data-value", "50.00")
    expect(page.get_by_label("E-mails ouverts")).not_to_have_attribute("aria-invalid", "true")


def test_calculator_works_without_javascript(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/calculateurs/cpm/")
    page.get_by_label("Budget dépensé").fill("200")
    page.get_by_label("Impressions").fill("10 000")
    page.get_by_role("button", name="Calculer").click()
    expect(page.locator("#kpi-result")).to_have_attribute("data-value", "20.00")
    assert "budget=200" in page.url and "impressions=10" in page.url
    context.close()


@pytest.mark.parametrize(
    "path", ["/", "/calculateurs/", "/calculateurs/cpm/?budget=200&impressions=10000"]
)
def test_pages_have_no_accessibility_violations(live_server, page, axe, path):
    for viewport in (PHONE, LAPTOP):
        page.set_viewport_size(viewport)
        page.goto(f"{live_server.url}{path}")
        assert_no_axe_violations(axe, page)


def test_keyboard_user_can_skip_to_content(live_server, page):
    page.goto(f"{live_server.url}/calculateurs/cpm/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
