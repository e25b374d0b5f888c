"""A teacher gives a student a temporary password from the roster; the student must choose
their own at the next sign-in, and every page of their account waits until they have."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from quiz.models import StudentAccount
from quiz.teaching import accounts, classes
from quiz.teaching.password_reset import (
    TEMPORARY_ALPHABET,
    TEMPORARY_LENGTH,
    student_password_reset,
    temporary_password,
)
from tests.factories import TeacherFactory
from tests.hostile import NASTY, check
from tests.quiz.teaching.conftest import STUDENT_PASSWORD, signed_up

pytestmark = pytest.mark.django_db


NEW_PASSWORD = "mon-nouveau-secret-2027"


def reset_url(school_class) -> str:
    return f"/enseignant/classes/{school_class.pk}/mot-de-passe/"


def shown_password(response) -> str:
    """The temporary password in the message of the class page the reset redirects to."""
    html = response.content.decode()
    found = re.search(r"Mot de passe provisoire de lea\u00a0: ([a-z0-9]+) —", html)
    assert found, html[:3000]
    return found[1]


def sign_in(client: Client, password: str, username: str = "lea"):
    return client.post("/compte/connexion/", {"username": username, "password": password})


EXPECTED = {
    "anonymous": 302,
    "student": 302,
    "student of another class": 302,
    "another teacher": 404,
    "teacher": 302,
    "administrator": 302,
}


@pytest.mark.parametrize("who", list(EXPECTED))
def test_only_the_classs_teacher_or_an_administrator_resets(actors, school_class, who):
    lea = User.objects.get(username="lea")
    response = actors[who].post(reset_url(school_class), {"student": str(lea.pk)})
    assert response.status_code == EXPECTED[who]
    reset = who in ("teacher", "administrator")
    if response.status_code == 302:
        expected = f"/enseignant/classes/{school_class.pk}/" if reset else "/admin/login/"
        assert response["Location"].startswith(expected)
    lea.refresh_from_db()
    assert lea.check_password(STUDENT_PASSWORD) is not reset
    assert StudentAccount.objects.filter(user=lea, must_change_password=True).exists() is reset


def test_a_reset_is_a_post(teacher_client, school_class):
    assert teacher_client.get(reset_url(school_class)).status_code == 405


def test_only_a_student_of_this_class_is_reset(teacher_client, school_class, other_teacher):
    other_class = classes.class_create(teacher=other_teacher, name="Autre classe")
    signed_up(other_class, "tom")
    tom = User.objects.get(username="tom")
    colleague = TeacherFactory(username="collegue")
    accounts.student_enrol(student=colleague, school_class=school_class)
    for student_id in (tom.pk, colleague.pk, 99999999, 0):
        response = teacher_client.post(reset_url(school_class), {"student": str(student_id)})
        assert response.status_code == 404
    tom.refresh_from_db()
    colleague.refresh_from_db()
    assert tom.check_password(STUDENT_PASSWORD) and colleague.check_password("x")
    assert not StudentAccount.objects.exists()


@pytest.mark.parametrize("value", NASTY)
def test_the_reset_form_survives_any_value(teacher_client, school_class, value):
    signed_up(school_class)
    check(teacher_client.post(reset_url(school_class), {"student": value}))
    check(teacher_client.post(reset_url(school_class), {"student": value, "x": value}))
    assert not StudentAccount.objects.exists()
    assert User.objects.get(username="lea").check_password(STUDENT_PASSWORD)


def test_the_roster_has_a_reset_button_per_student(teacher_client, school_class):
    signed_up(school_class)
    lea = User.objects.get(username="lea")
    html = teacher_client.get(f"/enseignant/classes/{school_class.pk}/").content.decode()
    row = html.split(f'data-student="{lea.pk}"')[1].split("</tr>")[0]
    assert f'action="{reset_url(school_class)}"' in row
    assert f'name="student" value="{lea.pk}"' in row and "Nouveau mot de passe" in row


def test_temporary_passwords_are_readable_and_random():
    drawn = {temporary_password() for _ in range(200)}
    assert len(drawn) == 200
    for password in drawn:
        assert len(password) == TEMPORARY_LENGTH
        assert set(password) <= set(TEMPORARY_ALPHABET)
    assert not set("0o1il") & set(TEMPORARY_ALPHABET)


def test_the_password_is_stored_hashed(school_class):
    signed_up(school_class)
    lea, password = student_password_reset(
        school_class=school_class, student_id=User.objects.get(username="lea").pk
    )
    lea.refresh_from_db()
    assert password not in lea.password and lea.check_password(password)


def test_the_temporary_password_flow_end_to_end(teacher_client, school_class):
    student = signed_up(school_class)
    lea = User.objects.get(username="lea")

    # The teacher sees the temporary password once.
    response = teacher_client.post(reset_url(school_class), {"student": str(lea.pk)}, follow=True)
    temporary = shown_password(response)
    page = teacher_client.get(f"/enseignant/classes/{school_class.pk}/").content.decode()
    assert temporary not in page

    # The student's open session ended with the old password, which no longer works.
    assert student.get("/compte/")["Location"].startswith("/compte/connexion/")
    assert sign_in(Client(), STUDENT_PASSWORD).status_code == 200

    # Signed in with the temporary password, they must choose theirs first.
    response = sign_in(student, temporary)
    assert response.status_code == 302 and response["Location"] == "/compte/mot-de-passe/"
    for url in ("/compte/", "/compte/donnees/", "/compte/donnees.json"):
        assert student.get(url)["Location"] == "/compte/mot-de-passe/", url
    assert student.post("/compte/", {"class_code": "ABCDEF"})["Location"] == (
        "/compte/mot-de-passe/"
    )
    response = student.post("/compte/supprimer/", {"password": temporary})
    assert response["Location"] == "/compte/mot-de-passe/"
    assert User.objects.filter(username="lea").exists()
    html = student.get("/compte/mot-de-passe/").content.decode()
    assert "mot de passe provisoire" in html and 'name="old_password"' in html

    # Changing it clears the flag and opens the account again.
    response = student.post(
        "/compte/mot-de-passe/",
        {"old_password": temporary, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/compte/"
    assert not StudentAccount.objects.get(user=lea).must_change_password
    assert student.get("/compte/").status_code == 200

    # From now on: the new password signs in straight to the account, the temporary one fails.
    assert sign_in(Client(), temporary).status_code == 200
    response = sign_in(Client(), NEW_PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/compte/"


def test_a_wrong_old_password_keeps_the_flag(teacher_client, school_class):
    student = signed_up(school_class)
    lea = User.objects.get(username="lea")
    _, temporary = student_password_reset(school_class=school_class, student_id=lea.pk)
    sign_in(student, temporary)
    response = student.post(
        "/compte/mot-de-passe/",
        {"old_password": "faux", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert StudentAccount.objects.get(user=lea).must_change_password
    assert student.get("/compte/")["Location"] == "/compte/mot-de-passe/"


def test_a_student_held_back_by_wrong_guesses_signs_in_with_the_temporary_password(
    school_class,
):
    signed_up(school_class)
    lea = User.objects.get(username="lea")
    browser = Client()
    for _ in range(accounts.SIGN_IN_FAILURES_PER_CLIENT):
        sign_in(browser, "pas-le-bon")
    assert "Trop d’essais" in sign_in(browser, STUDENT_PASSWORD).content.decode()
    _, temporary = student_password_reset(school_class=school_class, student_id=lea.pk)
    response = sign_in(browser, temporary)
    assert response.status_code == 302 and response["Location"] == "/compte/mot-de-passe/"


def test_a_student_may_sign_out_before_changing_it(school_class):
    student = signed_up(school_class)
    lea = User.objects.get(username="lea")
    _, temporary = student_password_reset(school_class=school_class, student_id=lea.pk)
    sign_in(student, temporary)
    assert student.post("/compte/deconnexion/").status_code == 302
    assert student.get("/compte/")["Location"].startswith("/compte/connexion/")
    assert StudentAccount.objects.get(user=lea).must_change_password
