"""Practice, calculators and lessons, fed what phones and curious students send: never a 500, never
raw HTML."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from calculators.kpis import KPIS
from tests.hostile import NASTY, check, on_the_wire
from tests.quiz.conftest import question_url, start_series

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.parametrize("value", NASTY)
def test_series_endpoints_survive_any_value(client, course, value):
    for scope in ("chapter", "lesson", "family", "kpi", "quiz", "review", value[:100]):
        check(client.post("/entrainement/commencer/", {"scope": scope, "value": value}))
    first = start_series(client)
    concept_questions = 0
    for position in range(1, 11):  # concept and numeric questions alike
        url = question_url(first, position)
        options = re.findall(r'name="choice" id="[^"]*" value="(\d+)"', check(client.get(url)))
        concept_questions += bool(options)
        # A concept question with a real option ticked is graded and stored, answer text included.
        check(client.post(url, {"answer": value, "choice": [value, *options[:1]]}, **HTMX))
        check(client.post(url, {"answer": value}))  # double submit, without htmx
    assert concept_questions > 0
    check(client.get(question_url(first, 10**30)))
    client.cookies["sessionid"] = on_the_wire(value)  # a forged session: a new one, never a 500
    check(client.get(first))
    check(client.post("/entrainement/commencer/", {"scope": "chapter"}))
    check(client.get(first.replace("/1/", "/bilan/")))


@pytest.mark.parametrize("value", NASTY)
def test_drill_survives_any_value(client, course, value):
    url = "/entrainement/kpi/taux-reactivite/"
    check(client.get(url, {"niveau": value}))
    page = check(client.get(url))
    token = page.split('name="token" value="', 1)[1].split('"', 1)[0]
    check(client.post(url, {"token": token, "answer": value, "niveau": value}, **HTMX))
    check(client.post(url, {"token": value, "answer": "12,5"}, **HTMX))
    check(client.post(url, {"token": token + value, "answer": "12,5"}))


@pytest.mark.parametrize("value", NASTY)
def test_calculators_survive_any_value(value):
    client = Client()
    for kpi in KPIS:
        url = f"/calculateurs/{kpi.slug}/"
        fields = dict.fromkeys(kpi.input_names, value)
        check(client.get(url, fields))
        check(client.get(url, fields, **HTMX, HTTP_HX_TARGET="calculation"))
        check(client.get(url, {kpi.input_names[0]: value}, **HTMX))


@pytest.mark.parametrize(
    "path", ["/cours/{}/", "/calculateurs/{}/", "/entrainement/kpi/{}/", "/entrainement/quiz/{}/"]
)
def test_unknown_or_oversized_names_are_not_found(client, path):
    for name in ("inconnu", "9" * 30, "a" * 5000):
        assert client.get(path.format(name)).status_code == 404
