"""The factories build rows the database accepts (constraints included)."""

from __future__ import annotations

import pytest

from calculators.kpis import KPIS_BY_SLUG
from tests.factories import (
    AttemptItemFactory,
    LiveSessionFactory,
    PlayerFactory,
    QuizQuestionFactory,
    ReviewCardFactory,
    TeacherFactory,
)

pytestmark = pytest.mark.django_db


def test_questions_are_numeric_by_default_or_concept_with_options():
    numeric = QuizQuestionFactory()
    assert numeric.kind == "numeric" and numeric.kpi_slug in KPIS_BY_SLUG
    concept = QuizQuestionFactory(concept=True, quiz=numeric.quiz)
    assert concept.kind == "concept" and not concept.kpi_slug
    assert [o.is_correct for o in concept.concept_question.options.all()] == [True, False]


def test_teachers_log_in_and_players_join_a_session():
    teacher = TeacherFactory(password="motdepasse")
    assert teacher.is_staff and not teacher.is_superuser and teacher.check_password("motdepasse")
    assert TeacherFactory(superuser=True).is_superuser
    session = LiveSessionFactory(owner=teacher)
    assert len(session.pin) == 6 and session.pin.isdigit()
    player = PlayerFactory(session=session, pseudo="LÉA")
    assert player.pseudo_key == "léa" and len(player.token) >= 32


def test_practice_rows():
    item = AttemptItemFactory()
    assert item.is_numeric and item.attempt.items.get() == item
    card = ReviewCardFactory(kpi_slug="cpm")
    assert (card.item_key, card.box) == ("kpi:cpm", 1)
