from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from quiz.models import AttemptItem
from quiz.practice.series import item_exercise
from tests.e2e.conftest import LAPTOP, PHONE, assert_no_axe_violations, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def course(transactional_db):
    call_command("loaddata", "course", verbosity=0)


def current_item(page) -> AttemptItem:
    attempt_id, position = page.url.rstrip("/").split("/")[-2:]
    return AttemptItem.objects.get(attempt_id=attempt_id, position=int(position))


def test_full_series_of_ten_on_a_phone(live_server, page, axe, course):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/entrainement/")
    assert_no_axe_violations(axe, page)
    page.get_by_role("button", name="Commencer une série sur tout le chapitre").click()
    verdicts = []
    invalid_done = mistake_done = False
    for position in range(1, 11):
        expect(page.get_by_text(f"Question {position} sur 10")).to_be_visible()
        item = current_item(page)
        page.evaluate("window.__sameDocument = true")
        if item.is_numeric:
            exercise = item_exercise(item)
            answer_box = page.get_by_label("Votre réponse")
            if not invalid_done:
                answer_box.fill("abc")
                page.get_by_role("button", name="Valider").click()
                expect(page.locator("#feedback")).to_have_attribute("data-verdict", "invalid")
                assert page.evaluate("window.__sameDocument") is True  # swapped by htmx
                screenshot(page, "practice-invalid-390")
                assert_no_axe_violations(axe, page)
                invalid_done = True
            if not mistake_done and exercise.kpi.unit == "%":
                answer = f"{exercise.exact / 100:.4f}".replace(".", ",")  # a proportion
                expected = ("incorrect", "forgot-x100")
                mistake_done = True
            elif position % 3 == 0:
                answer, expected = "0,01", ("incorrect", None)
            else:
                answer = f"{exercise.expected:.2f}".replace(".", ",")
                expected = ("correct", None)
            answer_box.fill(answer)
        else:
            options = list(item.concept_question.options.all())
            right = [o for o in options if o.is_correct]
            chosen = right if position % 4 else [o for o in options if not o.is_correct][:1]
            for option in chosen:
                page.locator(f"#choice-{option.pk}").check()
            expected = ("correct" if chosen == right else "incorrect", None)
        page.get_by_role("button", name="Valider").click()
        feedback = page.locator("#feedback")
        expect(feedback).to_have_attribute("data-verdict", expected[0])
        if expected[1]:
            expect(feedback).to_have_attribute("data-diagnosis", expected[1])
            screenshot(page, "practice-diagnosis-390")
            assert_no_axe_violations(axe, page)
        assert page.evaluate("window.__sameDocument") is True
        verdicts.append(expected[0])
        next_label = "Question suivante" if position < 10 else "Voir le bilan"
        page.get_by_role("link", name=next_label).click()
    expect(page.get_by_role("heading", name="Bilan de la série")).to_be_visible()
    right = verdicts.count("correct")
    expect(page.locator(".score")).to_contain_text(f"{right} / 10")
    assert invalid_done and mistake_done
    screenshot(page, "practice-summary-390")
    assert_no_axe_violations(axe, page)

    page.goto(f"{live_server.url}/entrainement/progres/")
    expect(page.get_by_role("table").first).to_be_visible()
    screenshot(page, "practice-progress-390")
    assert_no_axe_violations(axe, page)


def test_drill_from_a_calculator_on_a_laptop(live_server, page, axe, course):
    page.set_viewport_size(LAPTOP)
    page.goto(f"{live_server.url}/calculateurs/cpm/")
    page.get_by_role("link", name="Je m’entraîne sur cet indicateur").click()
    expect(page.locator("form[data-kpi='cpm']")).to_be_visible()
    assert_no_axe_violations(axe, page)
    budget = float(page.locator("data[data-name='budget']").get_attribute("value"))
    impressions = float(page.locator("data[data-name='impressions']").get_attribute("value"))
    page.get_by_label("Votre réponse").fill(
        f"{budget / impressions * 1000:.2f} €".replace(".", ",")
    )
    page.get_by_role("button", name="Valider").click()
    expect(page.locator("#feedback")).to_have_attribute("data-verdict", "correct")
    screenshot(page, "drill-correct-1280")
    assert_no_axe_violations(axe, page)
