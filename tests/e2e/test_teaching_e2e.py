"""The teacher space in a browser: a teacher creates a class; students sign up with its code on a
phone (one had practised anonymously: it follows them); the teacher reads the roster."""

from __future__ import annotations

import re
from pathlib import Path

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
            phone.get_by_label("Votre réponse").fill("999")  # no CPC is 999 € (0,20–3 €)
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
        expect(phone.get_by_role("heading", name="Mon compte", exact=True)).to_be_visible()
        expect(phone.get_by_text("BTS NDRC 1 (2026-2027)", exact=True)).to_be_visible()
        if number == 0:
            assert_no_axe_violations(axe, phone)
            screenshot(phone, "teaching-account-390")
    assert Attempt.objects.filter(owner__startswith="session:").count() == 0  # Léa's drill moved

    teacher.reload()
    expect(teacher.locator("tr[data-student]")).to_have_count(2)
    expect(teacher.locator("tr[data-student]").first).to_contain_text("0\u00a0% (0 sur 1)")
    assert_no_axe_violations(axe, teacher)


def test_homework_from_the_teacher_to_the_students_and_back(live_server, browser, axe, set_up):
    """A teacher gives a quiz; two students take it on a phone, one after the due date (late work
    accepted); the teacher reads the results and downloads the CSV."""
    from datetime import timedelta

    from django.utils import timezone

    from quiz.models import Assignment, SchoolClass
    from quiz.practice.series import item_exercise
    from quiz.teaching import accounts, classes
    from tests.factories import UserFactory, numeric_and_concept_quiz

    base = live_server.url
    numeric_and_concept_quiz(title="Réactivité", kpi_slug="taux-reactivite")
    prof = TeacherFactory._meta.model.objects.get(username="prof")
    school_class = classes.class_create(teacher=prof, name="BTS NDRC 1")
    for name in ("lea", "tom"):
        accounts.student_enrol(
            student=UserFactory(username=name, password=PASSWORD), school_class=school_class
        )
    teacher = browser.new_context(viewport=LAPTOP).new_page()
    teacher.goto(f"{base}/enseignant/classes/{school_class.pk}/devoirs/nouveau/")
    teacher.get_by_label("Nom d’utilisateur").fill("prof")
    teacher.get_by_label("Mot de passe").fill("motdepasse-prof-42")
    teacher.get_by_role("button", name="Connexion").click()
    assert_no_axe_violations(axe, teacher)
    teacher.get_by_label("Quiz").select_option(label="Réactivité")
    now = timezone.localtime()
    teacher.get_by_label("Ouverture", exact=True).fill(
        (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    )
    teacher.get_by_label("Date limite", exact=True).fill(
        (now + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    )
    teacher.get_by_label("Accepter le travail rendu après la date limite").check()
    teacher.get_by_role("button", name="Donner le devoir").click()
    expect(teacher.get_by_role("heading", name="Réactivité")).to_be_visible()
    assignment = Assignment.objects.get()

    for name in ("lea", "tom"):
        if name == "tom":  # Tom does it after the due date
            Assignment.objects.filter(pk=assignment.pk).update(
                opens_at=timezone.now() - timedelta(days=3), due_at=timezone.now()
            )
        phone = browser.new_context(viewport=PHONE).new_page()
        phone.goto(f"{base}/compte/connexion/?next=/devoirs/")
        phone.get_by_label("Nom d’utilisateur").fill(name)
        phone.get_by_label("Mot de passe").fill(PASSWORD)
        phone.get_by_role("button", name="Se connecter").click()
        row = phone.locator(f"[data-assignment-id='{assignment.pk}']")
        expect(row).to_be_visible()
        if name == "lea":
            assert_no_axe_violations(axe, phone)
        row.get_by_role("link").click()
        phone.get_by_role("button", name="Commencer").click()
        form = phone.locator("form[data-kpi]")
        expect(form).to_have_attribute("data-kpi", "taux-reactivite")
        item = assignment.attempts.get(
            owner__endswith=str(
                SchoolClass.objects.get().enrolments.get(student__username=name).student_id
            )
        ).items.get(position=1)
        answer = f"{item_exercise(item).expected}".replace(".", ",") if name == "lea" else "1"
        phone.get_by_label("Votre réponse").fill(answer)
        phone.get_by_role("button", name="Valider").click()
        verdict = "correct" if name == "lea" else "incorrect"
        expect(phone.locator("#feedback")).to_have_attribute("data-verdict", verdict)
        if name == "lea":
            screenshot(phone, "homework-question-390")
            assert_no_axe_violations(axe, phone)
        phone.get_by_role("link", name="Question suivante").click()
        phone.locator("input[name=choice]").first.check()
        phone.get_by_role("button", name="Valider").click()
        expect(phone.locator("#feedback")).to_have_attribute("data-verdict", re.compile("correct"))
        phone.goto(f"{base}/devoirs/")
        expect(row).to_contain_text("rendu")

    teacher.goto(f"{base}/enseignant/devoirs/{assignment.pk}/")
    expect(teacher.locator("tr[data-student]")).to_have_count(2)
    expect(teacher.locator("tr[data-student]").nth(0)).not_to_contain_text("en retard")  # Léa
    expect(teacher.locator("tbody")).to_contain_text("rendu, en retard")  # Tom
    assert_no_axe_violations(axe, teacher)
    screenshot(teacher, "homework-results-1280")
    with teacher.expect_download() as download:
        teacher.get_by_role("link", name="Exporter en CSV (une ligne par élève)").click()
    content = Path(download.value.path()).read_text(encoding="utf-8")
    assert content.startswith("\ufeffÉlève;") and "lea;" in content and "tom;" in content


def test_the_account_pages_pass_axe(live_server, browser, axe, set_up):
    """The pages the two flows above do not cross, at phone width: sign-in, personal data, the
    password change; and the class's frequent mistakes at laptop width."""
    from quiz.teaching import accounts, classes
    from tests.factories import UserFactory

    base = live_server.url
    prof = TeacherFactory._meta.model.objects.get(username="prof")
    school_class = classes.class_create(teacher=prof, name="BTS NDRC 1")
    accounts.student_enrol(
        student=UserFactory(username="lea", password=PASSWORD), school_class=school_class
    )
    phone = browser.new_context(viewport=PHONE).new_page()
    for path in ("/compte/connexion/", "/compte/donnees/"):
        phone.goto(base + path)
        assert_no_axe_violations(axe, phone)
    phone.goto(f"{base}/compte/connexion/")
    phone.get_by_label("Nom d’utilisateur").fill("lea")
    phone.get_by_label("Mot de passe").fill(PASSWORD)
    phone.get_by_role("button", name="Se connecter").click()
    for path in ("/compte/mot-de-passe/", "/devoirs/"):
        phone.goto(base + path)
        assert_no_axe_violations(axe, phone)
    teacher = browser.new_context(viewport=LAPTOP).new_page()
    teacher.goto(f"{base}/enseignant/classes/{school_class.pk}/erreurs/")
    teacher.get_by_label("Nom d’utilisateur").fill("prof")
    teacher.get_by_label("Mot de passe").fill("motdepasse-prof-42")
    teacher.get_by_role("button", name="Connexion").click()
    expect(teacher.get_by_role("heading", level=1)).to_contain_text("Les erreurs fréquentes")
    assert_no_axe_violations(axe, teacher)
