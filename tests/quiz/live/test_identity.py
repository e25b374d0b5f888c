"""Who a player is: coming back on another device (code de reprise, student account), pseudos
compared as people read them, wrong PINs limited per client and never for a whole class."""

from __future__ import annotations

import re
import unicodedata

import pytest
from django.test import Client

from quiz.errors import Refusal
from quiz.live import players
from quiz.models import LiveAnswer, Player
from tests.factories import UserFactory
from tests.quiz.live.helpers import join, make_session

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def phone(address: str = "10.0.0.1") -> Client:
    """A phone's browser behind the school's address: it opens the join form first (its cookie)."""
    client = Client(REMOTE_ADDR=address)
    assert client.get("/rejoindre/").status_code == 200
    return client


def join_from(client: Client, session, pseudo: str, **extra) -> str:
    response = client.post("/rejoindre/", {"pin": session.pin, "pseudo": pseudo, **extra})
    if response.status_code == 302:
        return ""
    return re.search(r'class="form-error"[^>]*>([^<]*)<', response.content.decode())[1]


def test_a_player_comes_back_on_a_new_browser_with_their_code(session, teacher_client):
    """The live tests' session asks a CPC first."""
    old = phone()
    assert join_from(old, session, "Léa") == ""
    page = old.get("/session/").content.decode()
    code = re.search(r'data-rejoin-code="([A-Z0-9]{6})"', page)[1]
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "advance"})
    player = Player.objects.get(session=session)
    page = old.get("/session/").content.decode()
    budget = float(re.search(r'data-name="budget" value="([^"]+)"', page)[1])
    clicks = float(re.search(r'data-name="clicks" value="([^"]+)"', page)[1])
    old.post("/session/repondre/", {"answer": f"{budget / clicks:.2f}", "question": 0}, **HTMX)
    points = LiveAnswer.objects.get(player=player).points
    assert points > 0

    new = phone()
    assert "code de reprise" in join_from(new, session, "léa")  # taken: the message says how
    assert "ne correspond pas" in join_from(new, session, "Léa", rejoin_code="AAAAAA")
    assert join_from(new, session, " LÉA ", rejoin_code=code.lower()) == ""
    assert new.cookies["ndrc_player"].value == player.token
    assert Player.objects.filter(session=session).count() == 1  # no ghost
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "close"})
    assert f"{points}\u00a0points" in new.get("/session/").content.decode().replace("\u202f", "")


def test_a_signed_in_student_is_recognised_on_any_device(quiz, teacher):
    session = make_session(quiz, teacher)
    student = UserFactory(username="lea.martin", first_name="Léa")
    first = Client()
    first.force_login(student)
    page = first.get(f"/rejoindre/?pin={session.pin}").content.decode()
    assert (
        'value="Léa"' in page and "code de reprise" not in page.lower().split("</form>")[0][-400:]
    )
    assert join_from(first, session, "Léa") == ""
    player = Player.objects.get(session=session)
    assert player.user == student
    assert "data-rejoin-code" not in first.get("/session/").content.decode()

    second = Client()  # a school computer: signed in, never joined from here
    second.force_login(student)
    response = second.get("/session/")
    assert response.status_code == 200 and response.cookies["ndrc_player"].value == player.token
    assert join_from(second, session, "Autre pseudo") == ""  # the same player, whatever the pseudo
    assert Player.objects.filter(session=session).count() == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Zoé", unicodedata.normalize("NFD", "Zoé")),
        ("Zoé", "ZOÉ"),
        ("ﬁn", "fin"),
        ("Straße", "STRASSE"),
    ],
)
def test_look_alike_pseudos_are_the_same_pseudo(quiz, teacher, first, second):
    session = make_session(quiz, teacher)
    join(session, first)
    with pytest.raises(Refusal, match="déjà pris"):
        join(session, second)


@pytest.mark.parametrize(
    "pseudo",
    ["Z\u043eé", "\u3164", "\u2800\u2800", "a\u200bb", "\u115f", "\u0301", "...", "Ne\u00ado"],
)
def test_blank_looking_or_mixed_script_pseudos_are_refused(quiz, teacher, pseudo):
    session = make_session(quiz, teacher)
    with pytest.raises(Refusal) as refusal:
        join(session, pseudo)
    assert refusal.value.message[0].isupper()


def test_one_phone_s_wrong_pins_never_lock_out_the_class(quiz, teacher):
    """Everyone behind one school address; one phone types 30 wrong PINs."""
    session = make_session(quiz, teacher)
    typo = phone()
    for _ in range(30):
        typo.post("/rejoindre/", {"pin": "000000", "pseudo": "x"})
    assert "Trop d’essais" in join_from(typo, session, "Tom")  # that phone waits a minute
    for number in range(8):
        assert join_from(phone(), session, f"Élève {number}") == ""  # the class gets in


def test_a_guessing_attack_stops_guessers_not_students(quiz, teacher, settings):
    settings.LIVE_PIN_FAILURES_PER_MINUTE = 5
    session = make_session(quiz, teacher)
    for guesser in range(5):
        with pytest.raises(Refusal, match="Aucune session"):
            players.player_join(pin="999999", pseudo="x", client=f"c:guesser{guesser:012d}")
    with pytest.raises(Refusal, match="Trop d’essais"):
        players.player_join(pin=session.pin, pseudo="x", client="c:guesser000000000000")
    assert players.player_join(pin=session.pin, pseudo="Léa", client="c:student0000000000000")


def test_players_per_session_and_joins_per_client_are_capped(quiz, teacher, settings):
    settings.LIVE_MAX_PLAYERS = 3
    settings.LIVE_JOINS_PER_CLIENT = 2
    session = make_session(quiz, teacher)
    script = phone()
    assert join_from(script, session, "a") == ""
    script.cookies.pop("ndrc_player")
    assert join_from(script, session, "b") == ""
    script.cookies.pop("ndrc_player")
    assert "Trop de nouveaux pseudos" in join_from(script, session, "c")
    assert join_from(phone(), session, "d") == ""
    assert "complète" in join_from(phone(), session, "e")
    assert Player.objects.filter(session=session).count() == 3


def test_a_pseudo_with_a_formula_is_kept_as_text(quiz, teacher):
    session = make_session(quiz, teacher)
    assert join(session, "=1+2").pseudo == "=1+2"
