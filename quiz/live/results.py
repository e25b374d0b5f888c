"""A finished (or running) session's results: one row per player with their answer to each
question, on the page and as a CSV for French Excel (`;`, decimal comma, UTF-8 with BOM)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from quiz.csv_cells import safe_cell
from quiz.live.sessions import session_questions
from quiz.live.standings import scored_players
from quiz.models import LiveAnswer, LiveSession, QuizQuestion

if TYPE_CHECKING:
    from quiz.live.standings import ScoredPlayer


@dataclass(frozen=True)
class ResultsTable:
    questions: list[QuizQuestion]
    # Rank, player (with `score` and `time_ms`), answer per question.
    rows: list[tuple[int, ScoredPlayer, list[LiveAnswer | None]]]


def results_table(*, session: LiveSession) -> ResultsTable:
    """Players ranked as on the leaderboard, each with their answer to every question (2 queries)."""
    questions = session_questions(session)
    players = list(scored_players(session).order_by("-score", "time_ms", "joined_at", "id"))
    answered = {
        (a.player_id, a.question_index): a
        for a in LiveAnswer.objects.filter(session=session).only(
            "player_id", "question_index", "verdict", "points", "diagnosis"
        )
    }
    rows = [
        (rank, player, [answered.get((player.pk, index)) for index in range(len(questions))])
        for rank, player in enumerate(players, start=1)
    ]
    return ResultsTable(questions, rows)


def write_results_csv(table: ResultsTable, out: IO[str]) -> None:
    """Rank, pseudo, points, total time, then the points of each question; every cell through
    `safe_cell` (a pseudo such as `=1+2` is text, not a formula: see `quiz.csv_cells`)."""
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        ["Rang", "Pseudo", "Points", "Temps total (s)"]
        + [f"Q{index + 1}" for index in range(len(table.questions))]
    )
    for rank, player, cells in table.rows:
        row: list[str | int | None] = [
            rank,
            player.pseudo,
            player.score,
            f"{player.time_ms / 1000:.1f}".replace(".", ","),
        ]
        writer.writerow(
            [safe_cell(value) for value in row]
            + [safe_cell(cell.points if cell else None) for cell in cells]
        )
