"""« Préparez-vous » in a browser: the teacher launches the question, the wall and a phone count
3-2-1 with the question already in the page, and both show it when it opens, without a request."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from quiz.models import LiveSession
from tests.e2e.conftest import PHONE, assert_no_axe_violations, log_in_to_animate, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WALL = {"width": 1280, "height": 720}
BIG_WALL = {"width": 1920, "height": 1080}


def test_the_wall_and_a_phone_count_down_then_open_the_question_together(
    live_server, new_context, axe, live_quiz, settings
):
    settings.LIVE_QUESTION_LEAD_SECONDS = 5  # production's 3 s, plus time for the checks below
    base = live_server.url
    wall = new_context(viewport=WALL).new_page()
    log_in_to_animate(wall, base)
    wall.get_by_role("button", name="Lancer en direct").click()
    pin = LiveSession.objects.get().pin
    phone = new_context(viewport=PHONE).new_page()
    phone.goto(f"{base}/rejoindre/?pin={pin}")
    phone.get_by_label("Pseudo").fill("Léa")
    phone.get_by_role("button", name="Rejoindre").click()
    expect(phone.get_by_role("heading", name="Bienvenue, Léa")).to_be_visible()
    expect(wall.get_by_role("button", name="Commencer")).to_be_enabled(timeout=4000)

    polls = []  # the phone's polls, with their times in the browser's clock (ms since the epoch)
    phone.on("requestfinished", lambda r: "/session/etat/" in r.url and polls.append(r))
    wall.get_by_role("button", name="Commencer").click()
    expect(wall.locator(".wall-lead")).to_be_visible()
    expect(wall.locator(".wall-lead .lead-title")).to_have_text("Question 1 sur 2")
    # Said once: the line above the countdown does not repeat the question's number.
    expect(wall.locator(".live-progress .progress-number")).to_be_hidden()
    expect(wall.locator(".live-progress")).to_be_visible()
    expect(wall.get_by_role("button", name="Arrêter et corriger")).to_be_visible()
    expect(wall.locator(".wall-statement")).to_be_hidden()
    assert_no_axe_violations(axe, wall)
    screenshot(wall, "projector-lead-1280x720")
    wall.set_viewport_size(BIG_WALL)
    screenshot(wall, "projector-lead-1920x1080")
    wall.set_viewport_size(WALL)

    # The phone's poll (every 2 s) brings the countdown with the question, hidden until it opens.
    expect(phone.locator(".live-lead .lead-ready")).to_have_text(
        "Préparez-vous\u202f!", timeout=2500
    )
    expect(phone.get_by_role("heading", name="Question 1 sur 2")).to_be_visible()
    expect(phone.locator("form[data-kpi='taux-reactivite']")).to_be_hidden()
    assert 1 <= int(phone.locator(".live-lead .lead-number").inner_text()) <= 5
    assert_no_axe_violations(axe, phone)
    screenshot(phone, "live-lead-390")

    # It opens on both screens by itself: no request is needed (the poll stays 304).
    requests = []
    phone.on("request", lambda request: requests.append(request.url))
    expect(phone.locator("form[data-kpi='taux-reactivite']")).to_be_visible(timeout=6000)
    expect(wall.locator(".wall-statement")).to_be_visible(timeout=1000)
    expect(wall.locator(".wall-lead")).to_be_hidden()
    expect(wall.locator(".live-progress .progress-number")).to_have_text("Question 1 sur 2 · ")
    expect(phone.locator(".live-lead")).to_be_hidden()
    expect(phone.locator("#live-announce")).to_contain_text("Question 1 sur 2 ouverte")
    # Nothing to ask during the countdown: the phone's poller stays quiet from the screen that
    # brought it to the instant the question opens (static/js/live-player.js), then polls again.
    opened_at = phone.evaluate("Date.now()")
    brought = [r for r in polls if r.response() and r.response().status == 200]
    assert len(brought) == 1
    lead_from = brought[0].timing["startTime"] + brought[0].timing["responseEnd"]
    quiet = [r for r in polls if lead_from < r.timing["startTime"] < opened_at - 500]
    assert quiet == [], [r.timing["startTime"] - lead_from for r in quiet]
    if not any(r.timing["startTime"] > lead_from for r in polls):  # it polls again once open
        phone.wait_for_event("requestfinished", lambda r: "/session/etat/" in r.url, timeout=3000)
    assert not any("/session/repondre/" in url for url in requests)
    seconds = int(phone.locator(".countdown").inner_text().rstrip("\u202fs"))
    assert 85 <= seconds <= 90  # the question's whole time, counted from when it opened
    clicks = float(phone.locator("data[data-name='clicks']").get_attribute("value"))
    opened = float(phone.locator("data[data-name='opened']").get_attribute("value"))
    phone.get_by_label("Votre réponse").fill(f"{clicks / opened * 100:.2f}".replace(".", ","))
    phone.get_by_role("button", name="Valider").click()
    expect(phone.get_by_role("heading", name="Réponse enregistrée")).to_be_visible()
    screenshot(phone, "live-lead-answered-390")
    screenshot(wall, "projector-lead-open-1280x720")
