"""What the live screens say, computed without a database: pseudos and the projector's French."""

from __future__ import annotations

import pytest

from quiz.errors import Refusal
from quiz.live import players
from quiz.mistakes import mistake_phrase


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Léa  ", "Léa"),
        ("Jean   Paul", "Jean Paul"),
        ("x" * 20, "x" * 20),
        ("<b>Zoé</b>", "<b>Zoé</b>"),
    ],
)
def test_pseudo_is_trimmed(raw, expected):
    assert players.clean_pseudo(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", "\u200b", "x" * 21])
def test_bad_pseudo_is_refused_in_french(raw):
    with pytest.raises(Refusal) as error:
        players.clean_pseudo(raw)
    assert error.value.message[0].isupper()


@pytest.mark.parametrize(
    ("code", "count", "phrase"),
    [
        ("click-rate-instead", 9, "ont calculé le taux de clics au lieu de la réactivité"),
        ("click-rate-instead", 1, "a calculé le taux de clics au lieu de la réactivité"),
        ("likes-only", 1, "n’a compté que les j’aime"),
        ("wrong-unit", 1, "s’est trompé d’unité"),
    ],
)
def test_projector_names_mistakes_in_correct_french(code, count, phrase):
    assert mistake_phrase(code, count) == phrase
