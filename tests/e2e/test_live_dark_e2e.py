"""The live screens in a dim room: axe finds nothing in the dark colour scheme on the join form,
the phone's waiting room, question and correction, and on the projector (dark by design)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quiz.live import sessions
from quiz.models import LiveSession
from tests.e2e.conftest import PHONE, assert_no_axe_violations, screenshot
from tests.factories import TeacherFactory, numeric_and_concept_quiz

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def session(transactional_db):
    from django.core.management import call_command

    call_command("loaddata", "course", verbosity=0)
    teacher = TeacherFactory(username="prof", password="motdepasse-prof-42")
    return sessions.session_create(quiz=numeric_and_concept_quiz(), owner=teacher)


def test_the_live_screens_pass_axe_in_the_dark(live_server, browser, axe, session):
    phone = browser.new_context(viewport=PHONE, color_scheme="dark", locale="fr-FR").new_page()
    wall = browser.new_context(
        viewport={"width": 1280, "height": 720}, color_scheme="dark", locale="fr-FR"
    ).new_page()
    try:
        phone.goto(f"{live_server.url}/rejoindre/?pin={session.pin}")
        assert_no_axe_violations(axe, phone)
        phone.get_by_label("Pseudo").fill("Léa")
        phone.get_by_role("button", name="Rejoindre").click()
        expect(phone.get_by_role("heading", name=re.compile("Bienvenue"))).to_be_visible()
        assert_no_axe_violations(axe, phone)

        teacher = session.owner
        sessions.session_advance(session=session, user=teacher, now=timezone.now())
        expect(phone.locator("[data-kpi]")).to_be_visible(timeout=5000)
        assert_no_axe_violations(axe, phone)
        phone.locator("#answer").fill("1")
        phone.get_by_role("button", name="Valider").click()
        expect(phone.get_by_role("heading", name="Réponse enregistrée")).to_be_visible()
        fresh = LiveSession.objects.get(pk=session.pk)
        sessions.session_close_question(session=fresh, user=teacher, now=timezone.now())
        expect(phone.locator(".answer-pair")).to_be_visible(timeout=5000)
        assert_no_axe_violations(axe, phone)
        screenshot(phone, "live-dark-correction-390")

        wall.context.add_cookies(_teacher_cookies(live_server, wall, teacher))
        wall.goto(f"{live_server.url}/animer/{session.pk}/")
        expect(wall.get_by_text(session.pin).first).to_be_visible()
        assert_no_axe_violations(axe, wall)
        screenshot(wall, "live-dark-projector-1280x720")
    finally:
        phone.context.close()
        wall.context.close()


def _teacher_cookies(live_server, page, teacher) -> list[dict]:
    """The teacher's session cookie, made by Django's test client (no sign-in form to fill)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(teacher)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [{"name": settings.SESSION_COOKIE_NAME, "value": value, "url": live_server.url}]
