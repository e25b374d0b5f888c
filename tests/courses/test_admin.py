from __future__ import annotations

import pytest

from courses.models import ConceptQuestion, Lesson
from tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher_client(client, course):
    client.force_login(TeacherFactory(superuser=True, username="prof"))
    return client


def question_post(lesson: Lesson, kind: str, options: list[tuple[str, bool]]) -> dict:
    data = {
        "lesson": lesson.pk,
        "kind": kind,
        "stem": "Une question ?",
        "explanation": "Parce que.",
        "options-TOTAL_FORMS": str(len(options)),
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
    }
    for i, (text, right) in enumerate(options):
        data[f"options-{i}-text"] = text
        data[f"options-{i}-order"] = str(i + 1)
        if right:
            data[f"options-{i}-is_correct"] = "on"
    return data


def test_admin_lists_are_in_french_and_filterable(teacher_client):
    html = teacher_client.get(
        "/admin/courses/conceptquestion/?kind__exact=true_false"
    ).content.decode()
    assert "Vrai ou faux" in html
    assert teacher_client.get("/admin/courses/conceptquestion/?q=PEPSI").status_code == 200
    assert "leçon" in teacher_client.get("/admin/courses/lesson/").content.decode().lower()


def test_lesson_change_page_links_to_the_public_page(teacher_client):
    lesson = Lesson.objects.get(slug="methode-pepsi")
    html = teacher_client.get(f"/admin/courses/lesson/{lesson.pk}/change/").content.decode()
    assert "/cours/methode-pepsi/" in html


def test_question_without_a_right_option_is_refused(teacher_client):
    lesson = Lesson.objects.first()
    before = ConceptQuestion.objects.count()
    response = teacher_client.post(
        "/admin/courses/conceptquestion/add/",
        question_post(lesson, "single", [("A", False), ("B", False)]),
    )
    assert response.status_code == 200
    assert "Cochez au moins une bonne réponse." in response.content.decode()
    assert ConceptQuestion.objects.count() == before


def test_true_false_needs_exactly_two_options(teacher_client):
    lesson = Lesson.objects.first()
    response = teacher_client.post(
        "/admin/courses/conceptquestion/add/",
        question_post(
            lesson, "true_false", [("Vrai", True), ("Faux", False), ("Peut-être", False)]
        ),
    )
    assert "exactement deux options" in response.content.decode()


def test_valid_question_is_saved(teacher_client):
    lesson = Lesson.objects.first()
    before = ConceptQuestion.objects.count()
    response = teacher_client.post(
        "/admin/courses/conceptquestion/add/",
        question_post(lesson, "multiple", [("A", True), ("B", True), ("C", False)]),
    )
    assert response.status_code == 302
    assert ConceptQuestion.objects.count() == before + 1
