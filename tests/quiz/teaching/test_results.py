"""An assignment's results: rows per student, facility per question, the class's named mistakes,
the student's detail, CSV files for French Excel, and who may read them."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.test import Client
from django.utils import timezone

from quiz.models import AttemptItem
from quiz.practice.series import item_answer, item_exercise
from quiz.teaching import assignments
from tests.factories import TeacherFactory, UserFactory, numeric_and_concept_quiz
from tests.quiz.teaching.conftest import signed_up
from tests.quiz.teaching.test_assignments import give

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment(course, school_class):
    return give(
        school_class, numeric_and_concept_quiz(title="Réactivité", kpi_slug="taux-reactivite")
    )


def hand_in(assignment, student, *, numeric: str, right_concept: bool) -> None:
    """A student's whole attempt, answered through the practice series' service."""
    attempt = assignments.assignment_attempt(
        assignment=assignment, student=student, now=timezone.now()
    )
    for item in attempt.items.select_related("concept_question"):
        if item.is_numeric:
            exercise = item_exercise(item)
            value = {"right": f"{exercise.expected}", "proportion": f"{exercise.exact / 100:.6f}"}
            item_answer(
                item=item,
                owner=attempt.owner,
                answer=value.get(numeric, numeric),
                now=timezone.now(),
            )
        else:
            options = list(item.concept_question.options.all())
            pick = next(o for o in options if o.is_correct == right_concept)
            item_answer(item=item, owner=attempt.owner, chosen_ids=[pick.pk], now=timezone.now())


def class_of(assignment, count: int, prefix: str = "eleve"):
    students = [UserFactory(username=f"{prefix}{i}") for i in range(count)]
    for student in students:
        assignment.school_class.enrolments.create(student=student)
    return students


def test_rows_columns_and_named_mistakes(teacher_client, assignment):
    students = class_of(assignment, 4)
    hand_in(assignment, students[0], numeric="right", right_concept=True)
    hand_in(assignment, students[1], numeric="proportion", right_concept=False)
    hand_in(assignment, students[2], numeric="proportion", right_concept=True)
    html = teacher_client.get(f"/enseignant/devoirs/{assignment.pk}/").content.decode()
    for student in students:
        assert f'data-student="{student.pk}"' in html
    facilities = re.findall(r'data-facility="([^"]*)"', html)
    assert facilities == ["33", "67"]
    assert 'data-diagnosis="forgot-x100" data-count="2"' in html
    assert "2 élèves" in html and "pas commencé" in html
    assert "La discrimination s’affiche à partir de 10 devoirs rendus" in html


def test_item_analysis_from_ten_attempts(teacher_client, assignment):
    students = class_of(assignment, 12)
    for number, student in enumerate(students):
        strong = number < 6
        hand_in(
            assignment,
            student,
            numeric="right" if strong else "0",
            right_concept=strong or number == 6,
        )
    html = teacher_client.get(f"/enseignant/devoirs/{assignment.pk}/").content.decode()
    assert "discrimination" in html and "(bonne)" in html


def test_a_students_detail_shows_their_own_exercise(teacher_client, assignment):
    (lea,) = class_of(assignment, 1)
    hand_in(assignment, lea, numeric="proportion", right_concept=False)
    item = AttemptItem.objects.get(attempt__owner=f"user:{lea.pk}", position=1)
    html = teacher_client.get(
        f"/enseignant/devoirs/{assignment.pk}/eleves/{lea.pk}/"
    ).content.decode()
    for given in item_exercise(item).given.values():
        assert f'value="{given:f}"' in html
    assert "Diagnostic." in html and "✗ fausse" in html
    other = UserFactory(username="pas-dans-la-classe")
    assert (
        teacher_client.get(f"/enseignant/devoirs/{assignment.pk}/eleves/{other.pk}/").status_code
        == 404
    )


def test_the_csv_is_for_french_excel_and_cannot_run_formulas(teacher_client, assignment):
    (mallory,) = class_of(assignment, 1, prefix="=HYPERLINK(")
    hand_in(assignment, mallory, numeric="right", right_concept=True)
    response = teacher_client.get(f"/enseignant/devoirs/{assignment.pk}/resultats.csv")
    body = response.content.decode("utf-8")
    assert response["Content-Type"].startswith("text/csv") and body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Élève", "Prénom", "Score"]
    assert rows[1][0] == "'=HYPERLINK(0" and rows[1][2] == "2" and rows[1][5] == "non"
    answers = teacher_client.get(
        f"/enseignant/devoirs/{assignment.pk}/reponses.csv"
    ).content.decode()
    lines = list(csv.reader(io.StringIO(answers.lstrip("\ufeff")), delimiter=";"))
    assert len(lines) == 3 and lines[1][0].startswith("'=")


@pytest.mark.parametrize("size", [5, 200])
def test_results_and_csv_cost_the_same_queries_for_5_or_200_students(
    teacher_client, assignment, size, django_assert_num_queries
):
    """Students, attempts, items, questions: four queries, with the teacher's session and user,
    the assignment, and (on the page) the messages."""
    for student in class_of(assignment, size):
        hand_in(assignment, student, numeric="0", right_concept=True)
    with django_assert_num_queries(7):
        teacher_client.get(f"/enseignant/devoirs/{assignment.pk}/")
    with django_assert_num_queries(7):
        teacher_client.get(f"/enseignant/devoirs/{assignment.pk}/resultats.csv")


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("student", 302),
        ("another teacher", 404),
        ("teacher", 200),
        ("administrator", 200),
    ],
)
def test_only_the_classes_teacher_reads_its_results(assignment, teacher, who, status):
    client = Client()
    if who == "student":
        client = signed_up(assignment.school_class, "curieux")
    elif who == "another teacher":
        client.force_login(TeacherFactory(username="voisin"))
    elif who == "teacher":
        client.force_login(teacher)
    elif who == "administrator":
        client.force_login(TeacherFactory(username="chef", superuser=True))
    (lea,) = class_of(assignment, 1, prefix="lea")
    base = f"/enseignant/devoirs/{assignment.pk}/"
    for url in (base, base + "resultats.csv", base + "reponses.csv", f"{base}eleves/{lea.pk}/"):
        assert client.get(url).status_code == status, url
    new = f"/enseignant/classes/{assignment.school_class.pk}/devoirs/nouveau/"
    assert client.get(new).status_code == status
