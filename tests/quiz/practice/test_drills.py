"""Drills: one fresh exercise on a KPI, its signed token, its replay and its refusals."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client

from quiz.models import AttemptItem
from tests.quiz.conftest import feedback_attributes

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_drill_gives_a_fresh_exercise_each_time(client, course):
    first = client.get("/entrainement/kpi/cpm/").content.decode()
    second = client.get("/entrainement/kpi/cpm/").content.decode()
    token = re.compile(r'name="token" value="([^"]+)"')
    assert token.search(first)[1] != token.search(second)[1]
    assert 'data-kpi="cpm"' in first
    assert client.get("/entrainement/kpi/inconnu/").status_code == 404


def test_drill_answer_is_graded_and_replay_records_once(client, course):
    html = client.get("/entrainement/kpi/cpc/?niveau=2").content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html)[1]
    budget = Decimal(re.search(r'data-name="budget" value="([^"]+)"', html)[1])
    clicks = Decimal(re.search(r'data-name="clicks" value="([^"]+)"', html)[1])
    answer = f"{budget / clicks:.2f} €"
    first = client.post("/entrainement/kpi/cpc/", {"token": token, "answer": answer}, **HTMX)
    assert feedback_attributes(first.content.decode())["data-verdict"] == "correct"
    replay = client.post("/entrainement/kpi/cpc/", {"token": token, "answer": "1"}, **HTMX)
    assert feedback_attributes(replay.content.decode())["data-verdict"] == "correct"
    assert AttemptItem.objects.filter(kpi_slug="cpc").count() == 1


@pytest.mark.parametrize("tamper", ["forged", "other-kpi", "empty"])
def test_tampered_drill_is_refused_with_a_new_exercise(client, course, tamper):
    html = client.get("/entrainement/kpi/cpc/").content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html)[1]
    if tamper == "forged":
        token = token[:-3] + "abc"
        url = "/entrainement/kpi/cpc/"
    elif tamper == "other-kpi":
        url = "/entrainement/kpi/cpm/"
    else:
        token, url = "", "/entrainement/kpi/cpc/"
    response = client.post(url, {"token": token, "answer": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "en voici un nouveau" in page
    assert not AttemptItem.objects.exists()
    htmx = client.post(url, {"token": token, "answer": "1"}, **HTMX)
    assert htmx["HX-Redirect"].startswith(url)


def test_a_cross_site_drill_post_stores_nothing(course):
    """The drill's signed token, bound to the browser's practice owner, is its CSRF token: a
    forged POST from another site (the victim's cookies, the attacker's token) is refused."""
    attacker, victim = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    html = attacker.get("/entrainement/kpi/cpc/").content.decode()
    assert "csrfmiddlewaretoken" not in html and "csrftoken" not in attacker.cookies
    token = re.search(r'name="token" value="([^"]+)"', html)[1]
    victim.get("/entrainement/kpi/cpm/")  # the victim has practised: an owner in their cookie
    for stolen in (token, ""):
        response = victim.post("/entrainement/kpi/cpc/", {"token": stolen, "answer": "1"})
        assert response.status_code == 200 and "en voici un nouveau" in response.content.decode()
    assert not AttemptItem.objects.exists()
    own = re.search(r'name="token" value="([^"]+)"', html)[1]
    assert attacker.post("/entrainement/kpi/cpc/", {"token": own, "answer": "1"}).status_code == 200
    assert AttemptItem.objects.count() == 1  # the page's own browser answers without a CSRF token
