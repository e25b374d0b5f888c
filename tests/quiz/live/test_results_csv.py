"""The live results: per question its text, the right answer, each player's answer, verdict,
diagnosis and time, on the page and in the CSV (one row per player and question); a pseudo or an
answer a spreadsheet would run as a formula comes out as text; a fixed number of queries."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import timezone

from quiz.live import sessions
from quiz.live.results import CSV_HEADER, results_table, write_results_csv
from quiz.models import LiveAnswer, Player
from tests.factories import PlayerFactory
from tests.quiz.live.helpers import join

pytestmark = pytest.mark.django_db

QUERIES = 5  # the teacher (their session, their user), the live session, the players, the answers
FORMULAS = ["=1+2", "+33612345678", "-x", "@SUM(A1)", "\t=1+2", "\r=1+2"]


def _rows(session) -> list[list[str]]:
    out = io.StringIO()
    write_results_csv(results_table(session=session), out)
    assert out.getvalue().startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == CSV_HEADER
    return rows[1:]


def _answer(player, index, *, verdict="correct", answer="", chosen=(), diagnosis="", ms=4200):
    return LiveAnswer.objects.create(
        session=player.session,
        player=player,
        question_index=index,
        answer=answer,
        chosen_option_ids=list(chosen),
        verdict=verdict,
        diagnosis=diagnosis,
        points=1000 if verdict == "correct" else 0,
        response_ms=ms,
        answered_at=timezone.now(),
    )


def test_formula_pseudos_are_written_as_text(session):
    for pseudo in FORMULAS:  # straight into the table: even what joining would have cleaned
        PlayerFactory(session=session, pseudo=pseudo)
    PlayerFactory(session=session, pseudo="Léa")
    rows = _rows(session)
    assert {row[1] for row in rows} == {"'" + pseudo for pseudo in FORMULAS} | {"Léa"}
    assert len(rows) == 7 * 2  # one row per player and question
    for row in rows:
        assert row[2] == "0" and row[3] in {"1", "2"}  # the app's numbers stay numbers
        assert row[7] == "Sans réponse" and row[10] == ""


def test_a_formula_typed_as_an_answer_is_neutralised(session):
    player = PlayerFactory(session=session, pseudo="Léa")
    _answer(player, 0, verdict="incorrect", answer='=HYPERLINK("x")')
    rows = _rows(session)
    assert rows[0][6] == '\'=HYPERLINK("x")'


def test_a_pseudo_typed_on_the_join_page_is_neutralised(teacher_client, session):
    join(session, "=1+2")
    join(session, "@SUM(A1)")
    body = teacher_client.get(f"/animer/{session.pk}/resultats/?format=csv").content.decode()
    assert ";'=1+2;" in body and ";'@SUM(A1);" in body
    assert ";=1+2;" not in body


def test_every_answer_with_its_verdict_diagnosis_and_time(session, teacher_client):
    """Q1 (CPC, each player's own numbers): Léa right, Tom with a named mistake; Q2 (concept):
    Léa picks the right option, Tom does not answer."""
    lea, tom = (
        PlayerFactory(session=session, pseudo="Léa"),
        PlayerFactory(session=session, pseudo="Tom"),
    )
    questions = sessions.session_questions(session)
    options = list(questions[1].concept_question.options.all())
    right = next(option for option in options if option.is_correct)
    _answer(lea, 0, answer="0,42 €", ms=4200)
    _answer(tom, 0, verdict="incorrect", answer="2,38", diagnosis="inverted", ms=12_000)
    _answer(lea, 1, chosen=[right.pk], ms=3000)
    table = results_table(session=session)
    first, second = table.details
    assert first.title == "CPC (coût par clic)" and first.own_numbers
    assert [cell.player.pseudo for cell in first.cells] == ["Léa", "Tom"]
    assert [cell.verdict_label for cell in first.cells] == ["Juste", "Faux"]
    assert first.cells[1].diagnosis and first.cells[1].seconds == 12.0
    assert first.cells[0].expected.endswith("€")
    letter = "ABC"[options.index(right)]
    assert second.expected == f"{letter}. {right.text}"
    assert second.cells[0].answer == f"{letter}. {right.text}"
    assert second.cells[1].verdict_label == "Sans réponse" and second.cells[1].seconds is None

    rows = _rows(session)
    assert [row[:4] for row in rows] == [
        ["1", "Léa", "2000", "1"],
        ["1", "Léa", "2000", "2"],
        ["2", "Tom", "0", "1"],
        ["2", "Tom", "0", "2"],
    ]
    assert rows[0][6:] == ["0,42 €", "Juste", "", "1000", "4,2"]
    assert rows[2][7] == "Faux" and rows[2][8] == first.cells[1].diagnosis and rows[2][10] == "12,0"

    html = teacher_client.get(f"/animer/{session.pk}/resultats/").content.decode()
    assert "Question 1&nbsp;: CPC (coût par clic)" in html
    assert "Réponses à la question 2" in html and right.text in html
    assert first.cells[1].diagnosis in html and "12,0&#8239;s" in html


@pytest.mark.parametrize("players", [5, 200])
def test_results_take_the_same_queries_for_5_or_200_players(
    session, teacher_client, players, django_assert_num_queries
):
    """The page and the CSV read the players and their answers once each, however many there are
    (the session's questions come from the cache)."""
    Player.objects.bulk_create(
        PlayerFactory.build(session=session, pseudo=f"j{i}") for i in range(players)
    )
    for player in Player.objects.filter(session=session)[:3]:
        _answer(player, 0, verdict="incorrect", answer="1", diagnosis="inverted")
    sessions.session_questions(session)  # the cache is warm, as during a game
    for path in (f"/animer/{session.pk}/resultats/", f"/animer/{session.pk}/resultats/?format=csv"):
        teacher_client.get(path)  # the teacher's session row, read once
        with django_assert_num_queries(QUERIES):
            response = teacher_client.get(path)
        assert response.status_code == 200
