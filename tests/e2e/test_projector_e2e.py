"""The projector as a wall shows it (1280×720 and 1920×1080): no site navigation, the PIN in a
corner all game long, the countdown, the chart, the actions in the viewport, the podium's steps,
the teacher's keys, the question before ending. Players and answers are written straight to the
database: the phones' side has its own browser tests (test_live_e2e.py)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quiz.models import LiveAnswer, LiveSession, Player
from tests.e2e.conftest import (
    assert_no_axe_violations,
    log_in_to_animate,
    screenshot,
    write_while_serving,
)
from tests.factories import PlayerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WALL = {"width": 1280, "height": 720}
BIG_WALL = {"width": 1920, "height": 1080}


def answer(
    player: Player, index: int, *, right: bool, ms: int, diagnosis: str = "", chosen=()
) -> None:
    LiveAnswer.objects.create(
        chosen_option_ids=list(chosen),
        session=player.session,
        player=player,
        question_index=index,
        answer="12,5" if right else "0,12",
        verdict="correct" if right else "incorrect",
        diagnosis=diagnosis,
        points=1000 if right else 0,
        response_ms=ms,
        answered_at=timezone.now(),
    )


def in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= size["height"]
        and box["x"] + box["width"] <= size["width"]
    )


def test_a_game_on_the_projector(live_server, browser, axe, live_quiz):
    base = live_server.url
    context = browser.new_context(viewport=WALL)
    wall = context.new_page()
    log_in_to_animate(wall, base)
    wall.get_by_role("button", name="Lancer en direct").click()
    session = LiveSession.objects.get()
    pin = wall.locator(".pin").inner_text().strip()
    assert pin == session.pin
    # A screen of its own: no site navigation, no footer; the PIN in the corner.
    expect(wall.get_by_role("navigation")).to_have_count(0)
    expect(wall.locator(".site-footer")).to_have_count(0)
    expect(wall.locator(".corner-pin")).to_have_text(session.pin)
    expect(wall.get_by_role("button", name="Commencer")).to_be_disabled()

    lea = PlayerFactory(session=session, pseudo="Léa")
    expect(wall.get_by_role("button", name="Commencer")).to_be_enabled(timeout=4000)
    # A join while the teacher's focus is on a button: the focus stays there.
    wall.get_by_role("button", name="Commencer").focus()
    tom, zoe, max_ = (PlayerFactory(session=session, pseudo=p) for p in ("Tom", "Zoé", "Max"))
    expect(wall.locator(".pseudos")).to_contain_text("Max", timeout=4000)
    assert wall.evaluate("document.activeElement.id") == "action-advance"
    expect(wall.locator("#wall-announce")).to_have_text("")  # joins are not announced
    wall.evaluate("document.activeElement.blur()")
    expect(wall.get_by_role("button", name="Commencer")).to_be_enabled()
    assert_no_axe_violations(axe, wall)
    screenshot(wall, "projector-lobby-1280x720")

    # Space starts the game (the key is shown beside the button).
    expect(wall.locator(".shortcut-hint")).to_contain_text("Espace")
    wall.keyboard.press("Space")
    expect(wall.locator(".wall-clock")).to_be_visible(timeout=4000)
    assert in_viewport(wall, wall.locator(".corner-pin")), "the PIN stays in the corner"
    first = int(wall.locator(".wall-clock-number").inner_text())
    expect(wall.locator(".wall-clock-number")).not_to_have_text(str(first), timeout=3000)
    assert in_viewport(wall, wall.get_by_role("button", name="Arrêter et corriger"))

    # « Terminer la session » asks first, and the question survives the polls.
    wall.get_by_text("Terminer la session", exact=True).click()
    confirm = wall.get_by_role("button", name="Oui, terminer la session")
    expect(confirm).to_be_visible()
    answer(lea, 0, right=True, ms=4000)
    expect(wall.locator(".answered")).to_contain_text("1 / 4", timeout=4000)
    expect(confirm).to_be_visible()
    wall.get_by_role("button", name="Annuler").click()
    expect(confirm).to_be_hidden()
    assert_no_axe_violations(axe, wall)
    screenshot(wall, "projector-question-1280x720")

    answer(tom, 0, right=True, ms=6000)
    answer(zoe, 0, right=True, ms=9000)
    answer(max_, 0, right=False, ms=3000, diagnosis="forgot-x100")
    write_while_serving(LiveSession.objects.update, question_deadline=timezone.now())
    expect(wall.locator("svg.chart")).to_be_visible(timeout=4000)
    expect(wall.get_by_role("table", name="Répartition des réponses")).to_contain_text("1 élève")
    expect(wall.locator("#wall-announce")).to_have_text(re.compile("correction affichée"))
    following = wall.get_by_role("button", name="Question suivante")
    assert in_viewport(wall, following), "« Question suivante » without scrolling"
    assert in_viewport(wall, wall.locator(".corner-pin"))
    assert_no_axe_violations(axe, wall)
    screenshot(wall, "projector-correction-1280x720")
    wall.set_viewport_size({"width": 1280, "height": 800})
    assert in_viewport(wall, following)
    wall.set_viewport_size(WALL)
    big = context.new_page()
    big.set_viewport_size(BIG_WALL)
    big.goto(wall.url)
    assert in_viewport(big, big.get_by_role("button", name="Question suivante"))
    screenshot(big, "projector-correction-1920x1080")

    # → goes on: the concept question with its lettered options.
    wall.keyboard.press("ArrowRight")
    expect(wall.locator(".wall-option").first).to_be_visible(timeout=4000)
    expect(wall.locator(".option-letter").first).to_have_text("A")
    expect(wall.locator("#wall-announce")).to_have_text(re.compile("Question 2 sur 2 lancée"))
    screenshot(wall, "projector-concept-1280x720")
    options = LiveSession.objects.get().quiz.questions.get(order=2).concept_question.options
    answer(lea, 1, right=True, ms=2000, chosen=[options.get(is_correct=True).pk])
    answer(max_, 1, right=False, ms=2500, chosen=[options.filter(is_correct=False)[0].pk])
    wall.get_by_role("button", name="Arrêter et corriger").click()
    expect(wall.locator("svg.chart")).to_be_visible(timeout=4000)
    assert in_viewport(wall, wall.get_by_role("button", name="Voir le podium"))
    screenshot(wall, "projector-concept-correction-1280x720")

    wall.keyboard.press("Space")
    expect(wall.get_by_role("heading", name="Podium")).to_be_visible(timeout=4000)
    steps = [wall.locator(f".podium-step-{rank}") for rank in (1, 2, 3)]
    expect(steps[0]).to_contain_text("Léa")
    expect(steps[1]).to_contain_text("Tom")
    expect(steps[2]).to_contain_text("Zoé")
    wall.wait_for_timeout(1000)  # the steps rise (no motion when reduced motion is asked)
    boxes = [step.locator(".podium-block").bounding_box() for step in steps]
    assert boxes[1]["x"] < boxes[0]["x"] < boxes[2]["x"], "2 – 1 – 3 from left to right"
    assert boxes[0]["height"] > boxes[1]["height"] > boxes[2]["height"]
    expect(wall.locator(".podium-steps")).not_to_contain_text("Max")  # 0 points: no step
    expect(wall.locator(".podium-rest")).to_contain_text("Max")
    assert in_viewport(wall, wall.get_by_role("link", name="Résultats détaillés"))
    assert_no_axe_violations(axe, wall)
    screenshot(wall, "projector-podium-1280x720")
    big.reload()
    expect(big.locator(".podium-step-1")).to_contain_text("Léa")
    big.wait_for_timeout(1500)
    screenshot(big, "projector-podium-1920x1080")

    # The results: every answer of every player, question by question.
    wall.get_by_role("link", name="Résultats détaillés").click()
    expect(wall.get_by_role("table", name="Réponses à la question 1")).to_contain_text("Max")
    wall.set_viewport_size({"width": 1280, "height": 800})
    assert_no_axe_violations(axe, wall)
    screenshot(wall, "projector-results-1280")
    context.close()


def test_the_projector_on_a_phone_and_with_reduced_motion(live_server, browser, live_quiz):
    """A teacher driving from a phone gets one column; reduced motion stops the podium's rise."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, reduced_motion="reduce")
    page = context.new_page()
    log_in_to_animate(page, live_server.url)
    page.get_by_role("button", name="Lancer en direct").click()
    # The launch navigates to the projector: wait for it before reading the session and reloading
    # (a reload during that navigation finds no page to reload).
    page.wait_for_url(re.compile(r"/animer/\d+/$"))
    session = LiveSession.objects.get()
    lea = PlayerFactory(session=session, pseudo="Léa")
    page.goto(page.url)
    screenshot(page, "projector-lobby-390")
    page.get_by_role("button", name="Commencer").click()
    expect(page.locator(".wall-clock")).to_be_visible()
    answer(lea, 0, right=True, ms=1000)
    write_while_serving(LiveSession.objects.update, question_deadline=timezone.now())
    expect(page.locator("svg.chart")).to_be_visible(timeout=4000)
    screenshot(page, "projector-correction-390")
    page.get_by_text("Terminer la session", exact=True).click()
    page.get_by_role("button", name="Oui, terminer la session").click()
    expect(page.get_by_role("heading", name="Podium")).to_be_visible()
    animation = page.locator(".podium-block").first.evaluate(
        "element => getComputedStyle(element).animationName"
    )
    assert animation == "none"
    screenshot(page, "projector-podium-390")
    context.close()
