"""A message for every failure, a health check that says what failed, request ids in the logs, an
admin sign-in that resists guessing, and drills that only their owner may answer."""

from __future__ import annotations

import json
import logging
import re
import threading
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import DatabaseError, OperationalError, connection, connections, transaction
from django.test import Client, RequestFactory

from config import middleware, views
from config.busy import DatabaseBusy
from quiz.live import sessions
from quiz.models import Attempt, LiveSession, Player, Quiz

BUSY = "Le serveur est très occupé, réessayez dans quelques secondes."
HTMX = {"HTTP_HX_REQUEST": "true"}
TOKEN = re.compile(r'name="token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _assert_french_page(response, status: int, text: str) -> str:
    assert response.status_code == status
    body = response.content.decode()
    assert text in body
    assert 'lang="fr"' in body and "/static/css/site" in body
    assert "<style" not in body and " style=" not in body  # the CSP allows no inline style
    return body


# Error pages ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_multipart_without_boundary_is_a_french_400(client):
    response = client.generic(
        "POST", "/entrainement/kpi/cpc/", b"answer=1", content_type="multipart/form-data"
    )
    _assert_french_page(response, 400, "Requête invalide")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [b"--x\r\nfoo", b"--x\r\nContent-Disposition: form-data\r\n\r\n1\r\n--x--", b"\xff" * 100],
)
def test_malformed_multipart_bodies_are_never_a_500(client, body):
    response = client.generic(
        "POST",
        "/entrainement/kpi/cpc/",
        body,
        content_type="multipart/form-data; boundary=x",
    )
    assert response.status_code in {200, 400}


@pytest.mark.django_db
def test_wrong_method_gets_the_french_405_page_and_keeps_allow(client):
    response = client.delete("/healthz")
    _assert_french_page(response, 405, "Action impossible")
    assert "GET" in response["Allow"]


@pytest.mark.django_db
def test_csrf_failure_is_the_apps_french_page():
    response = Client(enforce_csrf_checks=True).post("/compte/connexion/", {"username": "x"})
    body = _assert_french_page(response, 403, "Le formulaire a expiré")
    assert "Content-Security-Policy" in response.headers
    assert "CSRF" not in body


@pytest.mark.django_db
def test_not_found_for_htmx_is_a_fragment(client):
    response = client.get("/nulle-part/", **HTMX)
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page introuvable" in body and "<html" not in body


def test_server_error_page_is_styled_and_french(rf):
    response = views.server_error(rf.get("/"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "Une erreur est survenue" in body and "css/site" in body and 'lang="fr"' in body


def test_database_locked_outside_a_view_is_the_503_page(rf):
    """SQLite's own "database is locked" raised where no middleware catches it (a session saved
    on the way out) still reaches the student as the French 503."""
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        response = views.server_error(rf.get("/"))
    assert response.status_code == 503
    assert BUSY in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [True, False], ids=["fragment", "page"])
def test_a_write_that_gives_up_is_a_french_503(client, htmx):
    token = TOKEN.search(client.get("/entrainement/kpi/cpc/").content.decode())[1]
    extra = HTMX if htmx else {}
    with mock.patch("quiz.practice.drills.drill_answer", side_effect=DatabaseBusy("busy")):
        response = client.post("/entrainement/kpi/cpc/", {"token": token, "answer": "1"}, **extra)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    body = response.content.decode()
    assert BUSY in body
    assert ("<html" in body) is not htmx
    assert Attempt.objects.count() == 0


# Health check --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_is_503_naming_the_database_when_it_does_not_answer(client):
    broken = mock.Mock()
    broken.cursor.side_effect = DatabaseError("down")
    with mock.patch.object(views, "connection", broken):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database: indisponible\n"


@pytest.mark.django_db
def test_healthz_checks_redis_when_configured(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    views._redis_client.cache_clear()
    try:
        response = client.get("/healthz")
    finally:
        views._redis_client.cache_clear()
    assert response.status_code == 503
    assert b"redis: indisponible" in response.content


# Request id and logs -------------------------------------------------------------------------


@pytest.mark.django_db
def test_request_id_is_kept_from_the_proxy_or_made(client):
    given = client.get("/robots.txt", HTTP_X_REQUEST_ID="proxy-1234abcd")
    assert given["X-Request-ID"] == "proxy-1234abcd"
    made = client.get("/robots.txt", HTTP_X_REQUEST_ID="<script>")
    assert re.fullmatch(r"[0-9a-f]{32}", made["X-Request-ID"])


def test_error_log_line_is_json_with_the_request_id_and_no_personal_data():
    request = RequestFactory().post("/compte/connexion/?pin=123456", {"username": "lea.martin"})
    request.request_id = "abcdef123456"
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            (request.path,),
            exc_info=__import__("sys").exc_info(),
        )
    record.request = request
    record.status_code = 500
    middleware.RequestIdFilter().filter(record)
    line = json.loads(middleware.JsonLogFormatter().format(record))
    assert line["request_id"] == "abcdef123456"
    assert line["status"] == 500 and line["path"] == "/compte/connexion/"
    assert line["error"] == "ValueError" and "boom" in line["traceback"]
    text = json.dumps(line)
    assert '123456"' not in text.replace("abcdef123456", "") and "lea.martin" not in text


# Admin sign-in -------------------------------------------------------------------------------


def _admin_login(username: str, password: str, client_address: str):
    return Client(REMOTE_ADDR=client_address).post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}
    )


@pytest.mark.django_db
def test_admin_login_resists_fifty_wrong_passwords():
    User.objects.create_user("prof", password="bon-mot-de-passe-42", is_staff=True)
    User.objects.create_user("autre", password="autre-mot-de-passe-42", is_staff=True)
    refused = 0
    for _ in range(50):
        response = _admin_login("prof", "mauvais", "203.0.113.7")
        assert response.status_code == 200
        refused += "Trop d’essais avec un mauvais mot de passe" in response.content.decode()
    assert refused >= 40  # the first ten are checked, the rest refused without a check
    # Even the right password waits, from that client…
    assert _admin_login("prof", "bon-mot-de-passe-42", "203.0.113.7").status_code == 200
    # …but not from another client, and another account is not locked.
    assert _admin_login("prof", "bon-mot-de-passe-42", "198.51.100.2").status_code == 302
    assert _admin_login("autre", "autre-mot-de-passe-42", "203.0.113.7").status_code == 302


@pytest.mark.django_db
def test_admin_login_limit_per_account_across_clients():
    User.objects.create_user("prof", password="bon-mot-de-passe-42", is_staff=True)
    for n in range(60):  # a guess spread over many addresses
        _admin_login("prof", "mauvais", f"192.0.2.{n}")
    response = _admin_login("prof", "bon-mot-de-passe-42", "198.51.100.9")
    assert response.status_code == 200
    assert "Trop d’essais" in response.content.decode()


# Drills bound to their owner -----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [True, False], ids=["fragment", "page"])
def test_a_drill_cannot_be_answered_by_another_student(htmx):
    owner, other = Client(), Client()
    token = TOKEN.search(owner.get("/entrainement/kpi/cpc/").content.decode())[1]
    extra = HTMX if htmx else {}
    response = other.post("/entrainement/kpi/cpc/", {"token": token, "answer": "1"}, **extra)
    assert response.status_code == 200
    follow = other.get("/entrainement/kpi/cpc/").content.decode() if htmx else ""
    assert "donné à quelqu’un d’autre" in (follow or response.content.decode())
    assert Attempt.objects.count() == 0
    mine = owner.post("/entrainement/kpi/cpc/", {"token": token, "answer": "1"}, **HTMX)
    assert mine.status_code == 200
    assert Attempt.objects.count() == 1


@pytest.mark.django_db
def test_a_signed_in_students_drill_is_refused_to_another_account():
    lea = User.objects.create_user("lea", password="x")
    tom = User.objects.create_user("tom", password="x")
    mine, theirs = Client(), Client()
    mine.force_login(lea)
    theirs.force_login(tom)
    token = TOKEN.search(mine.get("/entrainement/kpi/cpc/").content.decode())[1]
    theirs.post("/entrainement/kpi/cpc/", {"token": token, "answer": "1"})
    assert not Attempt.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("htmx", [True, False], ids=["fragment", "page"])
def test_a_write_behind_a_postgresql_lock_is_a_french_503(htmx):
    """PostgreSQL: a join that waits for the session's row behind another transaction (a
    migration, an administrator's shell) gives up after `lock_timeout` with the French 503, as a
    write behind another writer does on SQLite; nothing is stored."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's lock_timeout; SQLite's bounded wait is tested above")
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == "5s"  # settings: DATABASE_LOCK_TIMEOUT
        cursor.execute("SET lock_timeout = '200ms'")  # the same error, sooner
    teacher = User.objects.create_user("prof-verrou", is_staff=True)
    quiz = Quiz.objects.create(title="Verrou", is_published=True, created_by=teacher)
    quiz.questions.create(order=1, kind="numeric", kpi_slug="cpc", difficulty=1)
    session = sessions.session_create(quiz=quiz, owner=teacher)
    locked, release = threading.Event(), threading.Event()

    def hold_the_row() -> None:
        try:
            with transaction.atomic():
                LiveSession.objects.select_for_update().get(pk=session.pk)
                locked.set()
                release.wait(10)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_the_row)
    holder.start()
    try:
        assert locked.wait(10)
        response = Client().post(
            "/rejoindre/", {"pin": session.pin, "pseudo": "Léa"}, **(HTMX if htmx else {})
        )
    finally:
        release.set()
        holder.join()
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert BUSY in response.content.decode()
    assert not Player.objects.exists()
