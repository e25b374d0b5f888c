"""Worksheets in a browser: a teacher asks for three sheets from the form, reads them on a phone
and a laptop, prints the page to PDF with Chromium (one page per sheet, then the key), and the
server's PDF (WeasyPrint) has as many pages."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LAPTOP, PHONE, assert_no_axe_violations, screenshot
from tests.factories import QuizFactory, QuizQuestionFactory, TeacherFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "motdepasse-prof-42"


@pytest.fixture
def quiz(transactional_db):
    author = TeacherFactory(username="prof", password=PASSWORD)
    quiz = QuizFactory(title="Fiches d’e-mailing", created_by=author)
    QuizQuestionFactory(quiz=quiz, order=1, kpi_slug="taux-clics", difficulty=2)
    QuizQuestionFactory(quiz=quiz, order=2, concept=True)
    QuizQuestionFactory(quiz=quiz, order=3, kpi_slug="cpm", difficulty=1)
    return quiz


def test_three_sheets_print_on_three_pages_then_the_key(live_server, browser, axe, quiz):
    pypdf = pytest.importorskip("pypdf")
    context = browser.new_context(viewport=LAPTOP, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/enseignant/quiz/{quiz.pk}/fiches/")
    page.get_by_label("Nom d’utilisateur").fill("prof")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    expect(page.get_by_role("heading", name="Fiches à imprimer")).to_be_visible()
    assert_no_axe_violations(axe, page)
    page.get_by_label("Nombre de fiches (de 1 à 60)").fill("3")
    page.get_by_role("button", name="Préparer les fiches", exact=True).click()
    expect(page.locator("section.worksheet")).to_have_count(3)
    expect(page.locator("section.answer-key [data-value]")).to_have_count(6)
    assert_no_axe_violations(axe, page)
    screenshot(page, "worksheets-1280")

    printed = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(printed.pages) == 4  # three sheets, one page each, then the key
    assert "Corrigé" in printed.pages[3].extract_text()
    assert "Télécharger en PDF" not in printed.pages[0].extract_text()  # no toolbar on paper

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger en PDF").click()
    server_pdf = pypdf.PdfReader(download.value.path())
    assert len(server_pdf.pages) == len(printed.pages)
    for browser_page, server_page in zip(printed.pages, server_pdf.pages, strict=True):
        first_line = browser_page.extract_text().split("\n")[0]
        assert first_line.split()[0] in server_page.extract_text()

    phone = context.new_page()
    phone.set_viewport_size(PHONE)
    phone.goto(page.url)
    expect(phone.locator("section.worksheet").first).to_be_visible()
    screenshot(phone, "worksheets-390")
