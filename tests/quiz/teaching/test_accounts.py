"""Student accounts: sign-up with a class code, sign-in (limited guesses), sign-out, my account,
and what an anonymous browser practised following the student into their account."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from quiz.models import Attempt, Enrolment, ReviewCard
from quiz.teaching import accounts
from tests.quiz.conftest import item_at, question_url, start_series
from tests.quiz.teaching.conftest import STUDENT_PASSWORD, signed_up

pytestmark = pytest.mark.django_db


def test_a_student_signs_up_with_the_class_code(school_class):
    client = signed_up(school_class)
    lea = User.objects.get(username="lea")
    assert not lea.is_staff and lea.first_name == "Léa"
    assert Enrolment.objects.filter(student=lea, school_class=school_class).exists()
    html = client.get("/compte/").content.decode()
    assert "BTS NDRC 1" in html and "Connecté en tant que" in html


def test_the_sign_up_form_has_the_contract_fields_and_takes_the_code_from_the_qr(school_class):
    html = Client().get(f"/compte/inscription/?code={school_class.join_code}").content.decode()
    for name in ("class_code", "username", "password1", "password2", "first_name"):
        assert f'name="{name}"' in html
    assert f'value="{school_class.join_code}"' in html
    assert "e-mail" not in html.split("<form")[1].split("</form>")[0].lower()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"class_code": "ZZZZZZ"}, "Aucune classe n’a ce code"),
        ({"class_code": ""}, "Ce champ est obligatoire"),
        ({"password2": "autre-chose-2026"}, "Les deux mots de passe"),
        ({"password1": "123", "password2": "123"}, "trop court"),
    ],
)
def test_sign_up_errors_are_french_and_create_nothing(school_class, fields, message):
    data = {
        "class_code": school_class.join_code,
        "username": "tom",
        "password1": STUDENT_PASSWORD,
        "password2": STUDENT_PASSWORD,
    } | fields
    response = Client().post("/compte/inscription/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(username="tom").exists()


def test_a_username_is_taken_once(school_class):
    signed_up(school_class)
    response = Client().post(
        "/compte/inscription/",
        {
            "class_code": school_class.join_code,
            "username": "lea",
            "password1": STUDENT_PASSWORD,
            "password2": STUDENT_PASSWORD,
        },
    )
    assert "existe déjà" in response.content.decode()


def test_sign_in_and_sign_out(school_class):
    signed_up(school_class)
    client = Client()
    response = client.post("/compte/connexion/", {"username": "lea", "password": STUDENT_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/compte/"
    assert client.get("/compte/deconnexion/").status_code == 405  # signing out is a POST
    client.post("/compte/deconnexion/")
    assert client.get("/compte/")["Location"].startswith("/compte/connexion/")


def test_sign_in_goes_back_to_a_local_next_page_only(school_class):
    signed_up(school_class)
    data = {"username": "lea", "password": STUDENT_PASSWORD}
    local = Client().post("/compte/connexion/", data | {"next": "/entrainement/"})
    assert local["Location"] == "/entrainement/"
    away = Client().post("/compte/connexion/", data | {"next": "https://ailleurs.example/"})
    assert away["Location"] == "/compte/"


def test_wrong_passwords_wait_for_this_account_and_client_only(school_class, settings):
    signed_up(school_class, "lea")
    signed_up(school_class, "tom")
    guesser = Client(REMOTE_ADDR="10.0.0.1")
    for _ in range(accounts.SIGN_IN_FAILURES_PER_CLIENT):
        html = guesser.post(
            "/compte/connexion/", {"username": "lea", "password": "x"}
        ).content.decode()
        assert "Saisissez un nom d’utilisateur et un mot de passe valides" in html
    refused = guesser.post("/compte/connexion/", {"username": "lea", "password": STUDENT_PASSWORD})
    assert refused.status_code == 200 and "patientez un quart d’heure" in refused.content.decode()
    # The same school address, another account: not concerned.
    classmate = Client(REMOTE_ADDR="10.0.0.1")
    assert (
        classmate.post(
            "/compte/connexion/", {"username": "tom", "password": STUDENT_PASSWORD}
        ).status_code
        == 302
    )


def test_a_signed_in_student_joins_another_class(school_class, teacher):
    from quiz.teaching import classes

    second = classes.class_create(teacher=teacher, name="Option e-commerce")
    client = signed_up(school_class)
    client.post("/compte/", {"class_code": second.join_code})
    client.post("/compte/", {"class_code": second.join_code})  # twice: once in the class
    assert Enrolment.objects.filter(student__username="lea").count() == 2
    assert (
        "Aucune classe n’a ce code"
        in client.post("/compte/", {"class_code": "nope"}).content.decode()
    )


def test_a_student_changes_their_password(school_class):
    client = signed_up(school_class)
    response = client.post(
        "/compte/mot-de-passe/",
        {
            "old_password": STUDENT_PASSWORD,
            "new_password1": "nouveau-2026-ndrc",
            "new_password2": "nouveau-2026-ndrc",
        },
    )
    assert response.status_code == 302
    assert client.get("/compte/").status_code == 200  # still signed in
    assert Client().login(username="lea", password="nouveau-2026-ndrc")


def test_anonymous_practice_follows_the_student_into_their_account(course, school_class):
    """Two browsers practised before signing in to one account, with a KPI in common: every series
    moves, and the shared card adds both browsers' answers once — signing in again adds nothing."""
    phone, laptop = Client(), Client()
    for browser in (phone, laptop):
        url = start_series(browser, "family", "e-mailing")
        first_numeric = next(p for p in range(1, 11) if item_at(url, p).is_numeric)
        browser.post(question_url(url, first_numeric), {"answer": "0"})
        drill = browser.get("/entrainement/kpi/cpc/").content.decode()  # the KPI both practised
        token = re.search(r'name="token" value="([^"]+)"', drill)[1]
        browser.post("/entrainement/kpi/cpc/", {"token": token, "niveau": "1", "answer": "0"})
    anonymous_cards = ReviewCard.objects.count()
    answers = sum(card.correct_count + card.wrong_count for card in ReviewCard.objects.all())
    signed_up(school_class, client=phone)
    laptop.post("/compte/connexion/", {"username": "lea", "password": STUDENT_PASSWORD})
    laptop.post("/compte/connexion/", {"username": "lea", "password": STUDENT_PASSWORD})
    lea = User.objects.get(username="lea")
    assert set(Attempt.objects.values_list("owner", flat=True)) == {f"user:{lea.pk}"}
    cards = list(ReviewCard.objects.all())
    assert {card.owner for card in cards} == {f"user:{lea.pk}"}
    assert len(cards) <= anonymous_cards
    assert sum(card.correct_count + card.wrong_count for card in cards) == answers
    assert len({card.item_key for card in cards}) == len(cards)
    assert ReviewCard.objects.get(item_key="kpi:cpc").wrong_count == 2


def test_create_teacher_makes_a_staff_user_in_the_teachers_group(monkeypatch):
    monkeypatch.setenv("TEACHER_PASSWORD", "professeur-ndrc-2026")
    call_command("create_teacher", "mme.durand")
    teacher = User.objects.get(username="mme.durand")
    assert teacher.is_staff and not teacher.is_superuser
    assert teacher.groups.filter(name=accounts.TEACHERS_GROUP).exists()
    assert teacher.has_perm("quiz.add_quiz") and teacher.has_perm("quiz.add_schoolclass")
    assert not teacher.has_perm("auth.change_user") and not teacher.has_perm("auth.add_user")
    call_command("create_teacher", "mme.durand")  # again: the same account, still a teacher
    assert User.objects.filter(username="mme.durand").count() == 1
