"""The load test's scenario (scripts/loadtest.py): its knobs, the database, and what is done and
checked in process through Django on the same database as the server — the quiz, the session, the
teacher starting the question, the stored answers and the leaderboard.

Django is imported only inside the functions: call them after `django.setup()`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from servers import manage

PLAYERS_LIMIT = 5000  # over every class: bounds the load's sockets, requests and time
CLASSES = max(1, min(int(os.environ.get("CLASSES") or "1"), 60))
# One class: PLAYERS in it (1 000); several: CLASS_SIZE in each (35).
CLASS_SIZE = max(
    1,
    min(
        int(os.environ.get("CLASS_SIZE") or (os.environ.get("PLAYERS") or "1000"))
        if CLASSES == 1
        else int(os.environ.get("CLASS_SIZE") or "35"),
        PLAYERS_LIMIT // CLASSES,
    ),
)
PLAYERS = CLASSES * CLASS_SIZE  # over every class
STAGGER_SECONDS = max(0.0, min(float(os.environ.get("STAGGER_SECONDS") or "0.5"), 5.0))
WORKERS = max(1, min(int(os.environ.get("WORKERS", "2")), 16))
SERVER = os.environ.get("SERVER") or "granian"  # make serve's; or gunicorn-sync, gunicorn-gthread
THREADS = max(0, min(int(os.environ.get("THREADS") or "0"), 64))  # 0: the server's default
KEEPALIVE = os.environ.get("KEEPALIVE") == "1"  # the phones keep their connections open
SPEED_SECONDS = max(0, min(int(os.environ.get("SPEED_SECONDS") or "5"), 30))  # 0: not measured
SPEED_BAR = 3000.0  # trivial view req/s under `make bench` from which the timing bars are judged
JOIN_SECONDS = max(0.0, min(float(os.environ.get("JOIN_SECONDS", "5")), 30.0))
LOBBY_SECONDS = 5.0  # idle polling (all 304) once everyone is in, before the question
ANSWER_WINDOW = 10.0  # from the start of the question: every answer is sent within it
ANSWER_DELAY_MAX = 8.0  # a player answers 0–8 s after its poll brought the question
TAIL_SECONDS = 2.0  # polling goes on after the window, then everyone stops
# None: as the player's page says (its hx-trigger, "every 2s"); set, to study the load.
POLL_SECONDS = (
    max(0.2, min(float(os.environ["POLL_SECONDS"]), 10.0))
    if os.environ.get("POLL_SECONDS")
    else None
)
WRONG_SHARE = 0.10
JOIN_LIMIT = 45.0  # the question starts then even if some joins are still pending
LOAD_LIMIT = 100.0 + STAGGER_SECONDS * (CLASSES - 1)  # hard stop of the whole load
ANSWER_P99_BAR_MS = 300.0
QUESTION_P99_BAR_MS = 1500.0  # the question on every phone, after it started
KPI = "taux-reactivite"


# --------------------------------------------------------------------------------------------------
# Database
# --------------------------------------------------------------------------------------------------


def database_url(workdir: Path) -> tuple[str, str]:
    """The URL to use and a label; a PostgreSQL database is created if missing."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return f"sqlite:///{workdir / 'loadtest.sqlite3'}", "SQLite"
    import dj_database_url

    config = dj_database_url.parse(url)
    name = str(config.get("NAME", ""))
    if "loadtest" not in name:
        raise SystemExit(
            f"DATABASE_URL names the database {name!r}: the load test flushes it, so its name must "
            "contain 'loadtest' (e.g. postgres://ndrc:ndrc@127.0.0.1:5432/ndrc_loadtest)."
        )
    if "postgresql" not in config["ENGINE"]:
        raise SystemExit("DATABASE_URL: only PostgreSQL (or nothing, for SQLite) is supported.")
    if config.get("HOST") not in ("127.0.0.1", "localhost", "", None):
        raise SystemExit("DATABASE_URL: the load test only runs against a local database.")
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        autocommit=True,
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return url, f"PostgreSQL ({name})"


def prepare_database(env: dict[str, str], postgres: bool) -> None:
    """Migrations, the course and static files; a reused PostgreSQL database is emptied first."""
    commands = [["migrate", "--noinput"]]
    if postgres:  # a reused database: empty it (load_course only fills an empty one)
        commands.append(["flush", "--noinput"])
    commands += [["load_course"], ["collectstatic", "--noinput"]]
    manage(env, commands, timeout=120)


# --------------------------------------------------------------------------------------------------
# In-process set-up and checks (Django, same database)
# --------------------------------------------------------------------------------------------------


def create_session(index: int = 0):
    """A teacher of their own, their quiz of one question and its session, for class `index`."""
    from django.contrib.auth import get_user_model

    from quiz.live import sessions
    from quiz.models import Quiz, QuizQuestion

    name = "prof-charge" + (f"-{index + 1:02d}" if index else "")
    teacher = get_user_model().objects.create_user(name, f"{name}@example.org", None, is_staff=True)
    quiz = Quiz.objects.create(title="Test de charge", is_published=True, created_by=teacher)
    QuizQuestion.objects.create(
        quiz=quiz, kind=QuizQuestion.Kind.NUMERIC, kpi_slug=KPI, difficulty=2
    )
    session = sessions.session_create(quiz=quiz, owner=teacher, per_student_numbers=True)
    return teacher, session


def start_question(session, teacher) -> tuple[float, float]:
    """The teacher launches the question: when they did and when it opens (after « Préparez-vous »,
    LIVE_QUESTION_LEAD_SECONDS), as `time.time()` values."""
    from django.db import connections
    from django.utils import timezone

    from quiz.live import sessions

    clicked = timezone.now()
    try:
        started = sessions.session_advance(session=session, user=teacher, now=clicked)
    finally:
        connections.close_all()
    assert started.question_started_at is not None
    return clicked.timestamp(), started.question_started_at.timestamp()


@dataclass
class Checks:
    stored: int
    correct: int
    verdict_mismatches: int
    unknown_players: int
    leaderboard_ok: bool
    leaderboard: list[tuple[str, int]]
    expected: list[tuple[str, int]]


def check_database(session, intended: dict[str, bool]) -> Checks:
    from quiz.engine.grade import CORRECT
    from quiz.live import standings
    from quiz.models import LiveAnswer, Player

    players = {p.pk: p for p in Player.objects.filter(session=session)}
    answers = list(LiveAnswer.objects.filter(session=session))
    mismatches = unknown = 0
    scores: dict[int, list[int]] = {pk: [0, 0] for pk in players}
    for answer in answers:
        scores[answer.player_id][0] += answer.points
        scores[answer.player_id][1] += answer.response_ms
        meant = intended.get(players[answer.player_id].pseudo)
        if meant is None:
            unknown += 1
        elif meant != (answer.verdict == CORRECT):
            mismatches += 1
    order = sorted(
        players.values(),
        key=lambda p: (-scores[p.pk][0], scores[p.pk][1], p.joined_at, p.pk),
    )
    expected = [(p.pseudo, scores[p.pk][0]) for p in order[: standings.LEADERBOARD_SIZE]]
    board = [(row.pseudo, row.score) for row in standings.leaderboard_for(session=session)]
    return Checks(
        stored=len(answers),
        correct=sum(a.verdict == CORRECT for a in answers),
        verdict_mismatches=mismatches,
        unknown_players=unknown,
        leaderboard_ok=board == expected,
        leaderboard=board,
        expected=expected,
    )
