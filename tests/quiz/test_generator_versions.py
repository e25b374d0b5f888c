"""A stored seed is read with the generator version it was drawn by: an item, a drill or a live
game stored before a change of the draws shows its student the very numbers they saw."""

from __future__ import annotations

import random

import pytest
from django.core import signing
from django.db import connection

from calculators.kpis import KPIS_BY_SLUG
from quiz.engine.generate import CURRENT_GENERATOR, GENERATORS, generate
from quiz.errors import Refusal
from quiz.live.answers import player_exercise, player_seed
from quiz.models import AttemptItem, LiveSession
from quiz.practice import drills
from quiz.practice.series import attempt_start, item_exercise
from tests.factories import AttemptItemFactory, LiveSessionFactory, numeric_and_concept_quiz


def test_every_version_draws_its_own_numbers_from_one_seed():
    assert GENERATORS[0] == 1 and GENERATORS[-1] == CURRENT_GENERATOR
    for seed in range(5):
        first = generate("cpc", 2, seed, generator=1)
        assert first.generator == 1 and first == generate("cpc", 2, seed)  # 1 is the default
    with pytest.raises(ValueError):
        generate("cpc", 2, 1, generator=max(GENERATORS) + 1)


@pytest.mark.django_db
def test_a_stored_item_is_read_with_its_version():
    old = AttemptItemFactory(kpi_slug="roi", difficulty=2, seed=42, generator=1)
    new = AttemptItemFactory(kpi_slug="roi", difficulty=2, seed=42)
    assert new.generator == CURRENT_GENERATOR
    assert item_exercise(old) == generate("roi", 2, 42, generator=1)
    assert item_exercise(new) == generate("roi", 2, 42, generator=CURRENT_GENERATOR)


@pytest.mark.django_db
def test_new_series_items_take_the_current_version():
    attempt = attempt_start(owner="session:v", scope="chapter", rng=random.Random(3))
    assert {item.generator for item in attempt.items.all()} == {CURRENT_GENERATOR}


@pytest.mark.django_db
def test_rows_stored_before_versions_read_as_version_one():
    """The migration gave 1 to the rows already there (the default would be the current one)."""
    item = AttemptItemFactory(generator=1)
    table = AttemptItem._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT generator FROM {table} WHERE id = %s", [item.pk])
        assert cursor.fetchone() == (1,)


def test_a_drill_token_carries_its_version_and_an_old_token_reads_as_one():
    kpi = KPIS_BY_SLUG["cpc"]
    drill = drills.drill_new(kpi=kpi, difficulty=2, owner="session:a")
    again = drills.drill_from_token(kpi=kpi, token=drill.token, owner="session:a")
    assert again.generator == drill.generator == CURRENT_GENERATOR
    assert again.exercise == drill.exercise
    mark = drills._owner_mark("session:a")
    old = signing.dumps({"k": "cpc", "d": 2, "s": 9, "o": mark}, salt=drills.DRILL_SALT)
    assert drills.drill_from_token(kpi=kpi, token=old, owner="session:a").exercise == generate(
        "cpc", 2, 9, generator=1
    )
    unknown = signing.dumps(
        {"k": "cpc", "d": 2, "s": 9, "g": 99, "o": mark}, salt=drills.DRILL_SALT
    )
    with pytest.raises(Refusal):
        drills.drill_from_token(kpi=kpi, token=unknown, owner="session:a")


@pytest.mark.django_db
def test_a_live_game_keeps_the_version_it_was_launched_with(course):
    quiz = numeric_and_concept_quiz()
    question = quiz.questions.get(kind="numeric")
    old = LiveSessionFactory(quiz=quiz, generator=1)
    new = LiveSessionFactory(quiz=quiz)
    assert LiveSession.objects.get(pk=new.pk).generator == CURRENT_GENERATOR
    for session in (old, new):
        seed = player_seed(session, None, 0)
        exercise = player_exercise(session, None, question, 0)
        assert exercise == generate(
            question.kpi_slug, question.difficulty, seed, generator=session.generator
        ).rounded_to(question.decimals)
