from __future__ import annotations

import re

import pytest
from django.test import Client

from quiz.models import AttemptItem
from tests.factories import TeacherFactory


@pytest.fixture
def teacher(db):
    return TeacherFactory(username="prof")


@pytest.fixture
def teacher_client(teacher):
    client = Client()
    client.force_login(teacher)
    return client


def start_series(client, scope: str = "chapter", value: str = "") -> str:
    response = client.post("/entrainement/commencer/", {"scope": scope, "value": value})
    assert response.status_code == 302, response.content[:300]
    return response["Location"]


def question_url(first_url: str, position: int) -> str:
    return re.sub(r"/\d+/$", f"/{position}/", first_url)


def item_at(first_url: str, position: int) -> AttemptItem:
    attempt_id = first_url.rstrip("/").split("/")[-2]
    return AttemptItem.objects.get(attempt_id=attempt_id, position=position)


def feedback_attributes(html: str) -> dict[str, str]:
    match = re.search(r'<section id="feedback"([^>]*)>', html)
    assert match, html[:500]
    return dict(re.findall(r'(data-[a-z]+)="([^"]*)"', match[1]))
