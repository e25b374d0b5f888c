"""Personal data: the page that says what is kept, the download, deleting an account (exactly
the student's rows), the purge of forgotten anonymous practice, and the read-only admin."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.test import Client

from quiz.models import Attempt, AttemptItem, Enrolment, Player, ReviewCard
from quiz.teaching import accounts
from tests.factories import (
    AttemptFactory,
    AttemptItemFactory,
    LiveSessionFactory,
    PlayerFactory,
    ReviewCardFactory,
)
from tests.hostile import NASTY, check
from tests.quiz.teaching.conftest import STUDENT_PASSWORD, practice_of, signed_up

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------------------------------


def main_text(html: str) -> str:
    """The page's own text (no layout), entities read (`&nbsp;` is U+00A0)."""
    main = html.split('<main id="contenu"')[1].split(">", 1)[1].split("</main>")[0]
    return unescape(re.sub(r"<[^>]+>", "", main))


@pytest.mark.parametrize("who", ["anonymous", "student", "teacher", "administrator"])
def test_the_personal_data_page_is_public(actors, who):
    response = actors[who].get("/compte/donnees/")
    assert response.status_code == 200
    text = main_text(response.content.decode())
    for words in ("identifiant tiré au hasard", "mot de passe haché", "pseudo", "365\u00a0jours"):
        assert words in text, words
    assert "téléchargée et supprimée avec votre compte" in text


def test_the_page_says_the_retention_setting(client, settings):
    settings.ANONYMOUS_RETENTION_DAYS = 30
    assert "depuis 30\u00a0jours" in main_text(client.get("/compte/donnees/").content.decode())


def test_the_page_is_in_french_typography(client):
    text = main_text(client.get("/compte/donnees/").content.decode())
    assert not re.search(r"[^\u00a0\u202f][:;!?%»]|«[^\u00a0\u202f]", text.replace("\n", "")), (
        re.findall(r".{20}[^\u00a0\u202f][:;!?%»].{5}", text)
    )


def test_the_footer_and_the_account_page_link_to_it(actors):
    assert 'href="/compte/donnees/"' in Client().get("/").content.decode()
    html = actors["student"].get("/compte/").content.decode()
    assert 'href="/compte/donnees/"' in html and 'href="/compte/donnees.json"' in html
    assert 'action="/compte/supprimer/"' in html and "définitif" in html


# --------------------------------------------------------------------------------------------------
# Permissions of the new account URLs
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["student", "student of another class", "another teacher", "teacher", "administrator"]
)
def test_the_download_is_always_ones_own_data(actors, who):
    lea = User.objects.get(username="lea")
    practice_of(lea, answer="réponse-de-lea")
    response = actors[who].get("/compte/donnees.json")
    assert response.status_code == 200
    data = json.loads(response.content)
    mine = who == "student"
    assert (data["account"]["username"] == "lea") is mine
    assert ("réponse-de-lea" in response.content.decode()) is mine


def test_anonymous_visitors_are_sent_to_sign_in(actors):
    anonymous = actors["anonymous"]
    assert anonymous.get("/compte/donnees.json")["Location"].startswith("/compte/connexion/")
    response = anonymous.post("/compte/supprimer/", {"password": STUDENT_PASSWORD})
    assert response["Location"].startswith("/compte/connexion/")
    assert User.objects.filter(username="lea").exists()


def test_methods(actors):
    student = actors["student"]
    assert student.post("/compte/donnees.json").status_code == 405
    assert student.get("/compte/supprimer/").status_code == 405
    assert student.post("/compte/donnees/").status_code == 405


@pytest.mark.parametrize("who", ["another teacher", "teacher", "administrator"])
def test_a_teachers_account_is_not_deleted_from_the_account_page(actors, who):
    staff = {"another teacher": "autre-prof", "teacher": "prof", "administrator": "chef"}[who]
    response = actors[who].post("/compte/supprimer/", {"password": "x"})
    assert response.status_code == 302 and response["Location"] == "/compte/"
    assert User.objects.filter(username=staff).exists()
    assert 'action="/compte/supprimer/"' not in actors[who].get("/compte/").content.decode()


def test_a_student_deletes_only_their_own_account(actors):
    actors["student of another class"].post("/compte/supprimer/", {"password": STUDENT_PASSWORD})
    assert User.objects.filter(username="lea").exists()
    assert not User.objects.filter(username="tom").exists()


# --------------------------------------------------------------------------------------------------
# The download
# --------------------------------------------------------------------------------------------------


def test_the_download_holds_the_account_its_classes_and_practice(school_class):
    student = signed_up(school_class)
    lea = User.objects.get(username="lea")
    attempt = practice_of(lea)
    practice_of(User.objects.create_user("zoe", password="x"), answer="réponse-de-zoe")
    response = student.get("/compte/donnees.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "réponse-de-zoe" not in body and "pbkdf2" not in body and lea.password not in body
    data = json.loads(body)
    assert data["account"]["username"] == "lea" and data["account"]["first_name"] == "Léa"
    assert data["account"]["temporary_password"] is False
    assert data["classes"] == [
        {
            "name": "BTS NDRC 1",
            "school_year": "2026-2027",
            "teacher": "prof",
            "joined_at": Enrolment.objects.get(student=lea).joined_at.isoformat(),
        }
    ]
    [exported] = data["attempts"]
    assert exported["id"] == str(attempt.pk) and exported["scope"] == "kpi"
    first, second = exported["items"]
    assert first["kpi"] == "cpc" and first["question"].startswith("Exercice\u00a0: ")
    assert first["answer"] == "12,5" and first["verdict"] == "incorrect"
    assert first["diagnosis"] == "wrong-unit" and first["answered_at"]
    assert second["answered_at"] is None and second["answer"] == ""
    assert "seed" not in first
    [card] = data["review_cards"]
    assert card["item"] == "kpi:cpc" and card["box"] == 2 and card["wrong_count"] == 1


def test_a_concept_question_is_exported_with_its_stem(school_class, course):
    from courses.models import ConceptQuestion

    student = signed_up(school_class)
    lea = User.objects.get(username="lea")
    question = ConceptQuestion.objects.first()
    attempt = AttemptFactory(owner=f"user:{lea.pk}", scope="lesson")
    AttemptItemFactory(attempt=attempt, kpi_slug="", concept_question=question, position=1)
    data = json.loads(student.get("/compte/donnees.json").content)
    assert data["attempts"][0]["items"][0]["question"] == question.stem


# --------------------------------------------------------------------------------------------------
# Deleting an account
# --------------------------------------------------------------------------------------------------


def test_deleting_my_account_removes_exactly_my_rows(school_class, teacher):
    student = signed_up(school_class, "lea")
    signed_up(school_class, "tom")
    lea, tom = User.objects.get(username="lea"), User.objects.get(username="tom")
    practice_of(lea)
    tom_attempt = practice_of(tom)
    anonymous = AttemptFactory(owner="session:abc")
    ReviewCardFactory(owner="session:abc")
    player = PlayerFactory(session=LiveSessionFactory(owner=teacher), pseudo="lea")
    before = {
        "attempts": Attempt.objects.count(),
        "items": AttemptItem.objects.count(),
        "cards": ReviewCard.objects.count(),
    }

    response = student.post("/compte/supprimer/", {"password": STUDENT_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert not User.objects.filter(pk=lea.pk).exists()
    assert not Enrolment.objects.filter(student_id=lea.pk).exists()
    assert not Attempt.objects.filter(owner=f"user:{lea.pk}").exists()
    assert not ReviewCard.objects.filter(owner=f"user:{lea.pk}").exists()
    assert Attempt.objects.count() == before["attempts"] - 1
    assert AttemptItem.objects.count() == before["items"] - 2
    assert ReviewCard.objects.count() == before["cards"] - 1
    # Everyone else's rows stay: the other student's, anonymous practice, the live player.
    assert User.objects.filter(pk=tom.pk).exists()
    assert Enrolment.objects.filter(student=tom, school_class=school_class).exists()
    assert tom_attempt.items.count() == 2
    assert ReviewCard.objects.filter(owner=f"user:{tom.pk}").exists()
    assert Attempt.objects.filter(pk=anonymous.pk).exists()
    assert Player.objects.filter(pk=player.pk).exists()
    # Signed out.
    assert student.get("/compte/")["Location"].startswith("/compte/connexion/")


def test_deleting_says_so_on_the_home_page(school_class):
    student = signed_up(school_class)
    html = student.post(
        "/compte/supprimer/", {"password": STUDENT_PASSWORD}, follow=True
    ).content.decode()
    assert "Votre compte et votre entraînement ont été supprimés." in html


def test_a_wrong_password_deletes_nothing(school_class):
    student = signed_up(school_class)
    lea = User.objects.get(username="lea")
    practice_of(lea)
    response = student.post("/compte/supprimer/", {"password": "pas-le-bon"})
    assert response.status_code == 200
    assert "Mot de passe incorrect" in response.content.decode()
    assert User.objects.filter(pk=lea.pk).exists() and Attempt.objects.exists()
    assert student.get("/compte/").status_code == 200


def test_guessing_the_password_to_delete_is_limited(school_class):
    student = signed_up(school_class)
    for _ in range(accounts.SIGN_IN_FAILURES_PER_CLIENT):
        student.post("/compte/supprimer/", {"password": "pas-le-bon"})
    response = student.post("/compte/supprimer/", {"password": STUDENT_PASSWORD})
    assert "Trop d’essais" in response.content.decode()
    assert User.objects.filter(username="lea").exists()


@pytest.mark.parametrize("value", NASTY)
def test_the_privacy_pages_survive_any_value(school_class, value):
    student = signed_up(school_class)
    check(student.post("/compte/supprimer/", {"password": value}))
    check(student.post("/compte/supprimer/", {"password": value, "x": value}))
    check(student.get("/compte/donnees.json", {"x": value}))
    check(student.get("/compte/donnees/", {"x": value}))
    check(Client().get("/compte/donnees/", {"x": value}))
    check(Client().post("/compte/supprimer/", {"password": value}))
    assert User.objects.filter(username="lea").exists()
