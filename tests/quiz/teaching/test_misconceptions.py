"""What a class gets wrong, per KPI and per week, from homework and practice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from quiz.teaching.misconceptions import class_misconceptions
from tests.factories import AttemptFactory, AttemptItemFactory, UserFactory
from tests.quiz.teaching.conftest import student_in

pytestmark = pytest.mark.django_db


def mistaken(student, kpi_slug: str, diagnosis: str, days_ago: int = 0) -> None:
    attempt = AttemptFactory(owner=f"user:{student.pk}")
    AttemptItemFactory(
        attempt=attempt,
        kpi_slug=kpi_slug,
        verdict="incorrect",
        diagnosis=diagnosis,
        answered_at=timezone.now() - timedelta(days=days_ago),
    )


def test_the_most_frequent_mistakes_come_first_with_their_weeks(school_class):
    lea, tom = student_in(school_class, "lea"), student_in(school_class, "tom")
    outsider = UserFactory(username="ailleurs")
    for student in (lea, tom, lea):
        mistaken(student, "taux-reactivite", "base-sent")
    mistaken(tom, "cpm", "forgot-x1000", days_ago=8)
    mistaken(outsider, "cpm", "forgot-x1000")  # not in the class
    mistaken(lea, "cpm", "forgot-x1000", days_ago=60)  # too old
    found = class_misconceptions(school_class=school_class, today=timezone.localdate())
    (first, first_bar), (second, second_bar) = found.rows
    assert (first.code, first.total, first_bar) == ("base-sent", 3, 100)
    assert first.per_week[-1] == 3 and sum(first.per_week) == 3
    assert (second.code, second.total, second_bar) == ("forgot-x1000", 1, 33)
    assert second.per_week[-2] + second.per_week[-1] == 1
    assert found.answers == 4


def test_the_page_shows_a_chart_and_its_table(
    teacher_client, school_class, django_assert_max_num_queries
):
    lea = student_in(school_class, "lea")
    mistaken(lea, "taux-reactivite", "base-sent")
    with django_assert_max_num_queries(6):
        html = teacher_client.get(
            f"/enseignant/classes/{school_class.pk}/erreurs/"
        ).content.decode()
    assert 'data-diagnosis="base-sent" data-count="1"' in html
    assert "<svg" in html and "Taux de réactivité" in html


def test_another_teacher_cannot_read_it(school_class, other_teacher):
    from django.test import Client

    client = Client()
    client.force_login(other_teacher)
    assert client.get(f"/enseignant/classes/{school_class.pk}/erreurs/").status_code == 404
    assert Client().get(f"/enseignant/classes/{school_class.pk}/erreurs/").status_code == 302


def test_live_games_played_signed_in_count_for_the_class(school_class, teacher, course):
    """A signed-in student's live answers join their class's mistakes, under the KPI of the
    question as it was played."""
    from quiz.live import answers, players, sessions
    from tests.factories import numeric_and_concept_quiz
    from tests.quiz.live.helpers import answer_now

    lea = student_in(school_class, "lea")
    outsider = UserFactory(username="ailleurs")
    session = sessions.session_create(quiz=numeric_and_concept_quiz(kpi_slug="cpc"), owner=teacher)
    mine = players.player_join(pin=session.pin, pseudo="Léa", client="c:lea", user=lea)
    theirs = players.player_join(pin=session.pin, pseudo="X", client="c:x", user=outsider)
    sessions.session_advance(session=session, user=teacher, now=timezone.now())
    for player in (mine, theirs):
        exercise = answers.player_exercise(
            session, player, sessions.session_questions(session)[0], 0
        )
        inverted = exercise.given["clicks"] / exercise.given["budget"]
        feedback = answer_now(player, answer=f"{inverted:.4f}", now=timezone.now())
        assert feedback.diagnosis, feedback
    found = class_misconceptions(school_class=school_class, today=timezone.localdate())
    ((row, _),) = found.rows
    assert (row.kpi_name, row.code, row.total) == (
        "CPC (coût par clic)",
        mine.answers.get().diagnosis,
        1,
    )
