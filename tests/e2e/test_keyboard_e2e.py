"""The whole flow of practice, calculators and the teacher pages with the keyboard alone (Tab,
Shift+Tab, Enter, Space, arrows): every control is reached, its focus is visible, and scrollable
tables are reachable and scroll with the arrows."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from quiz.models import AttemptItem
from quiz.practice.series import item_exercise
from quiz.teaching import accounts, classes
from tests.e2e.conftest import LAPTOP, PHONE
from tests.factories import TeacherFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
TEACHER_PASSWORD = "motdepasse-prof-42"
MAX_TABS = 60


@pytest.fixture
def course(transactional_db):
    call_command("loaddata", "course", verbosity=0)


def is_focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, *, key: str = "Tab") -> None:
    """Press Tab until `locator` has the focus; every element met on the way shows its focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        outline = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth]; })()"
        )
        if outline[0] != "BODY":
            assert outline[1] != "none" and outline[2] != "0px", outline
        if is_focused(locator):
            return
    raise AssertionError(f"{locator} never got the focus with {key}")


def current_item(page) -> AttemptItem:
    attempt_id, position = page.url.rstrip("/").split("/")[-2:]
    return AttemptItem.objects.get(attempt_id=attempt_id, position=int(position))


def test_a_practice_series_by_keyboard(live_server, page, course):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/entrainement/")
    start = page.get_by_role("button", name="Commencer une série sur tout le chapitre")
    tab_to(page, start)
    page.keyboard.press("Enter")
    page.wait_for_url("**/serie/**/1/")
    kinds = set()
    for position in range(1, 5):
        expect(page.get_by_text(f"Question {position} sur 10")).to_be_visible()
        item = current_item(page)
        if item.is_numeric:
            kinds.add("numeric")
            answer = page.get_by_label("Votre réponse")
            tab_to(page, answer)
            exercise = item_exercise(item)
            page.keyboard.type(f"{exercise.expected:.2f}".replace(".", ","))
            page.keyboard.press("Enter")  # submits the form
        else:
            kinds.add("concept")
            options = list(item.concept_question.options.all())
            first = page.locator(f"#choice-{options[0].pk}")
            tab_to(page, first)
            page.keyboard.press("Space")
            expect(first).to_be_checked()
            tab_to(page, page.get_by_role("button", name="Valider"))
            page.keyboard.press("Enter")
        feedback_heading = page.locator("#feedback h2")
        expect(feedback_heading).to_be_visible()
        # The student caused the change: the focus moved to the correction's heading.
        expect(feedback_heading).to_be_focused()
        next_link = page.get_by_role("link", name="Question suivante")
        tab_to(page, next_link)
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/{position + 1}/")
    expect(page.get_by_text("Question 5 sur 10")).to_be_visible()
    assert kinds  # at least one kind was answered (usually both in four questions)


def test_a_calculator_by_keyboard(live_server, page):
    page.set_viewport_size(LAPTOP)
    page.goto(f"{live_server.url}/calculateurs/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Aller au contenu")).to_be_focused()
    page.keyboard.press("Enter")
    cpm = page.get_by_role("link", name="CPM (coût pour mille impressions)")
    tab_to(page, cpm)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/calculateurs/cpm/")
    expect(page.get_by_role("heading", name="CPM (coût pour mille impressions)")).to_be_visible()
    budget = page.get_by_label("Budget dépensé")
    tab_to(page, budget)
    page.keyboard.type("200")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Impressions")).to_be_focused()
    page.keyboard.type("10 000")
    expect(page.locator("#kpi-result")).to_have_attribute("data-value", "20.00")
    expect(page.get_by_label("Impressions")).to_be_focused()  # the swap never takes the focus
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Calculer")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#kpi-result")).to_have_attribute("data-value", "20.00")
    # Back with Shift+Tab: the fields keep what was typed.
    tab_to(page, budget, key="Shift+Tab")
    expect(budget).to_have_value("200")
    drill = page.get_by_role("link", name="Je m’entraîne sur cet indicateur")
    tab_to(page, drill)
    page.keyboard.press("Enter")
    expect(page.locator("form[data-kpi='cpm']")).to_be_visible()


def test_the_teacher_pages_by_keyboard(live_server, page, course):
    teacher = TeacherFactory(username="prof", password=TEACHER_PASSWORD)
    school_class = classes.class_create(teacher=teacher, name="BTS NDRC 1")
    for name in ("lea", "tom", "ines"):
        accounts.student_enrol(student=UserFactory(username=name), school_class=school_class)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/enseignant/")
    tab_to(page, page.get_by_label("Nom d’utilisateur"))
    page.keyboard.type("prof")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Mot de passe")).to_be_focused()
    page.keyboard.type(TEACHER_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Espace enseignant")).to_be_visible()
    page.wait_for_load_state()
    tab_to(page, page.get_by_role("link", name="BTS NDRC 1"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="BTS NDRC 1", level=1)).to_be_visible()
    # The roster scrolls sideways at 390 px: it is a labelled region reached by Tab.
    roster = page.get_by_role("region", name="Élèves de la classe")
    tab_to(page, roster)
    assert roster.evaluate("e => e.scrollWidth - e.clientWidth") > 0  # it does scroll at 390 px
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    for _ in range(20):
        if roster.evaluate("e => e.scrollLeft") > 0:
            break
        page.wait_for_timeout(100)
    assert roster.evaluate("e => e.scrollLeft") > 0
    tab_to(page, page.get_by_role("button", name="Nouveau mot de passe").first)
    # Every scrollable region of the page can be reached and is named.
    unreachable = page.evaluate(
        """[...document.querySelectorAll('*')].filter(e => {
            const s = getComputedStyle(e);
            return /(auto|scroll)/.test(s.overflowX + s.overflowY)
                && (e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight)
                && !(e.tabIndex >= 0 && e.getAttribute('aria-label'));
        }).map(e => e.className)"""
    )
    assert unreachable == []
