from __future__ import annotations

import pytest
from django.test import Client

from quiz.teaching import accounts, classes
from tests.factories import TeacherFactory, UserFactory

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
