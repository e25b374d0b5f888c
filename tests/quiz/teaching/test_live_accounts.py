"""Live games played signed in belong to the student's account: in their data download, gone
with their account."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from quiz.live import players, sessions
from quiz.models import LiveAnswer, Player
from tests.factories import numeric_and_concept_quiz
from tests.quiz.live.helpers import answer_now
from tests.quiz.teaching.conftest import STUDENT_PASSWORD, signed_up

pytestmark = pytest.mark.django_db


def test_a_signed_in_live_game_is_downloaded_and_deleted_with_the_account(
    school_class, teacher, course
):
    browser = signed_up(school_class, "lea")
    session = sessions.session_create(quiz=numeric_and_concept_quiz(), owner=teacher)
    response = browser.post("/rejoindre/", {"pin": session.pin, "pseudo": "Léa"})
    assert response.status_code == 302
    player = Player.objects.get(session=session)
    assert player.user.username == "lea"
    anonymous = players.player_join(pin=session.pin, pseudo="Tom", client="c:tom")
    sessions.session_advance(session=session, user=teacher, now=timezone.now())
    answer_now(player, answer="1", now=timezone.now())
    answer_now(anonymous, answer="1", now=timezone.now())

    data = json.loads(browser.get("/compte/donnees.json").content)
    (game,) = data["live_games"]
    assert game["pseudo"] == "Léa" and game["answers"][0]["answer"] == "1"

    assert browser.post("/compte/supprimer/", {"password": STUDENT_PASSWORD}).status_code == 302
    assert not Player.objects.filter(pk=player.pk).exists()
    assert list(LiveAnswer.objects.values_list("player__pseudo", flat=True)) == ["Tom"]
