"""The projector's screens (`/animer/<id>/` and its poll): a wall of its own, the PIN in the corner
all game long, lettered options, the server's countdown, the chart and its table, the podium, the
question before ending, the teacher's shortcut and the polite announcements."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from quiz.live import sessions
from quiz.models import LiveAnswer, LiveSession, Player
from tests.factories import PlayerFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def answer(player: Player, index: int, *, right: bool, diagnosis: str = "", chosen=()) -> None:
    LiveAnswer.objects.create(
        session=player.session,
        player=player,
        question_index=index,
        answer="1",
        chosen_option_ids=list(chosen),
        verdict="correct" if right else "incorrect",
        diagnosis=diagnosis,
        points=1000 if right else 0,
        response_ms=3000,
        answered_at=timezone.now(),
    )


def act(client, session: LiveSession, action: str, **fields) -> str:
    response = client.post(f"/animer/{session.pk}/action/", {"action": action, **fields}, **HTMX)
    assert response.status_code in {200, 286}
    return response.content.decode()


def page(client, session: LiveSession) -> str:
    response = client.get(f"/animer/{session.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_projector_is_a_wall_without_the_site_navigation(teacher_client, session):
    html = page(teacher_client, session)
    assert "<nav" not in html and "site-header" not in html and "site-footer" not in html
    assert "css/projector.css" in html and "js/projector.js" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # CSP: no inline script
    assert "<style" not in html and " style=" not in html  # nor inline style
    assert f'<strong class="corner-pin" data-pin>{session.pin}</strong>' in html
    assert "testserver/rejoindre/" in html  # the join address, without its scheme


def test_the_pin_and_join_address_stay_in_the_corner_during_the_game(teacher_client, session):
    PlayerFactory(session=session, pseudo="Léa")
    act(teacher_client, session, "advance")
    for step in ("question", "closed", "finished"):
        html = page(teacher_client, session)
        corner = html.split('class="wall-corner"')[1].split("</div>")[0]
        assert session.pin in corner and "rejoindre/" in corner and "<svg" in corner, step
        act(teacher_client, session, "close" if step == "question" else "finish")


def test_the_poll_brings_the_main_region_only(teacher_client, session):
    full = page(teacher_client, session)
    fragment = teacher_client.get(f"/animer/{session.pk}/etat/", **HTMX).content.decode()
    assert fragment.lstrip().startswith('<div id="live-main"')
    assert "wall-corner" not in fragment and "<html" not in fragment
    assert 'id="wall-announce"' in full and 'id="wall-announce"' not in fragment


def test_concept_options_are_shown_with_their_letters_and_colours(teacher_client, session):
    PlayerFactory(session=session, pseudo="Léa")
    act(teacher_client, session, "advance")
    act(teacher_client, session, "close")
    html = act(teacher_client, session, "advance")
    options = sessions.session_questions(session)[1].concept_question.options.all()
    for letter, tone, option in zip("ABC", "abc", options, strict=False):
        assert f'<li class="wall-option tone-{tone}">' in html
        assert f'aria-hidden="true">{letter}</span>' in html and option.text in html
    assert "right-mark" not in html and "is-right" not in html  # not before the correction


def test_the_countdown_starts_from_the_server_deadline(teacher_client, session):
    PlayerFactory(session=session, pseudo="Léa")
    html = act(teacher_client, session, "advance")
    session.refresh_from_db()
    total = sessions.question_seconds(sessions.current_question(session), session.extra_time)
    left = int(re.search(r'data-ms-left="(\d+)"', html)[1])
    assert 0 < left <= total * 1000
    assert f'data-seconds-total="{total}"' in html and 'role="timer"' in html


def test_the_correction_draws_the_chart_with_its_table_and_the_named_mistakes(
    teacher_client, session
):
    lea, tom, _ = (PlayerFactory(session=session, pseudo=p) for p in ("Léa", "Tom", "Zoé"))
    act(teacher_client, session, "advance")
    answer(lea, 0, right=True)
    answer(tom, 0, right=False, diagnosis="inverted")
    html = act(teacher_client, session, "close")
    assert '<svg class="chart"' in html and 'role="img"' in html
    assert "<caption>Répartition des réponses</caption>" in html
    assert re.search(r"<strong>1 élève</strong> a \w", html)  # the singular of « ont … »
    assert "Juste\u00a0: 1, E1\u00a0: 1, Autre\u00a0: 0, Sans\u00a0: 1." in html
    assert "33&#8239;%" in html  # a share of the 3 players
    assert "<caption>Classement</caption>" in html


def test_the_concept_correction_marks_the_right_option(teacher_client, session):
    lea = PlayerFactory(session=session, pseudo="Léa")
    act(teacher_client, session, "advance")
    act(teacher_client, session, "close")
    act(teacher_client, session, "advance")
    options = list(sessions.session_questions(session)[1].concept_question.options.all())
    right = next(option for option in options if option.is_correct)
    answer(lea, 1, right=True, chosen=[right.pk])
    html = act(teacher_client, session, "close")
    assert "chart-bar tone-" in html and "is-right" in html
    assert f'{right.text} <span class="right-mark">— bonne réponse</span>' in html
    assert "Voir le podium" in html


def test_the_podium_has_three_steps_and_nobody_on_it_at_0_points(teacher_client, session):
    players = [PlayerFactory(session=session, pseudo=p) for p in ("Léa", "Tom", "Zoé", "Max")]
    act(teacher_client, session, "advance")
    for player in players[:2]:
        answer(player, 0, right=True)
    answer(players[2], 0, right=False)
    html = act(teacher_client, session, "finish")
    steps = html.split('class="podium-steps"')[1].split("</ol>")[0]
    assert steps.count('class="podium-step ') == 2  # Zoé and Max have 0 points
    assert "podium-step-1" in steps and "Léa" in steps and "Tom" in steps
    assert "Zoé" not in steps and "Max" not in steps
    rest = html.split('class="podium-rest"')[1].split("</ol>")[0]
    assert '<li value="3">' in rest and "Zoé" in rest and "Max" in rest
    assert "1\u202f000\u00a0points" in steps
    assert "0\u00a0point</span>" in rest  # French: « 0 point »


def test_a_podium_nobody_scored_on_says_so(teacher_client, session):
    PlayerFactory(session=session, pseudo="Léa")
    act(teacher_client, session, "advance")
    html = act(teacher_client, session, "finish")
    assert "podium-steps" not in html and "pas de podium cette fois" in html


def test_ending_asks_first_and_the_question_survives_the_polls(teacher_client, session):
    html = page(teacher_client, session)
    confirm = html.split('<details id="end-confirm-lobby"')[1].split("</details>")[0]
    assert 'hx-preserve="true"' in confirm and "Terminer la session</summary>" in confirm
    assert 'name="action" value="finish"' in confirm and "Oui, terminer la session" in confirm
    assert 'name="at"' not in confirm  # ending is never a stale press
    assert 'name="action" value="finish"' not in html.replace(confirm, "")


def test_one_primary_action_per_screen_with_its_keys(teacher_client, session):
    PlayerFactory(session=session, pseudo="Léa")
    screens = [page(teacher_client, session)]
    screens.append(act(teacher_client, session, "advance"))
    screens.append(act(teacher_client, session, "close"))
    labels = [re.findall(r'data-shortcut="next"[^>]*>([^<]+)<', html) for html in screens]
    assert labels == [["Commencer"], ["Arrêter et corriger"], ["Question suivante"]]
    assert all("<kbd>Espace</kbd> ou <kbd>→</kbd>" in html for html in screens)


def test_the_announcements_say_the_state_never_a_join(teacher_client, session):
    def said(html: str) -> str:
        return re.search(r'data-announce="([^"]*)"', html)[1]

    assert said(page(teacher_client, session)) == "Salle d’attente ouverte."
    PlayerFactory(session=session, pseudo="Léa")
    assert said(page(teacher_client, session)) == "Salle d’attente ouverte."
    assert said(act(teacher_client, session, "advance")) == "Question 1 sur 2 lancée."
    assert (
        said(act(teacher_client, session, "close"))
        == "Question 1 sur 2\u00a0: correction affichée."
    )
    assert (
        said(act(teacher_client, session, "finish")) == "Le quiz est terminé\u00a0: podium affiché."
    )


def test_the_student_paced_projector_ends_after_asking(teacher_client, paced_session):
    PlayerFactory(session=paced_session, pseudo="Léa")
    html = act(teacher_client, paced_session, "advance")
    assert "Avancement question par question" in html and 'data-shortcut="next"' not in html
    assert "Terminer et voir le podium</summary>" in html
