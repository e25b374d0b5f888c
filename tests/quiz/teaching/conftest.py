from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from quiz.models import Attempt
from quiz.teaching import accounts, classes
from tests.factories import (
    AttemptFactory,
    AttemptItemFactory,
    ReviewCardFactory,
    TeacherFactory,
    UserFactory,
)

STUDENT_PASSWORD = "revisions-2026-ndrc"


@pytest.fixture
def school_class(teacher):
    return classes.class_create(teacher=teacher, name="BTS NDRC 1", school_year="2026-2027")


@pytest.fixture
def other_teacher(db):
    return TeacherFactory(username="autre-prof")


def signed_up(school_class, username: str = "lea", client: Client | None = None) -> Client:
    """A browser whose student signed up to the class with its code."""
    client = client or Client()
    response = client.post(
        "/compte/inscription/",
        {
            "class_code": school_class.join_code.lower(),
            "username": username,
            "first_name": "Léa",
            "password1": STUDENT_PASSWORD,
            "password2": STUDENT_PASSWORD,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return client


def student_in(school_class, username: str = "lea"):
    student = UserFactory(username=username)
    accounts.student_enrol(student=student, school_class=school_class)
    return student


@pytest.fixture
def actors(school_class, teacher, other_teacher):
    """Every kind of visitor of the teacher space, each in their own browser."""
    other_class = classes.class_create(teacher=other_teacher, name="Autre classe")
    owner, colleague, admin = Client(), Client(), Client()
    owner.force_login(teacher)
    colleague.force_login(other_teacher)
    admin.force_login(TeacherFactory(username="chef", superuser=True))
    return {
        "anonymous": Client(),
        "student": signed_up(school_class, "lea"),
        "student of another class": signed_up(other_class, "tom"),
        "another teacher": colleague,
        "teacher": owner,
        "administrator": admin,
    }


@pytest.fixture(autouse=True)
def _no_sign_in_failures_left_over():
    """The sign-in limit counts in the shared cache: the teaching tests guess wrong passwords,
    and neither inherit nor leave counts (another test's `lea` would be held back)."""
    cache.clear()
    yield
    cache.clear()


def practice_of(user: User, *, answer: str = "12,5") -> Attempt:
    """A series with one answered numeric item, and a review card, owned by this account."""
    attempt = AttemptFactory(owner=f"user:{user.pk}", scope="kpi", scope_value="cpc")
    AttemptItemFactory(
        attempt=attempt,
        position=1,
        kpi_slug="cpc",
        answer=answer,
        verdict="incorrect",
        diagnosis="wrong-unit",
        answered_at=timezone.now(),
    )
    AttemptItemFactory(attempt=attempt, position=2, kpi_slug="cpc")
    ReviewCardFactory(owner=f"user:{user.pk}", kpi_slug="cpc", box=2, wrong_count=1)
    return attempt
