"""The answers' bar chart: pure geometry, tested without a database."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.live import charts
from quiz.live.charts import Bar, bar_chart, concept_bars, numeric_bars, percent_of


def test_the_module_imports_nothing_from_django():
    tree = ast.parse(Path(charts.__file__).read_text())
    modules = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert not [m for m in modules if m and m.split(".")[0] in {"django", "quiz", "config"}]


def test_concept_bars_have_letters_tones_and_the_players_without_an_answer():
    bars = concept_bars([("Faire savoir", 2, False), ("Faire agir", 5, True)], unanswered=1)
    assert [(bar.tag, bar.tone, bar.count, bar.right) for bar in bars] == [
        ("A", "a", 2, False),
        ("B", "b", 5, True),
        ("Sans", "none", 1, False),
    ]


def test_numeric_bars_name_each_mistake_and_count_the_other_wrong_answers():
    bars = numeric_bars(
        correct=4, answered=9, mistakes=[("ont inversé", 3), ("ont oublié × 100", 1)], unanswered=2
    )
    assert [(bar.tag, bar.label, bar.count) for bar in bars] == [
        ("Juste", "Bonne réponse", 4),
        ("E1", "ont inversé", 3),
        ("E2", "ont oublié × 100", 1),
        ("Autre", "Autre erreur", 1),
        ("Sans", "Sans réponse", 2),
    ]
    assert bars[0].right and bars[0].tone == "ok"


def test_the_tallest_bar_fills_the_room_and_the_others_are_in_proportion():
    chart = bar_chart(
        [Bar("A", "a", 10, "a"), Bar("B", "b", 5, "b"), Bar("C", "c", 0, "c")], players=20
    )
    tallest, half, empty = chart.bars
    assert tallest.y + tallest.height == chart.baseline == half.y + half.height
    assert half.height == pytest.approx(tallest.height / 2, abs=1)
    assert empty.height == 4  # an empty bar still shows where it stands
    assert [drawn.percent for drawn in chart.bars] == [50, 25, 0]
    assert tallest.x + tallest.width <= half.x  # side by side, never overlapping


def test_nobody_answered_draws_empty_bars_and_0_percent():
    chart = bar_chart(concept_bars([("x", 0, True)], unanswered=0), players=0)
    assert [drawn.height for drawn in chart.bars] == [4, 4]
    assert [drawn.percent for drawn in chart.bars] == [0, 0]


def test_the_summary_is_french_with_a_no_break_space_before_the_colon():
    chart = bar_chart([Bar("A", "a", 3, "a")], players=3)
    assert chart.summary == "Répartition des réponses — A\u00a0: 3."


def test_percentages_are_rounded():
    assert percent_of(1, 3) == 33 and percent_of(2, 3) == 67 and percent_of(0, 0) == 0


@given(st.lists(st.integers(min_value=0, max_value=5000), min_size=1, max_size=12))
def test_every_bar_stays_inside_the_chart_in_whole_units(counts):
    chart = bar_chart(
        [Bar(str(i), str(i), count, "a") for i, count in enumerate(counts)],
        players=max(1, sum(counts)),
    )
    for drawn in chart.bars:
        for value in (drawn.x, drawn.y, drawn.width, drawn.height, drawn.centre):
            assert isinstance(value, int)
        assert drawn.x >= 0 and drawn.x + drawn.width <= chart.width
        assert drawn.y > 0 and drawn.y + drawn.height == chart.baseline < chart.tag_y < chart.height
