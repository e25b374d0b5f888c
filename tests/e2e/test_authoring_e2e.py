"""Authoring in a browser: the quiz list and change form pass axe-core, a question shows only the
fields of its kind, the tolerance keeps its French comma, the preview draws another variant."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from courses.models import ConceptQuestion
from quiz.models import QuizQuestion
from quiz.teaching.accounts import teacher_create
from tests.e2e.conftest import LAPTOP, PHONE, assert_no_axe_violations, screenshot
from tests.factories import QuizFactory, QuizQuestionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "motdepasse-prof-42"


@pytest.fixture
def quiz(transactional_db):
    call_command("loaddata", "course", verbosity=0)
    teacher = teacher_create(username="prof", password=PASSWORD)
    quiz = QuizFactory(title="Taux de l’e-mailing", created_by=teacher, is_published=False)
    QuizQuestionFactory(quiz=quiz, order=1, kpi_slug="taux-clics", difficulty=2)
    QuizQuestionFactory(
        quiz=quiz, order=2, concept=True, concept_question=ConceptQuestion.objects.first()
    )
    return quiz


def sign_in(page, base: str) -> None:
    page.goto(f"{base}/admin/login/?next=/admin/quiz/quiz/")
    page.get_by_label("Nom d’utilisateur").fill("prof")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()


def test_quiz_admin_pages_and_preview(live_server, browser, axe, quiz):
    base = live_server.url
    page = browser.new_context(viewport=LAPTOP).new_page()
    sign_in(page, base)
    expect(page.get_by_role("link", name="Taux de l’e-mailing", exact=True)).to_be_visible()
    assert_no_axe_violations(axe, page)
    screenshot(page, "authoring-list-1280")

    page.get_by_role("link", name="Taux de l’e-mailing", exact=True).click()
    expect(page.locator("#questions-1")).to_be_attached()
    numeric, concept = page.locator(".quiz-questions .inline-related:not(.empty-form)").all()[:2]
    expect(numeric.get_by_label("Indicateur")).to_be_visible()
    expect(numeric.get_by_label("Question de la banque")).to_be_hidden()
    expect(concept.get_by_label("Question de la banque")).to_be_visible()
    expect(concept.get_by_label("Indicateur")).to_be_hidden()
    assert_no_axe_violations(axe, page)
    screenshot(page, "authoring-change-form-1280")
    bank = concept.get_by_label("Question de la banque")
    shown = "s => [...s.options].filter(o => o.value && !o.hidden).length"
    everything = bank.evaluate(shown)
    concept.get_by_label("Chercher dans la banque (leçon ou énoncé)").fill("ROI")
    assert 0 < bank.evaluate(shown) < everything
    concept.get_by_label("Chercher dans la banque (leçon ou énoncé)").fill("")

    numeric.get_by_label("Valeur de la tolérance").fill("0,05")
    numeric.get_by_label("Arrondi demandé").select_option("1")
    concept.get_by_role("button", name="Monter la question").click()
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("modifié")
    numeric_question = QuizQuestion.objects.get(quiz=quiz, kind="numeric")
    assert numeric_question.tolerance == Decimal("0.05") and numeric_question.decimals == 1
    assert numeric_question.order == 2  # the concept question moved up

    page.goto(f"{base}/admin/quiz/quiz/{quiz.pk}/change/")
    page.get_by_role("link", name="Aperçu").first.click()
    expect(page.get_by_role("heading", name="Aperçu de « Taux de l’e-mailing »")).to_be_visible()
    expect(page.get_by_text("arrondi au dixième (0,1\u202f%)")).to_be_visible()
    assert_no_axe_violations(axe, page)
    screenshot(page, "authoring-preview-1280")
    article = page.locator(f"#question-{numeric_question.pk}")
    statement = article.locator(".statement").inner_text()
    article.get_by_role("link", name="Autre variante de la question 2").click()
    expect(article.locator(".statement")).not_to_have_text(statement)
    assert page.url.endswith("/apercu/")  # swapped by htmx, not a new page
    expect(article.get_by_role("link", name="Autre variante de la question 2")).to_be_visible()
    page.get_by_role("button", name="Publier ce quiz").click()
    expect(page.get_by_role("status")).to_contain_text("est publié")
    quiz.refresh_from_db()
    assert quiz.is_published

    phone = browser.new_context(viewport=PHONE).new_page()
    sign_in(phone, base)
    phone.goto(f"{base}/enseignant/quiz/{quiz.pk}/apercu/")
    assert_no_axe_violations(axe, phone)
    screenshot(phone, "authoring-preview-390")
    phone.goto(f"{base}/admin/quiz/quiz/{quiz.pk}/change/")
    screenshot(phone, "authoring-change-form-390")


def test_colleague_reads_the_quiz_and_copies_it(live_server, browser, axe, quiz):
    teacher_create(username="collegue", password=PASSWORD)
    page = browser.new_context(viewport=LAPTOP).new_page()
    page.goto(f"{live_server.url}/admin/login/?next=/admin/quiz/quiz/{quiz.pk}/change/")
    page.get_by_label("Nom d’utilisateur").fill("collegue")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    expect(page.get_by_text("Ce quiz est celui d’un collègue")).to_be_visible()
    expect(page.get_by_role("textbox", name="Titre")).to_have_count(0)
    expect(page.get_by_text("Taux de clics", exact=True)).to_be_visible()  # the numeric fields
    assert_no_axe_violations(axe, page)
    screenshot(page, "authoring-read-only-1280")
    page.get_by_role("link", name="Aperçu").first.click()
    page.get_by_role("button", name="Dupliquer ce quiz").click()
    expect(
        page.get_by_role("heading", name="Aperçu de « Taux de l’e-mailing (copie) »")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Publier ce quiz")).to_be_visible()
