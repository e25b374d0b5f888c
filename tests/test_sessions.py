"""The session engine (config/sessions.py): anonymous students in a signed cookie, signed-in users
in the database, sessions of before kept where they were."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.test import RequestFactory

from config.sessions import SessionStore, database_key
from quiz.models import Attempt
from quiz.practice.owners import OWNER, known_owner, owner_for
from tests.factories import TeacherFactory
from tests.quiz.conftest import start_series

pytestmark = pytest.mark.django_db


def test_an_anonymous_student_practises_without_a_session_row(client, course):
    first = start_series(client, "chapter")
    assert Session.objects.count() == 0
    cookie = client.cookies["sessionid"].value
    assert not database_key(cookie) and ":" in cookie  # a signed value
    second = start_series(client, "chapter")
    owners = set(Attempt.objects.values_list("owner", flat=True))
    assert len(owners) == 1, owners  # one student, however often the cookie is re-signed
    assert client.get(first).status_code == 200 and client.get(second).status_code == 200


def test_a_tampered_cookie_is_a_new_anonymous_session(client, course):
    start_series(client, "chapter")
    value = client.cookies["sessionid"].value
    mine = SessionStore(value).load()[OWNER]
    tampered = value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB")
    assert SessionStore(tampered).load() == {}
    client.cookies["sessionid"] = tampered
    assert client.get("/entrainement/").status_code == 200
    assert SessionStore(client.cookies["sessionid"].value).load()[OWNER] != mine


def test_signing_in_moves_the_session_to_the_database_and_signing_out_ends_it(client):
    teacher = TeacherFactory()
    client.force_login(teacher)
    key = client.cookies["sessionid"].value
    assert database_key(key) and Session.objects.filter(session_key=key).exists()
    assert client.get("/animer/").status_code == 200
    client.post("/admin/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    client.cookies["sessionid"] = key  # the old cookie, replayed: nobody's any more
    assert client.get("/animer/").status_code == 302


def test_a_session_of_before_keeps_its_practice():
    legacy = DatabaseSessionStore()
    legacy["practice"] = True
    legacy.create()
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = SessionStore(legacy.session_key)
    assert known_owner(request) == f"session:{legacy.session_key}"
    assert owner_for(request) == f"session:{legacy.session_key}"


def test_a_new_browser_gets_an_owner_only_when_it_practises():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    assert known_owner(request) is None
    owner = owner_for(request)
    assert owner == f"session:{request.session[OWNER]}" and owner_for(request) == owner
    request.session.save()
    assert Session.objects.count() == 0
    assert SessionStore(request.session.session_key).load()[OWNER] == request.session[OWNER]


def test_practising_renews_the_session_once_a_day(client, course, settings):
    """The last review comes 16 days after the one before: a student who practises keeps their
    session SESSION_COOKIE_AGE (60 days) from the last day they practised."""
    from quiz.engine.review import INTERVALS

    assert 2 * max(INTERVALS.values()).total_seconds() <= settings.SESSION_COOKIE_AGE
    first = client.get("/entrainement/")
    assert first.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE
    assert "sessionid" not in client.get("/entrainement/").cookies  # the same day: nothing sent
    store = SessionStore(client.cookies["sessionid"].value)
    store["seen"] = "2026-01-01"
    store.save()
    client.cookies["sessionid"] = store.session_key
    renewed = client.get("/entrainement/")
    assert renewed.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE
    assert SessionStore(renewed.cookies["sessionid"].value).load()[OWNER] == store[OWNER]
