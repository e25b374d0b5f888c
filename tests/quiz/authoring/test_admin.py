"""The quiz change form: French tolerance and points, rounding, concept questions written in place,
only the author edits, frozen questions while a class plays, publication checked."""

from __future__ import annotations

from decimal import Decimal

import pytest

from courses.models import ConceptQuestion
from quiz.models import Quiz, QuizQuestion
from tests.factories import LiveSessionFactory, QuizFactory
from tests.hostile import NASTY, check
from tests.quiz.authoring.conftest import client_for, question_post

pytestmark = pytest.mark.django_db


def change_url(quiz: Quiz) -> str:
    return f"/admin/quiz/quiz/{quiz.pk}/change/"


def existing(quiz: Quiz) -> list[dict]:
    """The quiz's questions as the form posts them back unchanged."""
    rows = []
    for question in quiz.questions.order_by("order"):
        rows.append(
            {
                "id": question.pk,
                "order": question.order,
                "kind": question.kind,
                "concept_question": question.concept_question_id or "",
                "kpi_slug": question.kpi_slug,
                "difficulty": question.difficulty,
            }
        )
    return rows


def test_admin_add_quiz_with_french_tolerance_round_trip(owner):
    data = question_post(
        None,
        [{"tolerance_kind": "relative", "tolerance": "5 %", "points": "1 000"}],
        title="Coût par clic",
    )
    response = client_for(owner).post("/admin/quiz/quiz/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    quiz = Quiz.objects.get(title="Coût par clic")
    question = quiz.questions.get()
    assert quiz.created_by == owner
    assert question.tolerance == Decimal("0.05") and question.points == 1000
    page = client_for(owner).get(change_url(quiz)).content.decode()
    assert 'value="5\u00a0%"' in page or 'value="5\u202f%"' in page
    assert 'inputmode="decimal"' in page and 'type="text"' in page


def test_admin_absolute_tolerance_keeps_its_comma(owner, quiz):
    rows = existing(quiz)
    rows[0]["tolerance"] = "0,05"
    response = client_for(owner).post(change_url(quiz), question_post(quiz, rows))
    assert response.status_code == 302
    assert quiz.questions.get(order=1).tolerance == Decimal("0.05")
    assert 'value="0,05"' in client_for(owner).get(change_url(quiz)).content.decode()


@pytest.mark.parametrize("value", [*NASTY, "5 €", "150 %", "2", "0,00001", "-0,01"])
def test_admin_hostile_tolerance_and_points_are_refused_cleanly(owner, quiz, value):
    for field, kind in (
        ("tolerance", "relative"),
        ("tolerance", "absolute"),
        ("points", "absolute"),
    ):
        rows = existing(quiz)
        rows[0][field] = value
        rows[0]["tolerance_kind"] = kind
        response = client_for(owner).post(change_url(quiz), question_post(quiz, rows))
        check(response)
        if response.status_code == 200:
            assert (
                "errornote" in response.content.decode() or "errorlist" in response.content.decode()
            )


@pytest.mark.parametrize("value", NASTY)
def test_admin_hostile_values_in_the_other_new_fields(owner, quiz, value):
    rows = existing(quiz)
    rows[1].update(
        concept_question=value,
        new_stem=value,
        new_options=value,
        new_explanation=value,
        new_lesson=value,
        new_kind=value,
    )
    rows[0].update(decimals=value, order=value)
    check(client_for(owner).post(change_url(quiz), question_post(quiz, rows)))


def test_admin_writes_a_concept_question_in_place_and_it_joins_the_bank(owner, quiz):
    lesson = quiz.questions.get(order=2).concept_question.lesson
    rows = [
        *existing(quiz),
        {
            "kind": "concept",
            "kpi_slug": "",
            "new_lesson": lesson.pk,
            "new_kind": "multiple",
            "new_stem": "Quels indicateurs se calculent sur les e-mails envoyés\u202f?",
            "new_options": "* Taux d’ouverture\n* Taux de clics\nTaux de réactivité",
            "new_explanation": "La réactivité se rapporte aux e-mails ouverts.",
        },
    ]
    response = client_for(owner).post(change_url(quiz), question_post(quiz, rows))
    assert response.status_code == 302, response.content.decode()[-4000:]
    new = ConceptQuestion.objects.get(stem__startswith="Quels indicateurs")
    assert new.lesson == lesson and new.kind == "multiple"
    assert [(o.text, o.is_correct) for o in new.options.all()] == [
        ("Taux d’ouverture", True),
        ("Taux de clics", True),
        ("Taux de réactivité", False),
    ]
    assert quiz.questions.get(order=3).concept_question == new


def test_admin_concept_question_in_place_needs_a_right_option(owner, quiz):
    lesson = quiz.questions.get(order=2).concept_question.lesson
    rows = [
        *existing(quiz),
        {
            "kind": "concept",
            "kpi_slug": "",
            "new_lesson": lesson.pk,
            "new_stem": "Une question sans bonne réponse",
            "new_options": "A\nB",
            "new_explanation": "Rien.",
        },
    ]
    response = client_for(owner).post(change_url(quiz), question_post(quiz, rows))
    assert response.status_code == 200
    assert "Cochez au moins une bonne réponse." in response.content.decode()
    assert not ConceptQuestion.objects.filter(stem="Une question sans bonne réponse").exists()


def test_admin_bank_select_is_grouped_by_lesson(owner, quiz):
    page = client_for(owner).get(change_url(quiz)).content.decode()
    lesson = quiz.questions.get(order=2).concept_question.lesson
    assert f'<optgroup label="{lesson.title}">' in page
    assert "admin-autocomplete" not in page


def test_admin_reorders_questions(owner, quiz):
    rows = existing(quiz)
    rows[0]["order"], rows[1]["order"] = 2, 1
    assert client_for(owner).post(change_url(quiz), question_post(quiz, rows)).status_code == 302
    assert [q.kind for q in quiz.questions.order_by("order")] == ["concept", "numeric"]


def test_admin_rounding_is_stored(owner, quiz):
    rows = existing(quiz)
    rows[0]["decimals"] = "0"
    assert client_for(owner).post(change_url(quiz), question_post(quiz, rows)).status_code == 302
    assert quiz.questions.get(order=1).decimals == 0


def test_admin_publish_checkbox_refuses_an_empty_quiz(owner):
    empty = QuizFactory(title="Rien dedans", created_by=owner, is_published=False)
    response = client_for(owner).post(
        change_url(empty), question_post(empty, [], is_published=True), follow=True
    )
    assert "«\u00a0Rien dedans\u00a0» n’a aucune question" in response.content.decode()
    empty.refresh_from_db()
    assert not empty.is_published


def test_admin_colleague_sees_the_quiz_read_only(colleague, quiz):
    client = client_for(colleague)
    page = client.get(change_url(quiz))
    assert page.status_code == 200
    body = page.content.decode()
    assert "celui d’un collègue" in body and 'name="title"' not in body
    assert "0,01</div>" in body and "0,0100" not in body
    rows = existing(quiz)
    rows[0]["tolerance"] = "3"
    response = client.post(change_url(quiz), question_post(quiz, rows, title="Volé"))
    assert response.status_code == 403
    quiz.refresh_from_db()
    assert quiz.title != "Volé"
    assert client.post(f"/admin/quiz/quiz/{quiz.pk}/delete/", {"post": "yes"}).status_code == 403


def test_admin_superuser_may_change_any_quiz(superuser, quiz):
    rows = existing(quiz)
    response = client_for(superuser).post(change_url(quiz), question_post(quiz, rows, title="Revu"))
    assert response.status_code == 302
    quiz.refresh_from_db()
    assert quiz.title == "Revu"


def test_admin_student_and_anonymous_are_sent_to_the_sign_in(student, quiz):
    for client in (client_for(None), client_for(student)):
        assert client.get(change_url(quiz)).status_code == 302
        assert client.post(change_url(quiz), question_post(quiz, [])).status_code == 302


def test_admin_questions_frozen_while_played_live(owner, quiz):
    LiveSessionFactory(quiz=quiz)
    page = client_for(owner).get(change_url(quiz)).content.decode()
    assert "partie en direct de ce quiz n’est pas terminée" in page
    assert 'name="questions-0-kpi_slug"' not in page
    before = list(quiz.questions.values_list("kpi_slug", "order"))
    rows = existing(quiz)
    rows[0]["kpi_slug"] = "cpm"
    client_for(owner).post(change_url(quiz), question_post(quiz, rows))
    assert list(quiz.questions.values_list("kpi_slug", "order")) == before


def test_admin_duplicate_action_copies_for_the_colleague(colleague, quiz):
    response = client_for(colleague).post(
        "/admin/quiz/quiz/", {"action": "duplicate_quizzes", "_selected_action": [quiz.pk]}
    )
    copy = Quiz.objects.get(title="Les taux de l’e-mailing (copie)")
    assert response.status_code == 302 and response["Location"] == change_url(copy)
    assert copy.created_by == colleague and not copy.is_published
    assert copy.questions.count() == 2
    assert QuizQuestion.objects.filter(quiz=quiz).count() == 2


def test_admin_list_links_to_the_preview(owner, quiz):
    body = client_for(owner).get("/admin/quiz/quiz/").content.decode()
    assert f'href="/enseignant/quiz/{quiz.pk}/apercu/"' in body
    change = client_for(owner).get(change_url(quiz)).content.decode()
    assert f'href="/enseignant/quiz/{quiz.pk}/apercu/"' in change
    assert "js/quiz-admin" in change
