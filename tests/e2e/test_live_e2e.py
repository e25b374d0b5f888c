from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quiz.models import LiveSession
from tests.e2e.conftest import (
    LAPTOP,
    PHONE,
    assert_no_axe_violations,
    log_in_to_animate,
    screenshot,
    write_while_serving,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_whole_live_game(live_server, browser, axe, live_quiz):
    base = live_server.url
    teacher_context = browser.new_context(viewport=LAPTOP)
    teacher = teacher_context.new_page()
    log_in_to_animate(teacher, base)
    expect(teacher.get_by_role("heading", name="Animer une session en direct")).to_be_visible()
    teacher.get_by_role("button", name="Lancer en direct").click()
    pin = teacher.locator(".pin").inner_text().strip()
    assert re.fullmatch(r"\d{6}", pin)
    expect(teacher.locator(".qr svg")).to_be_visible()
    screenshot(teacher, "live-lobby-1280")

    students = []
    for pseudo in ("Léa", "Tom", "Zoé"):
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        page.goto(f"{base}/rejoindre/?pin={pin}")
        if pseudo == "Léa":
            assert_no_axe_violations(axe, page)
            screenshot(page, "live-join-390")
        expect(page.get_by_label("Code de la session")).to_have_value(pin)
        page.get_by_label("Pseudo").fill(pseudo)
        page.get_by_role("button", name="Rejoindre").click()
        expect(page.get_by_role("heading", name=f"Bienvenue, {pseudo}")).to_be_visible()
        students.append((pseudo, context, page))

    # The projector sees the players join, within two seconds, without a reload.
    for pseudo, _, _ in students:
        expect(teacher.locator(".pseudos")).to_contain_text(pseudo, timeout=4000)
    teacher.get_by_role("button", name="Commencer").click()

    for _, _, page in students:
        expect(page.locator("form[data-kpi='taux-reactivite']")).to_be_visible(timeout=4000)
    lea, tom, zoe = (page for _, _, page in students)
    assert_no_axe_violations(axe, lea)
    screenshot(lea, "live-question-390")

    def answer(page, right: bool) -> None:
        clicks = float(page.locator("data[data-name='clicks']").get_attribute("value"))
        opened = float(page.locator("data[data-name='opened']").get_attribute("value"))
        value = clicks / opened * 100 if right else clicks / opened
        page.get_by_label("Votre réponse").fill(f"{value:.4f}".replace(".", ","))
        page.get_by_role("button", name="Valider").click()
        expect(page.get_by_role("heading", name="Réponse enregistrée")).to_be_visible()

    answer(lea, right=True)
    answer(tom, right=False)
    expect(teacher.locator(".answered")).to_contain_text("2 / 3", timeout=4000)
    # Zoé is too late: the server's clock runs out before she sends her answer; her phone shows it
    # within two seconds (a late POST is refused too: tests/quiz/test_live_views.py).
    zoe.get_by_label("Votre réponse").fill("50")
    write_while_serving(LiveSession.objects.update, question_deadline=timezone.now())
    expect(zoe.locator("#feedback")).to_contain_text("Temps écoulé", timeout=4000)

    expect(teacher.get_by_role("heading", name="Correction")).to_be_visible(timeout=4000)
    expect(teacher.get_by_role("table", name="Répartition des réponses")).to_contain_text("1 élève")
    board = teacher.get_by_role("table", name="Classement")
    expect(board.get_by_role("row").nth(1)).to_contain_text("Léa")
    assert_no_axe_violations(axe, teacher)
    screenshot(teacher, "live-leaderboard-1280")

    expect(lea.locator("#feedback")).to_have_attribute("data-verdict", "correct", timeout=4000)
    expect(tom.locator("#feedback")).to_have_attribute(
        "data-diagnosis", "forgot-x100", timeout=4000
    )
    assert_no_axe_violations(axe, tom)
    screenshot(tom, "live-feedback-390")

    # A refresh keeps the player's identity and points.
    lea.reload()
    expect(lea.locator(".live-who")).to_contain_text("Léa")
    expect(lea.locator(".live-who")).to_contain_text("1\u202f000 points")

    teacher.get_by_role("button", name="Question suivante").click()
    expect(lea.locator(".stem")).to_be_visible(timeout=4000)
    teacher.get_by_role("button", name="Arrêter et corriger").click()
    teacher.get_by_role("button", name="Voir le podium").click()
    expect(teacher.get_by_role("heading", name="Podium")).to_be_visible()
    screenshot(teacher, "live-podium-1280")
    expect(lea.get_by_role("heading", name="Fin du quiz")).to_be_visible(timeout=4000)
    expect(lea.locator(".podium")).to_contain_text("Léa")
    screenshot(lea, "live-podium-390")
    for _, context, _ in students:
        context.close()
    teacher_context.close()


def test_a_student_paced_game(live_server, browser, axe, live_quiz):
    """Each student moves on alone; the projector follows the class question by question."""
    base = live_server.url
    teacher_context = browser.new_context(viewport=LAPTOP)
    teacher = teacher_context.new_page()
    log_in_to_animate(teacher, base)
    assert_no_axe_violations(axe, teacher)
    screenshot(teacher, "live-host-1280")
    teacher.get_by_label("Chacun à son rythme").first.check()
    teacher.get_by_role("button", name="Lancer en direct").first.click()
    pin = teacher.locator(".pin").inner_text().strip()

    phones = []
    for pseudo in ("Léa", "Tom"):
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        page.goto(f"{base}/rejoindre/?pin={pin}")
        page.get_by_label("Pseudo").fill(pseudo)
        page.get_by_role("button", name="Rejoindre").click()
        phones.append((context, page))
        expect(teacher.locator(".pseudos")).to_contain_text(pseudo, timeout=4000)
    teacher.get_by_role("button", name="Commencer").click()
    lea, tom = (page for _, page in phones)
    for page in (lea, tom):
        expect(page.locator("form[data-kpi='taux-reactivite']")).to_be_visible(timeout=4000)

    clicks = float(lea.locator("data[data-name='clicks']").get_attribute("value"))
    opened = float(lea.locator("data[data-name='opened']").get_attribute("value"))
    lea.get_by_label("Votre réponse").fill(f"{clicks / opened:.4f}".replace(".", ","))
    lea.get_by_role("button", name="Valider").click()
    # The correction comes at once, with the diagnosis and a button to go on.
    expect(lea.locator("#feedback")).to_have_attribute("data-diagnosis", "forgot-x100")
    assert_no_axe_violations(axe, lea)
    screenshot(lea, "live-self-paced-feedback-390")
    lea.get_by_role("button", name="Question suivante").click()
    expect(lea.locator(".stem")).to_be_visible()
    expect(lea.locator(".live-progress")).to_contain_text("Question 2 sur 2")
    # Tom has not answered yet: still on question 1.
    expect(tom.locator(".live-progress")).to_contain_text("Question 1 sur 2")

    progress = teacher.get_by_role("table", name="Avancement question par question")
    expect(progress).to_contain_text("a donné une proportion", timeout=4000)
    expect(teacher.get_by_role("table", name="Classement")).to_contain_text("Léa")
    assert_no_axe_violations(axe, teacher)
    screenshot(teacher, "live-self-paced-projector-1280")

    lea.locator(".choice input").first.check()
    lea.get_by_role("button", name="Valider").click()
    lea.get_by_role("button", name="Terminer le quiz").click()
    expect(lea.get_by_role("heading", name="Vous avez terminé")).to_be_visible()
    screenshot(lea, "live-self-paced-done-390")
    expect(teacher.locator(".answered")).to_contain_text("1 / 2", timeout=4000)
    teacher.get_by_text("Terminer et voir le podium", exact=True).click()  # it asks first
    teacher.get_by_role("button", name="Oui, terminer la session").click()
    expect(teacher.get_by_role("heading", name="Podium")).to_be_visible()
    for page in (lea, tom):
        expect(page.get_by_role("heading", name="Fin du quiz")).to_be_visible(timeout=4000)
    for context, _ in phones:
        context.close()
    teacher_context.close()
