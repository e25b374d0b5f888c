"""Who may open each page of the teacher space and of the accounts: anonymous, a student, a
student of another class, another teacher, the class's teacher, an administrator."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def class_urls(school_class) -> list[tuple[str, str]]:
    base = f"/enseignant/classes/{school_class.pk}/"
    return [("get", base), ("post", base + "code/"), ("post", base + "retirer/")]


EXPECTED = {  # status of a class's own pages
    "anonymous": 302,
    "student": 302,
    "student of another class": 302,
    "another teacher": 404,
    "teacher": (200, 302),
    "administrator": (200, 302),
}


@pytest.mark.parametrize("who", list(EXPECTED))
def test_a_class_is_its_teachers(actors, school_class, who):
    client = actors[who]
    for method, url in class_urls(school_class):
        response = getattr(client, method)(url, {"student": "1"} if method == "post" else {})
        expected = EXPECTED[who]
        assert response.status_code in (expected if isinstance(expected, tuple) else (expected,)), (
            who,
            url,
        )
        if response.status_code == 302 and who in (
            "anonymous",
            "student",
            "student of another class",
        ):
            assert response["Location"].startswith("/admin/login/"), (who, url)


@pytest.mark.parametrize("who", ["anonymous", "student", "student of another class"])
def test_the_teacher_space_is_for_staff(actors, who):
    for url in ("/enseignant/", "/enseignant/classes/"):
        assert actors[who].get(url).status_code == 302
    assert actors[who].post("/enseignant/classes/", {"name": "Pirate"}).status_code == 302
    from quiz.models import SchoolClass

    assert not SchoolClass.objects.filter(name="Pirate").exists()


def test_another_teacher_sees_only_their_own_classes(actors, school_class):
    html = actors["another teacher"].get("/enseignant/classes/").content.decode()
    assert "Autre classe" in html and "BTS NDRC 1" not in html
    assert (
        school_class.join_code not in actors["another teacher"].get("/enseignant/").content.decode()
    )


def test_the_administrator_sees_every_class(actors, school_class):
    html = actors["administrator"].get("/enseignant/classes/").content.decode()
    assert "Autre classe" in html and "BTS NDRC 1" in html


def test_my_account_is_mine(actors):
    assert actors["anonymous"].get("/compte/")["Location"].startswith("/compte/connexion/")
    assert actors["anonymous"].get("/compte/mot-de-passe/").status_code == 302
    html = actors["student"].get("/compte/").content.decode()
    assert ">lea<" in html and ">tom<" not in html and "Autre classe" not in html
