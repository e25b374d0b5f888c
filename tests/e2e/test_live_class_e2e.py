"""A live game as a real class plays it, in Chromium: the projector at 1280×720 and six phones at
390 px. One phone is lost mid-question: its student comes back on a new browser with the PIN,
the same pseudo and the code de reprise, and keeps their points — no ghost on the board.

The projector's markup changes often: the game is driven by its forms (`action=advance|close`
posted to /animer/<id>/action/), found by their fields rather than by their look."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from calculators.kpis import get_kpi
from courses.models import QuestionOption
from quiz.models import LiveAnswer, LiveSession, Player
from tests.e2e.conftest import PHONE, assert_no_axe_violations, screenshot, write_while_serving
from tests.factories import COURSE_CONCEPT_QUESTION, TeacherFactory, numeric_and_concept_quiz

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WALL = {"width": 1280, "height": 720}
PSEUDOS = ("Léa", "Tom", "Zoé", "Max", "Inès", "Noé")
WRONG = "Tom"  # forgets the × 100
LOST = "Noé"  # their phone dies after answering
POLL = 5000  # ms: a screen follows the game through its one-second poll


@pytest.fixture
def live_quiz(transactional_db):
    call_command("loaddata", "course", verbosity=0)
    TeacherFactory(username="prof", password="motdepasse-prof-42")
    return numeric_and_concept_quiz(title="Réactivité en classe", kpi_slug="taux-reactivite")


def act(wall, base: str, session: LiveSession, action: str) -> None:
    """Press the projector's button for `action`; if it cannot be found, post the same form
    with the page's cookies and CSRF token."""
    button = wall.locator(f"form:has(input[name='action'][value='{action}']) button[type=submit]")
    visible = [b for b in button.all() if b.is_visible() and b.is_enabled()]
    if visible:
        visible[0].click()
    else:
        post_action(wall, base, session, action)


def post_action(wall, base: str, session: LiveSession, action: str) -> None:
    """The projector's form as a request of the teacher's browser (its cookies, its token)."""
    token = next(c["value"] for c in wall.context.cookies() if c["name"] == "csrftoken")
    response = wall.request.post(
        f"{base}/animer/{session.pk}/action/",
        form={"action": action, "csrfmiddlewaretoken": token},
        headers={"X-CSRFToken": token, "Referer": wall.url},
    )
    assert response.ok, response.status
    wall.reload()


def given_values(phone) -> dict[str, Decimal]:
    found = phone.locator("#live-main data[data-name]")
    return {
        found.nth(i).get_attribute("data-name"): Decimal(found.nth(i).get_attribute("value"))
        for i in range(found.count())
    }


def numeric_answer(phone, *, wrong: bool) -> str:
    """The catalogue's formula on this phone's own numbers (or its forgotten-× 100 mistake)."""
    kpi = get_kpi(phone.locator("form[data-kpi]").get_attribute("data-kpi"))
    values = given_values(phone)
    if wrong:
        mistake = next(m for m in kpi.mistakes if m.code == "forgot-x100")
        return f"{round(mistake.value(values), 4):f}".replace(".", ",")
    return f"{kpi.compute(values).value:f}".replace(".", ",")


def join(new_context, base: str, pin: str, pseudo: str, rejoin_code: str = ""):
    context = new_context(viewport=PHONE, locale="fr-FR")
    phone = context.new_page()
    phone.goto(f"{base}/rejoindre/?pin={pin}")
    expect(phone.get_by_label("Code de la session")).to_have_value(pin)
    phone.get_by_label("Pseudo").fill(pseudo)
    if rejoin_code:
        phone.get_by_text("Je reprends ma partie sur un autre appareil").click()
        phone.get_by_label("Code de reprise").fill(rejoin_code)
    phone.get_by_role("button", name="Rejoindre").click()
    expect(phone.locator(".live-pseudo")).to_have_text(pseudo)
    return context, phone


def score_text(phone) -> str:
    return phone.locator(".live-score").inner_text()


def test_a_class_of_six_phones_and_a_lost_one(live_server, new_context, axe, live_quiz):
    base = live_server.url
    wall_context = new_context(viewport=WALL, locale="fr-FR")
    wall = wall_context.new_page()
    wall.goto(f"{base}/admin/login/?next=/animer/")
    wall.get_by_label("Nom d’utilisateur").fill("prof")
    wall.get_by_label("Mot de passe").fill("motdepasse-prof-42")
    wall.get_by_role("button", name="Connexion").click()
    wall.get_by_role("button", name="Lancer en direct").first.click()
    expect(wall).to_have_url(re.compile(r"/animer/\d+/$"))
    session = LiveSession.objects.get()
    pin = session.pin
    expect(wall.get_by_text(pin).first).to_be_visible()

    # Six phones join with the PIN.
    phones: dict[str, tuple] = {}
    for pseudo in PSEUDOS:
        if pseudo == PSEUDOS[0]:
            probe = new_context(viewport=PHONE).new_page()
            probe.goto(f"{base}/rejoindre/?pin={pin}")
            expect(probe.locator("details", has_text="Je reprends ma partie")).to_have_count(1)
            assert_no_axe_violations(axe, probe)
            screenshot(probe, "live-class-join-390")
            probe.context.close()
        phones[pseudo] = join(new_context, base, pin, pseudo)
    lea = phones["Léa"][1]
    expect(lea.locator('nav[aria-label="Navigation principale"]')).to_have_count(0)
    for pseudo in PSEUDOS:
        expect(wall.locator("#live-main")).to_contain_text(pseudo, timeout=POLL)
    assert_no_axe_violations(axe, wall)
    screenshot(wall, "live-class-lobby-1280x720")

    act(wall, base, session, "advance")
    for _, phone in phones.values():
        expect(phone.locator("form[data-kpi='taux-reactivite']")).to_be_visible(timeout=POLL)
    expect(wall.locator("#live-main")).to_contain_text("0 / 6", timeout=POLL)
    assert_no_axe_violations(axe, wall)
    form = lea.locator("form[data-kpi]")
    expect(form.locator("input[type=hidden][name=question]")).to_have_value("0")
    expect(lea.locator("#live-announce")).to_have_attribute("role", "status")
    expect(lea.locator("#live-announce")).to_contain_text(re.compile(r"Question 1 sur 2"))
    expect(lea.locator('nav[aria-label="Navigation principale"]')).to_have_count(0)
    assert_no_axe_violations(axe, lea)
    screenshot(lea, "live-class-question-390")

    # Everyone answers from their own numbers; Tom forgets the × 100.
    own_answers = {}
    for pseudo, (_, phone) in phones.items():
        own_answers[pseudo] = numeric_answer(phone, wrong=pseudo == WRONG)
        phone.get_by_label(re.compile("^Votre réponse")).fill(own_answers[pseudo])
        phone.get_by_role("button", name="Valider").click()
        expect(phone.get_by_role("heading", name="Réponse enregistrée")).to_be_visible()
    expect(wall.locator("#live-main")).to_contain_text("6 / 6", timeout=POLL)

    # Noé's phone dies. A new browser: the PIN, the same pseudo, the code read on the old screen.
    old_context, old_phone = phones[LOST]
    code = old_phone.locator("[data-rejoin-code]").get_attribute("data-rejoin-code")
    assert code and len(code) >= 4
    old_context.close()
    phones[LOST] = join(new_context, base, pin, LOST, rejoin_code=code)
    noe = phones[LOST][1]
    expect(noe.get_by_role("heading", name="Réponse enregistrée")).to_be_visible()
    assert Player.objects.filter(session=session).count() == 6, "no ghost"
    expect(wall.locator("#live-main")).to_contain_text("6 / 6", timeout=POLL)

    act(wall, base, session, "close")
    expect(wall.locator("svg.chart")).to_be_visible(timeout=POLL)
    expect(wall.locator("#live-main")).to_contain_text("6 / 6")
    assert_no_axe_violations(axe, wall)
    screenshot(wall, "live-class-correction-1280x720")

    # Each phone: the verdict, their own answer beside the right one, the points in French.
    for pseudo, (_, phone) in phones.items():
        feedback = phone.locator("#feedback")
        verdict = "incorrect" if pseudo == WRONG else "correct"
        expect(feedback).to_have_attribute("data-verdict", verdict, timeout=POLL)
        expect(feedback.locator(".own-answer")).to_have_text(own_answers[pseudo])
        expect(feedback.locator(".expected")).to_have_text(re.compile(r"\d+,\d{2}\u202f%"))
    tom = phones[WRONG][1]
    expect(tom.locator("#feedback")).to_have_attribute("data-diagnosis", "forgot-x100")
    assert re.match(r"0\u00a0point, 6", score_text(tom)), score_text(tom)
    for phone in (lea, noe):
        assert re.match(r"1\u202f000\u00a0points, [1-5]", score_text(phone)), score_text(phone)
    expect(noe.locator("#live-announce")).to_contain_text("Correction de la question 1")
    expect(noe.locator("#live-announce")).to_contain_text("bonne réponse")
    assert_no_axe_violations(axe, noe)
    screenshot(noe, "live-class-rejoined-correction-390")
    assert_no_axe_violations(axe, tom)
    screenshot(tom, "live-class-wrong-correction-390")
    # The singular holds for one point too (no scoring gives 1: written straight to the table).
    write_while_serving(LiveAnswer.objects.filter(player__pseudo=WRONG).update, points=1)
    tom.reload()
    assert re.match(r"1\u00a0point, 6", score_text(tom)), score_text(tom)
    write_while_serving(LiveAnswer.objects.filter(player__pseudo=WRONG).update, points=0)

    # The players' list: six, Noé once, with their points.
    roster = wall_context.new_page()
    roster.goto(f"{base}/animer/{session.pk}/joueurs/")
    expect(roster.locator("tr[data-player]")).to_have_count(6)
    expect(roster.locator("tr[data-player]", has_text=LOST)).to_have_count(1)
    expect(roster.locator("tr[data-player]", has_text=LOST)).to_contain_text("1\u202f000")
    roster.close()

    # The concept question: a click on an option's label (Tom picks a wrong one).
    act(wall, base, session, "advance")
    options = QuestionOption.objects.filter(question_id=COURSE_CONCEPT_QUESTION)
    right, wrong = options.get(is_correct=True), options.filter(is_correct=False).first()
    for pseudo, (_, phone) in phones.items():
        expect(phone.locator("form.game-answer")).to_be_visible(timeout=POLL)
        expect(phone.locator("input[type=hidden][name=question]")).to_have_value("1")
        pick = wrong if pseudo == WRONG else right
        phone.locator(f"label[for='choice-{pick.pk}']").click()
        phone.get_by_role("button", name="Valider").click()
        expect(phone.get_by_role("heading", name="Réponse enregistrée")).to_be_visible()
    post_action(wall, base, session, "close")  # the same as the button, without it
    expect(noe.locator("#feedback")).to_have_attribute("data-verdict", "correct", timeout=POLL)
    assert re.match(r"2\u202f000\u00a0points", score_text(noe)), score_text(noe)

    act(wall, base, session, "advance")  # the podium
    expect(wall.get_by_role("heading", name="Podium")).to_be_visible(timeout=POLL)
    standings = wall.locator(".podium-steps li, .podium-rest li")
    expect(standings).to_have_count(6)
    wall.wait_for_timeout(1000)  # the steps rise
    expect(standings.filter(has_text=LOST)).to_have_count(1)
    assert_no_axe_violations(axe, wall)
    screenshot(wall, "live-class-podium-1280x720")
    for _, phone in phones.values():
        expect(phone.get_by_role("heading", name="Fin du quiz")).to_be_visible(timeout=POLL)
    assert Player.objects.filter(session=session).count() == 6

    # Everyone on the podium's screen can read their name: nothing covers the rest of the board.
    covered = [
        row.inner_text()
        for row in wall.locator(".podium-rest li").all()
        if not row.evaluate(
            "row => { const box = row.getBoundingClientRect();"
            " const hit = document.elementFromPoint(box.x + 10, box.y + box.height / 2);"
            " return row.contains(hit); }"
        )
    ]
    assert not covered, f"the projector's podium at 1280×720: {covered} under `.wall-actions`"
