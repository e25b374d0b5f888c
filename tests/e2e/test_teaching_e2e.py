"""The teacher space in a browser: a teacher creates a class; students sign up with its code on a
phone (one had practised anonymously: it follows them); the teacher reads the roster."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from quiz.models import Attempt
from tests.e2e.conftest import LAPTOP, PHONE, assert_no_axe_violations, screenshot
from tests.factories import TeacherFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "revisions-2026-ndrc"


@pytest.fixture
def set_up(transactional_db):
    call_command("loaddata", "course", verbosity=0)
    TeacherFactory(username="prof", password="motdepasse-prof-42")


def test_a_class_from_creation_to_roster(live_server, browser, axe, set_up):
    base = live_server.url
    teacher = browser.new_context(viewport=LAPTOP).new_page()
    teacher.goto(f"{base}/enseignant/")
    teacher.get_by_label("Nom d’utilisateur").fill("prof")
    teacher.get_by_label("Mot de passe").fill("motdepasse-prof-42")
    teacher.get_by_role("button", name="Connexion").click()
    expect(teacher.get_by_role("heading", name="Espace enseignant")).to_be_visible()
    assert_no_axe_violations(axe, teacher)
    teacher.get_by_role("link", name="Créer ou gérer mes classes").click()
    teacher.get_by_label("Nom de la classe").fill("BTS NDRC 1")
    teacher.get_by_label("Année scolaire (facultatif)").fill("2026-2027")
    teacher.get_by_role("button", name="Créer la classe").click()
    code = teacher.locator("[data-class-code]").get_attribute("data-class-code")
    assert code and len(code) == 6
    expect(teacher.locator(".qr svg")).to_be_visible()
    assert_no_axe_violations(axe, teacher)
    screenshot(teacher, "teaching-class-1280")

    for number, pseudo in enumerate(("lea", "tom")):
        phone = browser.new_context(viewport=PHONE).new_page()
        if number == 0:  # Léa practised before having an account
            phone.goto(f"{base}/entrainement/kpi/cpc/")
            phone.get_by_label("Votre réponse").fill("0,5")
            phone.get_by_role("button", name="Valider").click()
            expect(phone.locator("#feedback")).to_have_attribute("data-verdict", "incorrect")
        phone.goto(f"{base}/compte/inscription/?code={code}")
        expect(phone.get_by_label("Code de la classe")).to_have_value(code)
        if number == 0:
            assert_no_axe_violations(axe, phone)
            screenshot(phone, "teaching-sign-up-390")
        phone.get_by_label("Nom d’utilisateur").fill(pseudo)
        phone.get_by_label("Prénom (facultatif)").fill(pseudo.title())
        phone.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
        phone.get_by_label("Confirmation du mot de passe").fill(PASSWORD)
        phone.get_by_role("button", name="Créer mon compte").click()
        expect(phone.get_by_role("heading", name="Mon compte")).to_be_visible()
        expect(phone.get_by_text("BTS NDRC 1 (2026-2027)", exact=True)).to_be_visible()
        if number == 0:
            assert_no_axe_violations(axe, phone)
            screenshot(phone, "teaching-account-390")
    assert Attempt.objects.filter(owner__startswith="session:").count() == 0  # Léa's drill moved

    teacher.reload()
    expect(teacher.locator("tr[data-student]")).to_have_count(2)
    expect(teacher.locator("tr[data-student]").first).to_contain_text("0\u00a0% (0 sur 1)")
    assert_no_axe_violations(axe, teacher)
