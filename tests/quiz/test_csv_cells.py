"""CSV injection (OWASP): text a spreadsheet would run as a formula gets a leading `'`; the
app's own numbers stay numbers."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from quiz.csv_cells import safe_cell


@pytest.mark.parametrize(
    "text",
    [
        "=1+2",
        "+33 6 12 34 56 78",
        "+33612345678",
        "-x",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(A1:A9)",
        "\t=1+2",
        "\r=1+2",
        '=HYPERLINK("http://exemple.fr";"clic")',
        "-١٢",  # not ASCII digits: not a plain number
        "-3 ",
    ],
)
def test_formula_starts_are_made_text(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Léa", "Léa"),
        ("", ""),
        (None, ""),
        ("12,5", "12,5"),
        ("-3", "-3"),  # a plain number: read as -3, it cannot run anything
        ("-12,5", "-12,5"),
        ("0.25", "0.25"),
        ("a=1", "a=1"),
        (" =1", " =1"),
        (3, "3"),
        (-3, "-3"),
        (1000, "1000"),
        (Decimal("-12.5"), "-12.5"),
        (-0.5, "-0.5"),
    ],
)
def test_text_and_the_apps_numbers_are_kept(value, expected):
    assert safe_cell(value) == expected


def test_a_neutralised_cell_survives_the_csv_writer():
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerow([safe_cell("=1+2;3"), safe_cell(-3)])
    assert next(csv.reader(io.StringIO(out.getvalue()), delimiter=";")) == ["'=1+2;3", "-3"]
