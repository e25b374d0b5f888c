"""A finished (or running) session's results: the leaderboard with each player's points per question,
and per question its text, the right answer, every player's answer, verdict, diagnosis and time;
on the page and as a CSV for French Excel (`;`, decimal comma, UTF-8 with BOM, one row per player
and question). A fixed number of queries whatever the number of players."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from calculators.kpis import KPIS_BY_SLUG
from calculators.numbers import format_quantity
from quiz.csv_cells import safe_cell
from quiz.engine.grade import CORRECT
from quiz.live.answers import player_exercise
from quiz.live.charts import option_letter
from quiz.live.sessions import session_questions
from quiz.live.standings import scored_players
from quiz.models import LiveAnswer, LiveSession, QuizQuestion

if TYPE_CHECKING:
    from quiz.live.standings import ScoredPlayer

VERDICTS = {CORRECT: "Juste", "": "Sans réponse"}
WRONG = "Faux"


@dataclass(frozen=True)
class AnswerCell:
    """One player's answer to one question, as the teacher reads it."""

    rank: int
    player: ScoredPlayer
    expected: str  # the right answer on this player's own numbers
    answer: str  # as typed, or the chosen options (`B. Faire agir`)
    verdict: str  # `correct`, `incorrect`… or "" without an answer
    diagnosis: str  # the catalogue's words for the mistake found, in French
    seconds: float | None
    points: int

    @property
    def verdict_label(self) -> str:
        return VERDICTS.get(self.verdict, WRONG)


@dataclass(frozen=True)
class QuestionResult:
    number: int
    question: QuizQuestion
    title: str  # the KPI's name, or the concept question's stem
    text: str  # what was asked
    expected: (
        str  # the right answer (numeric with each player's numbers: « propre à chaque élève »)
    )
    own_numbers: bool  # the right answer differs from player to player
    cells: list[AnswerCell]

    @property
    def answered(self) -> int:
        return sum(1 for cell in self.cells if cell.verdict)

    @property
    def correct(self) -> int:
        return sum(1 for cell in self.cells if cell.verdict == CORRECT)


@dataclass(frozen=True)
class ResultsTable:
    questions: list[QuizQuestion]
    # Rank, player (with `score` and `time_ms`), answer per question.
    rows: list[tuple[int, ScoredPlayer, list[LiveAnswer | None]]]
    details: list[QuestionResult]


def results_table(*, session: LiveSession) -> ResultsTable:
    """Players ranked as on the leaderboard, each with their answer to every question, and every
    question with all its answers (two queries, plus the session's questions if not cached)."""
    questions = session_questions(session)
    players = list(scored_players(session).order_by("-score", "time_ms", "joined_at", "id"))
    answered = {
        (a.player_id, a.question_index): a
        for a in LiveAnswer.objects.filter(session=session).only(
            "player_id",
            "question_index",
            "answer",
            "chosen_option_ids",
            "verdict",
            "points",
            "diagnosis",
            "response_ms",
        )
    }
    rows = [
        (rank, player, [answered.get((player.pk, index)) for index in range(len(questions))])
        for rank, player in enumerate(players, start=1)
    ]
    details = [
        _question_result(session, index, question, rows) for index, question in enumerate(questions)
    ]
    return ResultsTable(questions, rows, details)


def _question_result(
    session: LiveSession,
    index: int,
    question: QuizQuestion,
    rows: list[tuple[int, ScoredPlayer, list[LiveAnswer | None]]],
) -> QuestionResult:
    if question.kind == QuizQuestion.Kind.NUMERIC:
        return _numeric_result(session, index, question, rows)
    concept = question.concept_question
    assert concept is not None  # the check constraint: a concept question has its question
    options = list(concept.options.all())
    labels = {
        option.pk: f"{option_letter(position)}. {option.text}"
        for position, option in enumerate(options)
    }
    expected = " ; ".join(labels[option.pk] for option in options if option.is_correct)
    cells = []
    for rank, player, answers in rows:
        answer = answers[index]
        chosen = answer.chosen_option_ids if answer else []
        cells.append(
            _cell(
                rank, player, answer, expected, " ; ".join(labels.get(i, "?") for i in chosen), ""
            )
        )
    return QuestionResult(index + 1, question, concept.stem, concept.stem, expected, False, cells)


def _numeric_result(
    session: LiveSession,
    index: int,
    question: QuizQuestion,
    rows: list[tuple[int, ScoredPlayer, list[LiveAnswer | None]]],
) -> QuestionResult:
    kpi = KPIS_BY_SLUG[question.kpi_slug]
    mistakes = {mistake.code: mistake.message for mistake in kpi.mistakes}
    shared = player_exercise(session, None, question, index)
    own = session.per_student_numbers

    def expected_for(player: ScoredPlayer | None) -> str:
        exercise = player_exercise(session, player, question, index) if own else shared
        return format_quantity(exercise.expected, kpi.unit, exercise.decimals)

    cells = []
    for rank, player, answers in rows:
        answer = answers[index]
        cells.append(
            _cell(
                rank,
                player,
                answer,
                expected_for(player),
                answer.answer if answer else "",
                mistakes.get(answer.diagnosis, "") if answer else "",
            )
        )
    expected = "les chiffres de chaque élève" if own else expected_for(None)
    text = f"{shared.question} {shared.rounding}".strip()
    return QuestionResult(index + 1, question, kpi.name, text, expected, own, cells)


def _cell(
    rank: int,
    player: ScoredPlayer,
    answer: LiveAnswer | None,
    expected: str,
    given: str,
    diagnosis: str,
) -> AnswerCell:
    if answer is None:
        return AnswerCell(rank, player, expected, "", "", "", None, 0)
    return AnswerCell(
        rank,
        player,
        expected,
        given,
        answer.verdict,
        diagnosis,
        answer.response_ms / 1000,
        answer.points,
    )


def decimal_comma(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


CSV_HEADER = [
    "Rang",
    "Pseudo",
    "Total (points)",
    "Question",
    "Intitulé",
    "Bonne réponse",
    "Réponse",
    "Verdict",
    "Erreur repérée",
    "Points",
    "Temps (s)",
]


def write_results_csv(table: ResultsTable, out: IO[str]) -> None:
    """One row per player and question, players in the leaderboard's order; every cell through
    `safe_cell` (a pseudo or an answer such as `=1+2` is text, not a formula: `quiz.csv_cells`)."""
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(CSV_HEADER)
    by_player = [result.cells for result in table.details]
    for position, (rank, player, _) in enumerate(table.rows):
        for result, cells in zip(table.details, by_player, strict=True):
            cell = cells[position]
            writer.writerow(
                [
                    safe_cell(value)
                    for value in (
                        rank,
                        player.pseudo,
                        player.score,
                        result.number,
                        result.title,
                        cell.expected,
                        cell.answer,
                        cell.verdict_label,
                        cell.diagnosis,
                        cell.points,
                        decimal_comma(cell.seconds) if cell.seconds is not None else "",
                    )
                ]
            )
