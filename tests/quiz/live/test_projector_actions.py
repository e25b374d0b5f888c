"""The projector's actions and who may use them: permissions of every teacher URL, a double press
that acts once, auto-close when every player has answered, and hostile values."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from quiz.live import autoclose, sessions
from quiz.models import LiveAnswer, LiveSession, Player
from quiz.teaching import accounts, classes
from tests.factories import PlayerFactory, TeacherFactory, UserFactory
from tests.hostile import NASTY, check

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
PAGES = [
    "/animer/{}/",
    "/animer/{}/etat/",
    "/animer/{}/resultats/",
    "/animer/{}/resultats/?format=csv",
]


def answer(player: Player, index: int) -> None:
    LiveAnswer.objects.create(
        session=player.session,
        player=player,
        question_index=index,
        answer="1",
        verdict="incorrect",
        answered_at=timezone.now(),
    )


@pytest.fixture
def actors(teacher):
    """Every kind of visitor, each in their own browser."""
    mine = classes.class_create(teacher=teacher, name="BTS NDRC 1")
    other_teacher = TeacherFactory(username="autre-prof")
    theirs = classes.class_create(teacher=other_teacher, name="Autre classe")
    browsers = {name: Client() for name in ("student", "student of another class")}
    for (name, browser), school_class in zip(browsers.items(), (mine, theirs), strict=True):
        student = UserFactory(username=name.replace(" ", "-"))
        accounts.student_enrol(student=student, school_class=school_class)
        browser.force_login(student)
    colleague, owner, admin = Client(), Client(), Client()
    colleague.force_login(other_teacher)
    owner.force_login(teacher)
    admin.force_login(TeacherFactory(username="chef", superuser=True))
    return {
        "anonymous": Client(),
        **browsers,
        "another teacher": colleague,
        "teacher": owner,
        "administrator": admin,
    }


ALLOWED = {"teacher", "administrator"}


@pytest.mark.parametrize("path", PAGES)
def test_only_the_owner_and_the_administrator_see_the_projector_and_results(session, actors, path):
    for name, browser in actors.items():
        response = browser.get(path.format(session.pk))
        if name in ALLOWED:
            assert response.status_code == 200, name
        elif name == "another teacher":
            assert response.status_code == 404, name
        else:  # staff only: to the sign-in page
            assert response.status_code == 302 and "/admin/login/" in response["Location"], name


@pytest.mark.parametrize("action", ["advance", "close", "finish"])
def test_only_the_owner_and_the_administrator_drive_the_session(session, actors, action):
    PlayerFactory(session=session, pseudo="Léa")
    for name, browser in actors.items():
        if name in ALLOWED:
            continue
        response = browser.post(f"/animer/{session.pk}/action/", {"action": action}, **HTMX)
        assert response.status_code in {302, 404}, name
        assert LiveSession.objects.get(pk=session.pk).state == "lobby", name
    response = actors["administrator"].post(f"/animer/{session.pk}/action/", {"action": "advance"})
    assert response.status_code == 302
    assert LiveSession.objects.get(pk=session.pk).state == "question"


def test_a_double_press_acts_once(teacher_client, session):
    PlayerFactory(session=session, pseudo="Léa")
    for _ in range(2):  # the second press comes from the lobby's screen, already gone
        teacher_client.post(
            f"/animer/{session.pk}/action/", {"action": "advance", "at": "lobby--1"}, **HTMX
        )
    session.refresh_from_db()
    assert (session.state, session.question_index) == ("question", 0)
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "close", "at": "question-0"})
    for _ in range(2):
        teacher_client.post(
            f"/animer/{session.pk}/action/", {"action": "advance", "at": "question-0"}, **HTMX
        )
    session.refresh_from_db()
    assert (session.state, session.question_index) == ("question", 1)


def test_the_launch_form_offers_auto_close(teacher_client, session):
    html = teacher_client.get("/animer/").content.decode()
    assert 'name="auto_close"' in html and "dès que tous les élèves ont répondu" in html
    teacher_client.post("/animer/lancer/", {"quiz": session.quiz_id, "auto_close": "on"})
    teacher_client.post("/animer/lancer/", {"quiz": session.quiz_id})
    created = LiveSession.objects.exclude(pk=session.pk).order_by("pk")
    assert [s.auto_close for s in created] == [True, False]


def _poll(client, session: LiveSession) -> None:
    assert client.get(f"/animer/{session.pk}/etat/", **HTMX).status_code == 200


def test_auto_close_shows_the_correction_once_everyone_has_answered(teacher_client, session):
    autoclose.session_set_auto_close(session=session, auto_close=True)
    lea, tom = PlayerFactory(session=session, pseudo="Léa"), PlayerFactory(session=session)
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "advance"})
    answer(lea, 0)
    _poll(teacher_client, session)
    session.refresh_from_db()
    assert not sessions.question_closed(session, timezone.now())  # Tom has not answered
    answer(tom, 0)
    version = session.state_version
    _poll(teacher_client, session)
    session.refresh_from_db()
    assert sessions.question_closed(session, timezone.now())
    assert session.state_version == version + 1  # the phones see the correction too
    _poll(teacher_client, session)  # closed already: nothing more
    assert LiveSession.objects.get(pk=session.pk).state_version == version + 1


def test_without_the_option_the_clock_decides(teacher_client, session):
    lea = PlayerFactory(session=session, pseudo="Léa")
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "advance"})
    answer(lea, 0)
    _poll(teacher_client, session)
    session.refresh_from_db()
    assert not sessions.question_closed(session, timezone.now())


def test_auto_close_leaves_a_student_paced_session_and_an_empty_one_alone(
    teacher, paced_session, session
):
    now = timezone.now()
    for each in (paced_session, session):
        autoclose.session_set_auto_close(session=each, auto_close=True)
    sessions.session_advance(session=paced_session, user=teacher, now=now)
    paced_session.refresh_from_db()
    assert autoclose.session_autoclose(session=paced_session, user=teacher, now=now).state_version
    assert not autoclose.everyone_answered(session=session)  # nobody joined: nothing to close


def test_auto_close_reads_nothing_when_off(session, teacher, django_assert_num_queries):
    sessions.session_advance(session=session, user=teacher, now=timezone.now())
    session.refresh_from_db()
    with django_assert_num_queries(0):
        autoclose.session_autoclose(session=session, user=teacher, now=timezone.now())


@pytest.mark.parametrize("value", NASTY)
def test_the_projector_actions_survive_any_value(teacher_client, session, value):
    PlayerFactory(session=session, pseudo="Léa")
    check(teacher_client.post(f"/animer/{session.pk}/action/", {"action": "advance", "at": value}))
    check(teacher_client.post("/animer/lancer/", {"quiz": session.quiz_id, "auto_close": value}))
    session.refresh_from_db()
    assert session.state == "lobby"  # a stale or hostile `at` never acts
