"""What the automatic audits miss, checked in Chromium: axe in both colour schemes, verdicts not
by colour alone, the calculator's one-sentence announcement and its patience while a number is
typed, failed htmx requests told in French (and recovered from), print, the installable app."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from quiz.models import AttemptItem
from quiz.teaching import accounts, classes
from tests.e2e.conftest import LAPTOP, PHONE, assert_no_axe_violations, screenshot
from tests.factories import TeacherFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
TEACHER_PASSWORD = "motdepasse-prof-42"
SCHEMES = ["light", "dark"]


@pytest.fixture
def course(transactional_db):
    call_command("loaddata", "course", verbosity=0)


@pytest.fixture
def school_class(course):
    teacher = TeacherFactory(username="prof", password=TEACHER_PASSWORD)
    school_class = classes.class_create(teacher=teacher, name="BTS NDRC 1")
    accounts.student_enrol(student=UserFactory(username="lea"), school_class=school_class)
    return school_class


def sign_in_teacher(page, base: str) -> None:
    page.goto(f"{base}/enseignant/")
    page.get_by_label("Nom d’utilisateur").fill("prof")
    page.get_by_label("Mot de passe").fill(TEACHER_PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    expect(page.get_by_role("heading", name="Espace enseignant")).to_be_visible()


def current_item(page) -> AttemptItem:
    attempt_id, position = page.url.rstrip("/").split("/")[-2:]
    return AttemptItem.objects.get(attempt_id=attempt_id, position=int(position))


def answer_concept_question_wrongly(page, base: str) -> AttemptItem:
    """A series on a lesson without KPIs (concept questions only); the first one answered wrong."""
    page.goto(f"{base}/cours/rgpd-consentement/")
    page.get_by_role("button", name="Je m’entraîne sur cette leçon").click()
    expect(page.get_by_role("button", name="Valider")).to_be_visible()
    item = current_item(page)
    options = list(item.concept_question.options.all())
    right = [option for option in options if option.is_correct]
    wrong = [option for option in options if not option.is_correct]
    page.locator(f"#choice-{wrong[0].pk}").check()
    page.get_by_role("button", name="Valider").click()
    expect(page.locator("#feedback")).to_have_attribute("data-verdict", "incorrect")
    item.right_options, item.wrong_option = right, wrong[0]  # for the caller's checks
    return item


def luminance(css_colour: str) -> float:
    red, green, blue = (int(part) / 255 for part in re.findall(r"\d+", css_colour)[:3])

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first: str, second: str) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_main_pages_pass_axe_in_both_colour_schemes(live_server, page, axe, school_class, scheme):
    base = live_server.url
    page.emulate_media(color_scheme=scheme)
    for viewport in (PHONE, LAPTOP):
        page.set_viewport_size(viewport)
        for path in (
            "/",
            "/cours/",
            "/cours/mesurer-emailing/",
            "/calculateurs/",
            "/calculateurs/cpm/?budget=200&impressions=10000",
            "/entrainement/kpi/cpm/",
            "/hors-ligne/",
        ):
            page.goto(f"{base}{path}")
            assert_no_axe_violations(axe, page)
        answer_concept_question_wrongly(page, base)
        assert_no_axe_violations(axe, page)
        screenshot(page, f"a11y-feedback-{scheme}-{viewport['width']}")
    sign_in_teacher(page, base)
    for viewport in (PHONE, LAPTOP):
        page.set_viewport_size(viewport)
        for path in ("/enseignant/", f"/enseignant/classes/{school_class.pk}/"):
            page.goto(f"{base}{path}")
            assert_no_axe_violations(axe, page)
    screenshot(page, f"a11y-class-{scheme}-1280")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (luminance(background) < 0.05) is (scheme == "dark")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_verdicts_are_told_by_marks_and_words(live_server, page, course, scheme):
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size(PHONE)
    item = answer_concept_question_wrongly(page, live_server.url)
    chosen = page.locator(f"label[for='choice-{item.wrong_option.pk}']")
    expect(chosen).to_contain_text("✗ Votre choix")
    for option in item.right_options:
        expect(page.locator(f"label[for='choice-{option.pk}']")).to_contain_text("✓ Bonne réponse")
    expect(page.get_by_role("heading", level=2).first).to_contain_text("✗")
    # The two states differ by more than colour hue: 3:1 between their badges, and border styles.
    right_badge = page.locator(".verdict-right").first
    wrong_badge = page.locator(".verdict-wrong").first
    right_bg = right_badge.evaluate("e => getComputedStyle(e).backgroundColor")
    wrong_bg = wrong_badge.evaluate("e => getComputedStyle(e).backgroundColor")
    assert contrast(right_bg, wrong_bg) >= 3, (right_bg, wrong_bg)
    for badge in (right_badge, wrong_badge):
        colour, background = badge.evaluate(
            "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]"
        )
        assert contrast(colour, background) >= 4.5
    styles = page.evaluate(
        "[...document.querySelectorAll('.choice-right, .choice-wrong')]"
        ".map(e => e.className + ':' + getComputedStyle(e).borderTopStyle)"
    )
    assert any("choice-right" in s and s.endswith("solid") for s in styles)
    assert any("choice-wrong" in s and s.endswith("dashed") for s in styles)


def test_calculator_announces_only_the_result_sentence(live_server, page):
    page.goto(f"{live_server.url}/calculateurs/cpm/")
    announcement = page.locator("#calculation-announcement")
    expect(announcement).to_have_attribute("aria-live", "polite")
    assert page.locator(".calculation-live").get_attribute("aria-live") is None
    assert page.locator("#calculation[aria-live], #calculation [aria-live]").count() == 0
    page.get_by_label("Budget dépensé").fill("200")
    page.get_by_label("Impressions").fill("10 000")
    expect(announcement).to_have_text("CPM\u00a0: 20,00\u202f€")
    page.get_by_label("Impressions").fill("")
    expect(announcement).to_have_text("")
    page.get_by_label("Impressions").fill("20000")
    expect(announcement).to_have_text("CPM\u00a0: 10,00\u202f€")


def test_a_number_is_judged_only_when_the_student_pauses_or_leaves(live_server, page):
    page.goto(f"{live_server.url}/calculateurs/cpm/")
    page.evaluate(
        """() => {
        window.__errors = [];
        const error = document.getElementById('error-impressions');
        new MutationObserver(() => window.__errors.push(
            document.getElementById('error-impressions').textContent)).observe(
            error.parentNode, {subtree: true, childList: true, characterData: true});
    }"""
    )
    page.get_by_label("Budget dépensé").fill("200")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    # 400 ms between keys: every pause is longer than the 250 ms that sends the request.
    page.get_by_label("Impressions").press_sequentially("10 000", delay=400)
    expect(page.locator("#kpi-result")).to_have_attribute("data-value", "20.00")
    assert any(re.search(r"impressions=10(\+|%20)0(&|$)", url) for url in requests)
    assert not any("ambigu" in text for text in page.evaluate("window.__errors"))
    expect(page.get_by_label("Impressions")).not_to_have_attribute("aria-invalid", "true")
    # Stopping at « 10 0 »: the message comes after the pause.
    page.get_by_label("Impressions").fill("")
    page.get_by_label("Impressions").press_sequentially("10 0", delay=100)
    expect(page.locator("#error-impressions")).to_contain_text("Nombre ambigu")
    expect(page.get_by_label("Impressions")).to_have_attribute("aria-invalid", "true")
    # Leaving the field says it at once, too.
    page.get_by_label("Impressions").fill("")
    page.get_by_label("Impressions").press_sequentially("1 00")
    page.get_by_label("Impressions").press("Tab")
    expect(page.locator("#error-impressions")).to_contain_text("Nombre ambigu")


def test_failed_requests_are_told_and_the_typed_answer_is_kept(live_server, page, course):
    """The server answers 500, then the network times out: the student reads why, keeps what they
    typed, and the next try goes through."""
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/entrainement/kpi/cpm/")
    status = page.locator("#request-status")
    expect(status).to_have_attribute("aria-live", "polite")
    answer = page.get_by_label("Votre réponse")
    answer.fill("12,34")
    page.route("**/entrainement/kpi/**", lambda route: route.fulfill(status=500, body="boom"))
    page.get_by_role("button", name="Valider").click()
    expect(status).to_contain_text("Le serveur a rencontré un problème (erreur 500)")
    expect(status).to_contain_text("votre saisie est conservée")
    expect(answer).to_have_value("12,34")
    screenshot(page, "htmx-error-390")
    page.unroute("**/entrainement/kpi/**")
    page.route("**/entrainement/kpi/**", lambda route: route.abort("timedout"))
    page.get_by_role("button", name="Valider").click()
    expect(status).to_contain_text("Connexion perdue")
    expect(answer).to_have_value("12,34")
    page.unroute("**/entrainement/kpi/**")
    page.get_by_role("button", name="Valider").click()
    expect(page.locator("#feedback")).to_have_attribute("data-verdict", re.compile("correct"))
    expect(status).to_have_text("")


def test_a_failing_poll_says_it_retries_and_recovers_by_itself(live_server, page):
    page.goto(f"{live_server.url}/calculateurs/")
    failures = {"left": 3}

    def flaky(route):
        if failures["left"] > 0:
            failures["left"] -= 1
            if failures["left"] == 1:
                route.abort("timedout")
            else:
                route.fulfill(status=503, body="")
        else:
            route.continue_()

    page.route("**/healthz", flaky)
    page.evaluate(
        """() => {
        const poll = document.createElement('div');
        poll.setAttribute('hx-get', '/healthz');
        poll.setAttribute('hx-trigger', 'every 300ms');
        poll.setAttribute('hx-swap', 'none');
        document.getElementById('contenu').appendChild(poll);
        htmx.process(poll);
    }"""
    )
    status = page.locator("#request-status")
    expect(status).to_have_text("Connexion perdue\u2026 nouvel essai en cours.")
    expect(status).to_have_text("", timeout=5000)
    assert failures["left"] == 0


def test_a_lesson_prints_as_a_revision_sheet(live_server, page, course):
    page.goto(f"{live_server.url}/cours/mesurer-emailing/")  # the longest lesson
    page.emulate_media(media="print")
    for hidden in (
        page.locator(".site-header"),
        page.get_by_role("navigation", name="Navigation principale"),
        page.locator(".site-footer"),
        page.locator(".lesson-nav"),
        page.get_by_role("button", name="Je m’entraîne sur cette leçon"),
        page.get_by_role("heading", name="Pour pratiquer"),
    ):
        expect(hidden).to_be_hidden()
    for shown in ("À retenir", "Les formules", "Exemple corrigé"):
        expect(page.get_by_role("heading", name=shown)).to_be_visible()
    expect(page.get_by_text("Fiche de révision — NDRC Révisions")).to_be_visible()
    # The key points come first, right under the title.
    top = page.evaluate(
        "[...document.querySelectorAll('.lesson h2')].filter(h => h.getClientRects().length)"
        ".map(h => [h.textContent.trim(), "
        "h.getBoundingClientRect().top]).sort((a, b) => a[1] - b[1])[0][0]"
    )
    assert top == "À retenir"
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 3, pages  # the longest lesson, without navigation or buttons
    # Printed from a phone in dark mode, the sheet is still black on white.
    page.emulate_media(media="print", color_scheme="dark")
    colours = page.evaluate(
        "[getComputedStyle(document.body).color,"
        " getComputedStyle(document.querySelector('.key-points')).backgroundColor]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    page.emulate_media(media="screen")
    expect(page.locator(".site-header")).to_be_visible()
    expect(page.get_by_text("Fiche de révision — NDRC Révisions")).to_be_hidden()


def test_a_calculator_prints_its_data_and_working(live_server, page):
    page.goto(f"{live_server.url}/calculateurs/cpm/?budget=200&impressions=10000")
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", name="Calcul détaillé")).to_be_visible()
    expect(page.locator(".working")).to_be_visible()
    expect(page.get_by_label("Budget dépensé")).to_have_value("200")
    expect(page.get_by_role("button", name="Calculer")).to_be_hidden()
    expect(page.get_by_role("link", name="← Tous les calculateurs")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    assert len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4"))) == 1


def test_the_app_installs_and_shows_a_french_page_offline(live_server, browser, course):
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    manifest = page.locator("link[rel=manifest]").get_attribute("href")
    assert page.request.get(f"{live_server.url}{manifest}").json()["name"] == "NDRC Révisions"
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == f"{live_server.url}/"
    for _ in range(100):  # wait_for_function evaluates a string, which the CSP forbids
        if page.evaluate("navigator.serviceWorker.controller !== null"):
            break
        page.wait_for_timeout(100)
    cached = page.evaluate(
        "caches.keys().then(names => Promise.all(names.map(n => caches.open(n)"
        ".then(c => c.keys())))).then(lists => lists.flat().map(r => new URL(r.url).pathname))"
    )
    assert "/static/css/site.css" in cached and "/hors-ligne/" in cached
    context.set_offline(True)
    page.goto(f"{live_server.url}/cours/social-ads/")
    expect(page.get_by_role("heading", name="Vous êtes hors ligne")).to_be_visible()
    # The layout's stylesheet came from the cache: the page is styled.
    assert page.evaluate("getComputedStyle(document.body).display") == "flex"
    context.set_offline(False)
    page.goto(f"{live_server.url}/entrainement/kpi/cpm/")
    page.get_by_label("Votre réponse").fill("1")
    context.set_offline(True)
    page.get_by_role("button", name="Valider").click()  # answers are never kept offline
    expect(page.locator("#request-status")).to_contain_text("Connexion perdue")
    expect(page.get_by_label("Votre réponse")).to_have_value("1")
    context.close()
