"""The live views: joining, the projector, answers from the phone, results and permissions."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quiz.live import sessions
from quiz.live.players import PLAYER_COOKIE
from quiz.models import LiveAnswer, LiveSession, Player
from tests.factories import PlayerFactory, TeacherFactory, UserFactory
from tests.quiz.live.helpers import joined

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_join_page_has_the_labelled_fields_and_prefills_the_pin(client):
    html = client.get("/rejoindre/?pin=123456").content.decode()
    assert '<label for="pin">Code de la session</label>' in html
    assert '<label for="pseudo">Pseudo</label>' in html
    assert 'value="123456"' in html
    assert ">Rejoindre</button>" in html


@pytest.mark.parametrize(
    ("pin", "pseudo", "message"),
    [
        ("999999", "Léa", "Aucune session"),
        ("abc", "Léa", "Aucune session"),
        ("", "", "Aucune session"),
    ],
)
def test_join_errors_are_french_messages(client, session, pin, pseudo, message):
    response = client.post("/rejoindre/", {"pin": pin, "pseudo": pseudo})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_empty_or_long_pseudo_is_refused(client, session):
    assert (
        "Choisissez un pseudo"
        in client.post("/rejoindre/", {"pin": session.pin, "pseudo": "   "}).content.decode()
    )
    assert (
        "au plus 20"
        in client.post("/rejoindre/", {"pin": session.pin, "pseudo": "x" * 5000}).content.decode()
    )


def test_join_sets_a_player_cookie_and_survives_a_refresh(session):
    client = joined(session)
    cookie = client.cookies[PLAYER_COOKIE]
    assert cookie["httponly"]
    html = client.get("/session/").content.decode()
    assert "Bienvenue, Léa" in html
    assert "Vous jouez déjà" in client.get("/rejoindre/").content.decode()


def test_pseudo_is_escaped_everywhere(session, teacher_client):
    joined(session, "<script>x</script>")
    html = teacher_client.get(f"/animer/{session.pk}/").content.decode()
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html


def test_teacher_pages_are_staff_only(client, session):
    for path in (
        "/animer/",
        f"/animer/{session.pk}/",
        f"/animer/{session.pk}/etat/",
        f"/animer/{session.pk}/resultats/",
    ):
        response = client.get(path)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    student = UserFactory(username="eleve")
    client.force_login(student)
    assert client.get("/animer/").status_code == 302


def test_another_teacher_cannot_see_or_drive_my_session(session):
    other = Client()
    other.force_login(TeacherFactory(username="autre"))
    assert other.get(f"/animer/{session.pk}/").status_code == 404
    assert other.post(f"/animer/{session.pk}/action/", {"action": "advance"}).status_code == 404
    session.refresh_from_db()
    assert session.state == "lobby"


def test_launch_from_the_host_page(teacher_client, session):
    html = teacher_client.get("/animer/").content.decode()
    assert "Lancer en direct" in html
    response = teacher_client.post(
        "/animer/lancer/",
        {"quiz": session.quiz_id, "scoring": "rapidite", "per_student_numbers": "on"},
    )
    created = LiveSession.objects.exclude(pk=session.pk).get()
    assert response["Location"] == f"/animer/{created.pk}/"
    assert (created.scoring, created.per_student_numbers, created.streak_bonus) == (
        "rapidite",
        True,
        False,
    )


def test_projector_shows_pin_qr_and_players(teacher_client, session):
    joined(session, "Léa")
    html = teacher_client.get(f"/animer/{session.pk}/").content.decode()
    assert session.pin in html
    assert "<svg" in html and f"/rejoindre/?pin={session.pin}" not in html.split("<svg")[0][-10:]
    assert "Léa" in html


def test_a_join_is_eight_queries_and_takes_no_lock_when_the_teacher_sets_the_pace(session):
    """The limits' counts, the session by its PIN, the pseudo, the players' count, then the
    player and the join's count together (a savepoint here, inside the test's
    transaction; BEGIN and COMMIT in production). No SELECT … FOR UPDATE: every join of the class
    waited for that row."""
    phone = Client()
    phone.get("/rejoindre/")
    with CaptureQueriesContext(connection) as queries:
        response = phone.post("/rejoindre/", {"pin": session.pin, "pseudo": "Léa"})
    assert response.status_code == 302
    statements = [query["sql"] for query in queries.captured_queries]
    assert not any("FOR UPDATE" in sql for sql in statements)
    assert len([sql for sql in statements if "SAVEPOINT" not in sql]) == 6, statements


def test_idle_polls_answer_304_after_one_query(teacher_client, session, django_assert_num_queries):
    """An idle poll reads the session and compares versions: nothing is rendered."""
    player_client = joined(session)
    etag = player_client.get("/session/etat/")["ETag"]
    with django_assert_num_queries(1):
        response = player_client.get("/session/etat/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response.content == b""
    projector_etag = teacher_client.get(f"/animer/{session.pk}/etat/")["ETag"]
    assert (
        teacher_client.get(
            f"/animer/{session.pk}/etat/", HTTP_IF_NONE_MATCH=projector_etag
        ).status_code
        == 304
    )


def test_a_poll_bringing_the_question_reads_the_screen_in_its_own_query(
    teacher, session, django_assert_num_queries
):
    """1 000 phones fetch the new question within a second: the poll's query already holds the
    player, the session and the answer, so rendering it asks the database nothing more (the quiz's
    questions are in the cache since the first poll)."""
    player_client = joined(session)
    etag = player_client.get("/session/etat/")["ETag"]
    sessions.session_advance(session=session, user=teacher, now=timezone.now())
    with django_assert_num_queries(1):
        response = player_client.get(
            "/session/etat/", HTTP_IF_NONE_MATCH=etag, HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200 and 'name="answer"' in response.content.decode()


def test_polls_change_when_the_session_moves_on(teacher_client, session):
    player_client = joined(session)
    etag = player_client.get("/session/etat/")["ETag"]
    projector_etag = teacher_client.get(f"/animer/{session.pk}/etat/")["ETag"]
    joined(session, "Tom")  # the projector sees joins, the students need not
    assert player_client.get("/session/etat/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert (
        teacher_client.get(
            f"/animer/{session.pk}/etat/", HTTP_IF_NONE_MATCH=projector_etag
        ).status_code
        == 200
    )
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "advance"})
    response = player_client.get("/session/etat/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert 'data-kpi="cpc"' in response.content.decode()


def test_the_projector_sees_every_answer_and_every_step_without_a_write_to_the_session(
    teacher, teacher_client, session, paced_session
):
    """Joins, answers and self-paced steps change the projector's ETag; the session row is not
    written for them (it would be the hottest row of a class's burst of answers)."""
    lea, tom = joined(session), joined(session, "Tom")
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "advance"})
    version = LiveSession.objects.get(pk=session.pk).state_version
    url = f"/animer/{session.pk}/etat/"
    etag = teacher_client.get(url)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        lea.post("/session/repondre/", {"answer": "1", "question": 0}, **HTMX)
    table = LiveSession._meta.db_table
    assert not [q for q in queries.captured_queries if q["sql"].startswith(f'UPDATE "{table}"')]
    assert any(q["sql"].startswith("INSERT") for q in queries.captured_queries)
    assert teacher_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200
    etag = teacher_client.get(url)["ETag"]
    tom.post(
        "/session/repondre/", {"answer": "abc", "question": 0}, **HTMX
    )  # invalid: not recorded
    assert teacher_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert LiveSession.objects.get(pk=session.pk).state_version == version

    zoe = joined(paced_session, "Zoé")
    teacher_client.post(f"/animer/{paced_session.pk}/action/", {"action": "advance"})
    url = f"/animer/{paced_session.pk}/etat/"
    zoe.post("/session/repondre/", {"answer": "1", "question": 0}, **HTMX)
    etag = teacher_client.get(url)["ETag"]
    zoe.post("/session/suivante/", {"from": "0"}, **HTMX)
    assert teacher_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def on_the_first_question(teacher_client: Client, session) -> tuple[Client, str, float, float]:
    """A phone that joined, once the teacher opened the first question (a CPC): the phone, its
    page, and the budget and clicks it gives (read from the page, as the student reads them)."""
    player_client = joined(session)
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "advance"})
    html = player_client.get("/session/").content.decode()
    budget = float(re.search(r'data-name="budget" value="([^"]+)"', html)[1])
    clicks = float(re.search(r'data-name="clicks" value="([^"]+)"', html)[1])
    return player_client, html, budget, clicks


def test_student_answers_with_the_practice_contracts(teacher_client, session):
    player_client, html, budget, clicks = on_the_first_question(teacher_client, session)
    assert 'data-kpi="cpc"' in html and 'name="answer"' in html and 'id="feedback"' in html
    response = player_client.post(
        "/session/repondre/", {"answer": f"{budget / clicks:.2f} €", "question": 0}, **HTMX
    )
    assert "Réponse enregistrée" in response.content.decode()
    player_client.post("/session/repondre/", {"answer": "0", "question": 0}, **HTMX)
    assert LiveAnswer.objects.get().verdict == "correct"
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "close"})
    html = player_client.get("/session/").content.decode()
    assert 'data-verdict="correct"' in html and "1<sup>er</sup>" in html
    projector = teacher_client.get(f"/animer/{session.pk}/").content.decode()
    assert "<caption>Classement</caption>" in projector and "1</strong> bonne réponse" in projector


def test_points_are_grouped_on_screens_and_raw_in_the_csv(teacher_client, session):
    player_client, _, budget, clicks = on_the_first_question(teacher_client, session)
    player_client.post(
        "/session/repondre/", {"answer": f"{budget / clicks:.2f}", "question": 0}, **HTMX
    )
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "close"})
    thousand = "1\u202f000"
    html = player_client.get("/session/").content.decode()
    assert (
        f"+{thousand}\u00a0points" in html
        and f"avec <strong>{thousand}\u00a0points</strong>" in html
    )
    assert f"<td>{thousand}</td>" in teacher_client.get(f"/animer/{session.pk}/").content.decode()
    results = teacher_client.get(f"/animer/{session.pk}/resultats/").content.decode()
    assert f"<td>{thousand}</td>" in results and f'<span class="ok">{thousand}</span>' in results
    csv = teacher_client.get(f"/animer/{session.pk}/resultats/?format=csv").content.decode()
    assert ";1000;" in csv  # numbers Excel can add up


def test_answer_after_the_deadline_is_refused_with_a_message(teacher_client, session):
    player_client = joined(session)
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "advance"})
    LiveSession.objects.filter(pk=session.pk).update(question_deadline=timezone.now())
    html = player_client.post(
        "/session/repondre/", {"answer": "1", "question": 0}, **HTMX
    ).content.decode()
    assert "Temps écoulé" in html
    assert not LiveAnswer.objects.exists()


def test_results_csv_is_for_french_excel(teacher_client, session):
    joined(session, "Léa")
    response = teacher_client.get(f"/animer/{session.pk}/resultats/?format=csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    lines = body.splitlines()
    assert lines[0] == (
        "\ufeffRang;Pseudo;Total (points);Question;Intitulé;Bonne réponse;Réponse;Verdict;"
        "Erreur repérée;Points;Temps (s)"
    )
    assert len(lines) == 3  # one row per player and question
    assert lines[1].startswith("1;Léa;0;1;CPC (coût par clic);") and ";Sans réponse;;0;" in lines[1]


def test_without_a_cookie_the_student_is_sent_to_join(client):
    assert client.get("/session/")["Location"] == "/rejoindre/"
    assert client.get("/session/etat/")["HX-Redirect"] == "/rejoindre/"
    assert (
        client.post("/session/repondre/", {"answer": "1", "question": 0})["Location"]
        == "/rejoindre/"
    )


def test_player_pages_need_no_database_per_player_growth(session, django_assert_max_num_queries):
    client = joined(session)
    Player.objects.bulk_create(
        PlayerFactory.build(session=session, pseudo=f"j{i}") for i in range(300)
    )
    with django_assert_max_num_queries(8):
        client.get("/session/")


def test_admin_quiz_list_links_to_the_live_launch(session):
    admin = Client()
    admin.force_login(TeacherFactory(username="chef", superuser=True))
    html = admin.get("/admin/quiz/quiz/").content.decode()
    assert f'href="/animer/?quiz={session.quiz_id}">Lancer en direct</a>' in html


def test_the_correction_names_the_students_own_mistake(teacher_client, session):
    """The live correction uses practice's words, with the student's own number."""
    player_client, _, budget, clicks = on_the_first_question(teacher_client, session)
    player_client.post(
        "/session/repondre/", {"answer": f"{clicks / budget:.2f}", "question": 0}, **HTMX
    )
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "close"})
    html = player_client.get("/session/").content.decode()
    assert 'data-diagnosis="inverted"' in html
    assert re.search(r'<p class="diagnosis"><strong>Diagnostic\.</strong> \S', html)
