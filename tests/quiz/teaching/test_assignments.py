"""Homework: given by the teacher with dates and rules, taken by each student with their own
numbers and the practice contracts, refused outside its dates, corrected when the rules say."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from quiz.models import Assignment, AttemptItem
from quiz.practice.series import item_exercise
from quiz.teaching import assignments
from tests.factories import numeric_and_concept_quiz
from tests.quiz.conftest import feedback_attributes
from tests.quiz.teaching.conftest import signed_up
from tests.quiz.teaching.test_password_reset import shown_password

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def quiz(course):
    return numeric_and_concept_quiz(title="Réactivité", kpi_slug="taux-reactivite")


def give(school_class, quiz, *, opens=-1, due=2, **rules) -> Assignment:
    """An assignment opened `opens` days from now, due `due` days from now."""
    now = timezone.now()
    return assignments.assignment_create(
        school_class=school_class,
        quiz=quiz,
        opens_at=now + timedelta(days=opens),
        due_at=now + timedelta(days=due),
        **rules,
    )


def start(client: Client, assignment: Assignment) -> str:
    response = client.post(f"/devoirs/{assignment.pk}/commencer/")
    assert response.status_code == 302, response.content[:300]
    return response["Location"]


def test_the_teacher_gives_a_quiz_with_the_contract_fields(teacher_client, school_class, quiz):
    url = f"/enseignant/classes/{school_class.pk}/devoirs/nouveau/"
    html = teacher_client.get(url).content.decode()
    for name in ("quiz", "opens_at", "due_at", "attempts", "correction", "late_work"):
        assert f'name="{name}"' in html
    response = teacher_client.post(
        url,
        {
            "quiz": quiz.pk,
            "opens_at": "2026-12-01T08:00",
            "due_at": "08/12/2026 18:00",
            "attempts": "best",
            "correction": "due",
        },
    )
    assignment = Assignment.objects.get()
    assert response["Location"] == f"/enseignant/devoirs/{assignment.pk}/"
    assert timezone.localtime(assignment.due_at).hour == 18  # Paris time
    assert assignment.attempt_rule == "best" and assignment.correction == "due"
    assert not assignment.late_work


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"due_at": "2026-11-30T08:00"}, "La date limite doit venir après l’ouverture"),
        ({"quiz": "999999"}, "Choisissez un des quiz publiés"),
        ({"opens_at": "demain"}, "Saisissez une date et une heure valides"),
    ],
)
def test_bad_assignments_are_refused_in_french(teacher_client, school_class, quiz, fields, message):
    data = {"quiz": quiz.pk, "opens_at": "2026-12-01T08:00", "due_at": "2026-12-08T18:00"} | fields
    html = teacher_client.post(
        f"/enseignant/classes/{school_class.pk}/devoirs/nouveau/", data
    ).content.decode()
    assert message in html and not Assignment.objects.exists()


def test_an_unpublished_quiz_cannot_be_given(school_class, quiz):
    quiz.is_published = False
    quiz.save()
    with pytest.raises(assignments.Refusal):
        give(school_class, quiz)


def test_students_see_their_classes_assignments_only(school_class, other_teacher, quiz):
    from quiz.teaching import classes

    mine = give(school_class, quiz)
    elsewhere = give(classes.class_create(teacher=other_teacher, name="Autre"), quiz)
    lea = signed_up(school_class)
    html = lea.get("/devoirs/").content.decode()
    assert f'data-assignment-id="{mine.pk}"' in html
    assert f'data-assignment-id="{elsewhere.pk}"' not in html
    assert "à faire" in html
    assert lea.get(f"/devoirs/{elsewhere.pk}/").status_code == 404
    assert lea.post(f"/devoirs/{elsewhere.pk}/commencer/").status_code == 404
    assert Client().get("/devoirs/")["Location"].startswith("/compte/connexion/")


def test_each_student_has_their_own_reproducible_numbers(school_class, quiz):
    assignment = give(school_class, quiz)
    lea, tom = signed_up(school_class, "lea"), signed_up(school_class, "tom")
    first_lea, first_tom = start(lea, assignment), start(tom, assignment)
    html_lea, html_tom = lea.get(first_lea).content.decode(), tom.get(first_tom).content.decode()
    assert 'data-kpi="taux-reactivite"' in html_lea and 'name="answer"' in html_lea
    givens = re.compile(r'<data data-name="([^"]+)" value="([^"]+)">')
    assert givens.findall(html_lea) != givens.findall(html_tom)
    assert start(lea, assignment) == first_lea  # resumed, not a new attempt
    lea_id = assignment.school_class.enrolments.get(student__username="lea").student_id
    item = AttemptItem.objects.get(attempt__owner=f"user:{lea_id}", position=1)
    assert item.seed == assignments.student_seed(assignment, lea_id, 1, 1)  # reproducible


def right_answer(item: AttemptItem) -> str:
    return f"{item_exercise(item).expected:.2f}".replace(".", ",")


def test_answers_follow_the_practice_contracts_and_hand_the_work_in(school_class, quiz):
    assignment = give(school_class, quiz)
    lea = signed_up(school_class)
    first = start(lea, assignment)
    item = AttemptItem.objects.get(attempt__assignment=assignment, position=1)
    html = lea.post(first, {"answer": right_answer(item)}, **HTMX).content.decode()
    assert feedback_attributes(html)["data-verdict"] == "correct"
    second = f"/devoirs/{assignment.pk}/2/"
    option = item.attempt.items.get(position=2).concept_question.options.first()
    lea.post(second, {"choice": option.pk}, **HTMX)
    html = lea.get("/devoirs/").content.decode()
    assert "rendu" in html


def test_the_correction_waits_for_the_due_date_when_asked(school_class, quiz):
    assignment = give(school_class, quiz, correction=Assignment.Correction.DUE)
    lea = signed_up(school_class)
    first = start(lea, assignment)
    item = AttemptItem.objects.get(attempt__assignment=assignment, position=1)
    expected = item_exercise(item).expected
    html = lea.post(first, {"answer": "1"}, **HTMX).content.decode()
    assert "Réponse enregistrée" in html and "après la date limite" in html
    assert "data-verdict" not in feedback_attributes(html)
    assert 'data-verdict="incorrect"' not in html and "Solution détaillée" not in html
    assert f"{expected:.2f}".replace(".", ",") not in html
    Assignment.objects.filter(pk=assignment.pk).update(
        due_at=timezone.now() - timedelta(minutes=1), opens_at=timezone.now() - timedelta(days=3)
    )
    html = lea.get(first).content.decode()
    assert 'data-verdict="incorrect"' in html and "Solution détaillée" in html


def test_answers_are_refused_before_the_opening_and_after_the_due_date(school_class, quiz):
    early = give(school_class, quiz, opens=1, due=3)
    lea = signed_up(school_class)
    response = lea.post(f"/devoirs/{early.pk}/commencer/")
    assert response["Location"] == f"/devoirs/{early.pk}/"
    assert "Ce devoir ouvre le" in lea.get(response["Location"]).content.decode()
    late = give(school_class, quiz)
    first = start(lea, late)
    Assignment.objects.filter(pk=late.pk).update(
        opens_at=timezone.now() - timedelta(days=3), due_at=timezone.now() - timedelta(hours=1)
    )
    response = lea.post(first, {"answer": "1"})
    assert response.status_code == 302
    assert (
        "La date limite de ce devoir est passée" in lea.get(response["Location"]).content.decode()
    )
    assert not AttemptItem.objects.filter(
        attempt__assignment=late, answered_at__isnull=False
    ).exists()


def test_late_work_is_taken_and_marked_late(teacher_client, school_class, quiz):
    assignment = give(school_class, quiz, late_work=True)
    lea = signed_up(school_class)
    Assignment.objects.filter(pk=assignment.pk).update(
        opens_at=timezone.now() - timedelta(days=3), due_at=timezone.now() - timedelta(hours=1)
    )
    first = start(lea, assignment)
    item = AttemptItem.objects.get(attempt__assignment=assignment, position=1)
    lea.post(first, {"answer": right_answer(item)})
    option = item.attempt.items.get(position=2).concept_question.options.first()
    lea.post(f"/devoirs/{assignment.pk}/2/", {"choice": option.pk})
    assert "en retard" in lea.get("/devoirs/").content.decode()
    html = teacher_client.get(f"/enseignant/devoirs/{assignment.pk}/").content.decode()
    assert "rendu, en retard" in html


def test_one_attempt_means_one(school_class, quiz):
    assignment = give(school_class, quiz)
    lea = signed_up(school_class)
    first = start(lea, assignment)
    assert first == f"/devoirs/{assignment.pk}/1/"
    lea.post(first, {"answer": "1"})
    option = AttemptItem.objects.get(attempt__assignment=assignment, position=2)
    lea.post(f"/devoirs/{assignment.pk}/2/", {"choice": option.concept_question.options.first().pk})
    response = lea.post(f"/devoirs/{assignment.pk}/commencer/", {"again": "1"})
    assert response["Location"] == f"/devoirs/{assignment.pk}/"
    assert "ne se fait qu’une fois" in lea.get(response["Location"]).content.decode()


def test_a_temporary_password_is_changed_before_the_homework(teacher_client, school_class, quiz):
    assignment = give(school_class, quiz)
    lea = signed_up(school_class)
    student = school_class.enrolments.get().student
    response = teacher_client.post(
        f"/enseignant/classes/{school_class.pk}/mot-de-passe/", {"student": student.pk}, follow=True
    )
    temporary = shown_password(response)
    lea = Client()
    lea.post("/compte/connexion/", {"username": "lea", "password": temporary})
    for url in ("/devoirs/", f"/devoirs/{assignment.pk}/"):
        assert lea.get(url)["Location"] == "/compte/mot-de-passe/"
