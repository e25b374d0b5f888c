from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from calculators.numbers import format_quantity
from courses.models import ConceptQuestion
from quiz.engine.generate import CAMPAIGN_KPIS
from quiz.models import Attempt, AttemptItem, ReviewCard
from quiz.practice.review import review_record
from quiz.practice.series import item_exercise
from tests.factories import QuizFactory, QuizQuestionFactory, ReviewCardFactory
from tests.quiz.conftest import feedback_attributes, item_at, question_url, start_series

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def first_numeric(client, url: str) -> tuple[str, AttemptItem]:
    for position in range(1, 11):
        item = item_at(url, position)
        if item.is_numeric:
            return question_url(url, position), item
    raise AssertionError("no numeric question in the series")


def first_concept(client, url: str) -> tuple[str, AttemptItem]:
    for position in range(1, 11):
        item = item_at(url, position)
        if not item.is_numeric:
            return question_url(url, position), item
    raise AssertionError("no concept question in the series")


def test_practice_home_offers_lessons_families_and_the_chapter(client, course):
    html = client.get("/entrainement/").content.decode()
    assert "Tout le chapitre" in html and "Revoir mes erreurs" in html
    assert 'name="value" value="methode-pepsi"' in html
    assert 'name="value" value="social-ads"' in html  # a family
    assert html.count('action="/entrainement/commencer/"') >= 15


def test_series_has_ten_questions_mixing_concept_and_numeric(client, course):
    url = start_series(client)
    items = list(AttemptItem.objects.filter(attempt__scope="chapter"))
    assert len(items) == 10
    kinds = {item.is_numeric for item in items}
    assert kinds == {True, False}
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("scope", "value"), [("lesson", "mesurer-emailing"), ("family", "social-ads")]
)
def test_series_on_a_lesson_or_family_stays_in_scope(client, course, scope, value):
    start_series(client, scope, value)
    items = AttemptItem.objects.filter(attempt__scope=scope)
    numeric = {item.kpi_slug for item in items if item.kpi_slug}
    allowed = {
        "mesurer-emailing": set(CAMPAIGN_KPIS),  # the lesson's KPIs are the e-mailing campaign's
        "social-ads": {"cpm", "cpc", "ctr", "cpe", "budget-cpm", "frequence"},
    }[value]
    assert numeric and numeric <= allowed


def test_lesson_without_kpis_gives_concept_questions_only(client, course):
    start_series(client, "lesson", "methode-pepsi")
    items = AttemptItem.objects.filter(attempt__scope="lesson")
    assert items.count() == 7  # every question of the lesson, no more
    assert not any(item.kpi_slug for item in items)


@pytest.mark.parametrize(
    "scope,value", [("lesson", "inconnue"), ("family", "x"), ("nimporte", ""), ("review", "")]
)
def test_bad_scope_is_a_french_message_not_an_error(client, course, scope, value):
    response = client.post(
        "/entrainement/commencer/", {"scope": scope, "value": value}, follow=True
    )
    assert response.status_code == 200
    assert 'class="messages"' in response.content.decode()


def test_numeric_question_follows_the_contracts_and_hides_the_answer(client, course):
    url = start_series(client, "family", "e-mailing")
    question, item = first_numeric(client, url)
    html = client.get(question).content.decode()
    exercise = item_exercise(item)
    assert f'data-kpi="{item.kpi_slug}"' in html
    assert 'name="answer"' in html
    for name, value in exercise.given.items():
        assert f'<data data-name="{name}" value="{value}">' in html
    body = html.split("<body", 1)[1]
    expected = exercise.expected
    for spelling in (
        f"{expected:.2f}",
        format_quantity(expected, ""),
        format_quantity(expected, exercise.kpi.unit),
    ):
        assert spelling not in body.replace(f'value="{expected:.2f}"', "")
    assert "data-verdict" not in html


@pytest.mark.parametrize("htmx", [False, True])
def test_right_answer_is_correct_with_worked_solution(client, course, htmx):
    url = start_series(client, "family", "e-mailing")
    question, item = first_numeric(client, url)
    exercise = item_exercise(item)
    answer = f"{exercise.expected:.2f}".replace(".", ",") + " %"
    response = client.post(question, {"answer": answer}, **(HTMX if htmx else {}))
    html = response.content.decode()
    assert feedback_attributes(html)["data-verdict"] == "correct"
    assert ("<html" in html) is not htmx
    assert "Solution détaillée" in html and "Formule" in html
    item.refresh_from_db()
    assert item.verdict == "correct" and item.answered_at is not None


def test_known_mistake_is_diagnosed(client, course):
    url = start_series(client, "family", "e-mailing")
    question, item = first_numeric(client, url)
    exercise = item_exercise(item)
    # A proportion instead of a percentage is recognisable on every % KPI.
    answer = f"{exercise.exact / 100:.4f}"
    html = client.post(question, {"answer": answer}, **HTMX).content.decode()
    attributes = feedback_attributes(html)
    assert attributes == {"data-verdict": "incorrect", "data-diagnosis": "forgot-x100"}
    assert "Diagnostic" in html


@pytest.mark.parametrize("answer", ["", "abc", "<script>alert(1)</script>", "9" * 5000, "1,2,3"])
def test_unreadable_answer_is_invalid_and_not_recorded(client, course, answer):
    url = start_series(client, "family", "e-mailing")
    question, item = first_numeric(client, url)
    response = client.post(question, {"answer": answer}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert feedback_attributes(html)["data-verdict"] == "invalid"
    assert "<script>alert" not in html
    item.refresh_from_db()
    assert item.answered_at is None
    assert not ReviewCard.objects.exists()


def test_double_submit_records_once(client, course):
    url = start_series(client, "family", "e-mailing")
    question, item = first_numeric(client, url)
    exercise = item_exercise(item)
    first = client.post(question, {"answer": "0"}, **HTMX).content.decode()
    second = client.post(question, {"answer": f"{exercise.expected}"}, **HTMX).content.decode()
    assert feedback_attributes(first)["data-verdict"] == "incorrect"
    assert feedback_attributes(second)["data-verdict"] == "incorrect"  # the first answer stands
    item.refresh_from_db()
    assert item.answer == "0"
    card = ReviewCard.objects.get()
    assert (card.wrong_count, card.correct_count) == (1, 0)


def test_concept_question_is_graded_with_its_explanation(client, course):
    url = start_series(client, "lesson", "methode-pepsi")
    question, item = first_concept(client, url)
    right = [o.pk for o in item.concept_question.options.all() if o.is_correct]
    html = client.post(question, {"choice": right}, **HTMX).content.decode()
    assert feedback_attributes(html)["data-verdict"] == "correct"
    assert item.concept_question.explanation[:40] in html.replace("&#x27;", "'")


def test_concept_question_without_choice_is_invalid(client, course):
    url = start_series(client, "lesson", "methode-pepsi")
    question, _ = first_concept(client, url)
    html = client.post(question, {"choice": ["abc", "-1"]}, **HTMX).content.decode()
    assert feedback_attributes(html)["data-verdict"] == "invalid"


def test_another_browser_cannot_read_or_answer_my_series(client, course):
    url = start_series(client)
    other = Client()
    assert other.get(url).status_code == 404
    assert other.post(url, {"answer": "1"}).status_code == 404
    assert other.get(url.replace("/1/", "/bilan/")).status_code == 404


def test_unknown_series_or_position_is_404(client, course):
    url = start_series(client)
    assert client.get(question_url(url, 11)).status_code == 404
    assert (
        client.get("/entrainement/serie/00000000-0000-0000-0000-000000000000/1/").status_code == 404
    )


def test_mutations_are_post_only_and_need_csrf(course):
    strict = Client(enforce_csrf_checks=True)
    assert strict.get("/entrainement/commencer/").status_code == 405
    assert strict.post("/entrainement/commencer/", {"scope": "chapter"}).status_code == 403


def test_answer_submission_costs_a_bounded_number_of_queries(
    client, course, django_assert_max_num_queries
):
    """Grading regenerates the exercise from its seed: the queries do not grow with the series.

    Session, attempt, items, the conditional update, the review card read and write: 6 queries,
    plus 4 savepoint statements around the writes."""
    url = start_series(client, "family", "e-mailing")
    question, _ = first_numeric(client, url)
    with django_assert_max_num_queries(10):
        client.post(question, {"answer": "12,5"}, **HTMX)


def test_summary_shows_score_and_what_to_revise(client, course):
    url = start_series(client, "family", "e-mailing")
    question, item = first_numeric(client, url)
    client.post(question, {"answer": "0"})
    html = client.get(url.replace("/1/", "/bilan/")).content.decode()
    assert "0 / 1" in html
    assert f"/calculateurs/{item.kpi_slug}/" in html


def test_review_serves_mistakes_with_new_numbers(client, course):
    url = start_series(client, "family", "e-mailing")
    question, item = first_numeric(client, url)
    client.post(question, {"answer": "0"})
    assert "1 élément à revoir" in client.get("/entrainement/").content.decode()
    response = client.post("/entrainement/commencer/", {"scope": "review"})
    review = Attempt.objects.get(scope="review")
    (review_item,) = review.items.all()
    assert review_item.kpi_slug == item.kpi_slug
    assert review_item.seed != item.seed
    assert response["Location"].endswith(f"/{review.pk}/1/")


def test_progress_page_draws_mastery_with_a_table(client, course):
    url = start_series(client, "family", "e-mailing")
    question, _ = first_numeric(client, url)
    client.post(question, {"answer": "0"})
    html = client.get("/entrainement/progres/").content.decode()
    assert "<table" in html and "<svg" in html and "<caption>" in html
    assert "0 / 1" in html


def test_progress_queries_do_not_grow_with_answers(client, course, django_assert_max_num_queries):
    url = start_series(client, "family", "e-mailing")
    for position in range(1, 11):
        client.post(question_url(url, position), {"answer": "1", "choice": "1"})
    with django_assert_max_num_queries(6):
        client.get("/entrainement/progres/")


def test_course_index_marks_practised_lessons(client, course):
    assert "pratiquée" not in client.get("/cours/").content.decode()
    url = start_series(client, "family", "e-mailing")
    question, _ = first_numeric(client, url)
    client.post(question, {"answer": "1"})
    assert "pratiquée" in client.get("/cours/").content.decode()


def test_published_quiz_can_be_practised(client, course):
    quiz = QuizFactory(title="Contrôle e-mailing")
    QuizQuestionFactory(
        quiz=quiz,
        order=1,
        kpi_slug="taux-reactivite",
        difficulty=2,
        tolerance_kind="relative",
        tolerance=Decimal("0.05"),
        points=3,
    )
    QuizQuestionFactory(
        quiz=quiz, order=2, concept=True, concept_question=ConceptQuestion.objects.get(pk=1)
    )
    assert "Contrôle e-mailing" in client.get("/entrainement/").content.decode()
    assert client.get(f"/entrainement/quiz/{quiz.pk}/").status_code == 200
    response = client.post(f"/entrainement/quiz/{quiz.pk}/commencer/")
    attempt = Attempt.objects.get(quiz=quiz)
    first, second = attempt.items.order_by("position")
    assert (first.kpi_slug, first.difficulty, first.points, first.tolerance_kind) == (
        "taux-reactivite",
        2,
        3,
        "relative",
    )
    assert second.concept_question_id == 1
    exercise = item_exercise(first)
    near = exercise.exact * Decimal("1.04")
    html = client.post(response["Location"], {"answer": f"{near:.2f}"}, **HTMX).content.decode()
    assert feedback_attributes(html)["data-verdict"] == "correct"


def test_unpublished_quiz_is_not_reachable(client, course):
    quiz = QuizFactory(title="Brouillon", is_published=False)
    assert client.get(f"/entrainement/quiz/{quiz.pk}/").status_code == 404
    assert client.post(f"/entrainement/quiz/{quiz.pk}/commencer/").status_code == 404


def test_emailing_series_ends_on_one_campaign_with_several_kpis(client, course):
    start_series(client, "family", "e-mailing")
    items = list(AttemptItem.objects.order_by("position"))
    campaign = [item for item in items if item.campaign]
    assert len(campaign) == 3
    assert [item.position for item in campaign] == [8, 9, 10]
    assert len({item.seed for item in campaign}) == 1
    assert len({item.kpi_slug for item in campaign}) == 3
    exercises = [item_exercise(item) for item in campaign]
    assert all(e.given == exercises[0].given for e in exercises)
    html = client.get(f"/entrainement/serie/{campaign[0].attempt_id}/8/").content.decode()
    assert "même campagne" in html
    right = f"{exercises[1].expected:.2f}"
    response = client.post(
        f"/entrainement/serie/{campaign[0].attempt_id}/9/", {"answer": right}, **HTMX
    )
    assert feedback_attributes(response.content.decode())["data-verdict"] == "correct"


def test_family_without_the_email_kpis_has_no_campaign(client, course):
    start_series(client, "family", "social-ads")
    assert not AttemptItem.objects.filter(campaign=True).exists()


def test_wrong_answer_moves_the_card_to_box_1_in_one_update(course, django_assert_num_queries):
    """A wrong answer's place does not depend on the box: the card is not read before it moves."""
    now = timezone.now()
    card = ReviewCardFactory(box=3, due_at=now, correct_count=2)
    with django_assert_num_queries(1):
        review_record(owner="session:x", item=AttemptItem(kpi_slug="cpc"), correct=False, now=now)
    card.refresh_from_db()
    assert (card.box, card.due_at, card.correct_count, card.wrong_count) == (1, now, 2, 1)


def test_right_answer_moves_the_card_up_one_box(course):
    now = timezone.now()
    card = ReviewCardFactory(box=3, due_at=now, wrong_count=1)
    review_record(owner="session:x", item=AttemptItem(kpi_slug="cpc"), correct=True, now=now)
    card.refresh_from_db()
    assert (card.box, card.due_at, card.correct_count, card.wrong_count) == (
        4,
        now + timedelta(days=8),
        1,
        1,
    )
    review_record(owner="session:y", item=AttemptItem(kpi_slug="cpc"), correct=False, now=now)
    assert ReviewCard.objects.get(owner="session:y").box == 1  # a first answer creates the card
