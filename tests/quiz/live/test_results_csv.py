"""The live results' CSV: a pseudo a spreadsheet would run as a formula comes out as text."""

from __future__ import annotations

import csv
import io

import pytest

from quiz.live.results import results_table, write_results_csv
from tests.factories import PlayerFactory
from tests.quiz.live.helpers import join

pytestmark = pytest.mark.django_db

FORMULAS = ["=1+2", "+33612345678", "-x", "@SUM(A1)", "\t=1+2", "\r=1+2"]


def _rows(session) -> dict[str, list[str]]:
    out = io.StringIO()
    write_results_csv(results_table(session=session), out)
    rows = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:4] == ["Rang", "Pseudo", "Points", "Temps total (s)"]
    return {row[1]: row for row in rows[1:]}


def test_formula_pseudos_are_written_as_text(session):
    for pseudo in FORMULAS:  # straight into the table: even what joining would have cleaned
        PlayerFactory(session=session, pseudo=pseudo)
    PlayerFactory(session=session, pseudo="Léa")
    rows = _rows(session)
    assert set(rows) == {"'" + pseudo for pseudo in FORMULAS} | {"Léa"}
    for row in rows.values():
        assert row[2] == "0" and row[3] == "0,0"  # the app's numbers stay numbers


def test_a_pseudo_typed_on_the_join_page_is_neutralised(teacher_client, session):
    join(session, "=1+2")
    join(session, "@SUM(A1)")
    body = teacher_client.get(f"/animer/{session.pk}/resultats/?format=csv").content.decode()
    assert ";'=1+2;" in body and ";'@SUM(A1);" in body
    assert ";=1+2;" not in body
