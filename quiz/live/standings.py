"""Standings and statistics of a live session — each a fixed number of queries, whatever the
number of players: leaderboard, a player's rank, their recap, the class's progress and the answers'
distribution per question."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias, TypedDict

from django.db.models import Count, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from calculators.kpis import get_kpi
from quiz.engine.grade import CORRECT
from quiz.live.sessions import session_questions
from quiz.models import LiveAnswer, LiveSession, Player, QuizQuestion

LEADERBOARD_SIZE = 10


class Scores(TypedDict):
    """What `scored_players` annotates each player with."""

    score: int
    time_ms: int


if TYPE_CHECKING:  # django-stubs-ext is a test dependency: for the type checker only
    from django_stubs_ext import WithAnnotations

    ScoredPlayer: TypeAlias = WithAnnotations[Player, Scores]


def session_activity(*, session: LiveSession) -> tuple[int, int, int]:
    """What students change on the projector's screen: joins, answers and (student-paced) steps.

    Counted when the projector polls (once a second, one screen) rather than kept as a version
    that every join and every answer would update: that row would be the hottest in the database."""
    players = Player.objects.filter(session=session).aggregate(
        count=Count("id"), steps=Coalesce(Sum("current_index"), 0)
    )
    answers = LiveAnswer.objects.filter(session=session).count()
    return players["count"], players["steps"], answers


@dataclass(frozen=True)
class Standing:
    rank: int
    pseudo: str
    score: int
    time_ms: int
    player_id: int

    @property
    def rank_suffix(self) -> str:
        """`1er`, `2e`, `3e`…"""
        return "er" if self.rank == 1 else "e"


def scored_players(session: LiveSession) -> QuerySet[ScoredPlayer]:
    """The session's players, each with `score` and `time_ms` (the time of the answers that scored)."""
    return Player.objects.filter(session=session).annotate(
        score=Coalesce(Sum("answers__points"), Value(0), output_field=IntegerField()),
        # Ties are broken by the time taken by the answers that scored: a wrong or missing
        # answer neither costs nor saves time.
        time_ms=Coalesce(
            Sum("answers__response_ms", filter=Q(answers__points__gt=0)),
            Value(0),
            output_field=IntegerField(),
        ),
    )


def leaderboard_for(*, session: LiveSession, limit: int = LEADERBOARD_SIZE) -> list[Standing]:
    """Top players: points, then total response time, then join order (one query)."""
    rows = scored_players(session).order_by("-score", "time_ms", "joined_at", "id")[:limit]
    return [
        Standing(rank, row.pseudo, row.score, row.time_ms, row.pk)
        for rank, row in enumerate(rows, start=1)
    ]


def player_standing(*, session: LiveSession, player: Player) -> Standing:
    """One player's score and rank (two queries)."""
    me = scored_players(session).get(pk=player.pk)
    ahead = (
        scored_players(session)
        .filter(
            Q(score__gt=me.score)
            | Q(score=me.score, time_ms__lt=me.time_ms)
            | Q(score=me.score, time_ms=me.time_ms, joined_at__lt=me.joined_at)
            | Q(score=me.score, time_ms=me.time_ms, joined_at=me.joined_at, pk__lt=me.pk)
        )
        .count()
    )
    return Standing(ahead + 1, me.pseudo, me.score, me.time_ms, me.pk)


@dataclass(frozen=True)
class RecapRow:
    """One line of a student's own answers, shown when they have finished."""

    number: int
    title: str
    verdict: str  # "" when the student did not answer
    points: int
    mistake: str  # the catalogue's diagnosis, addressed to the student


def player_recap(*, session: LiveSession, player: Player) -> list[RecapRow]:
    """The student's answers question by question (one query)."""
    answers = {
        row["question_index"]: row
        for row in LiveAnswer.objects.filter(player=player).values(
            "question_index", "verdict", "points", "diagnosis"
        )
    }
    rows = []
    for index, question in enumerate(session_questions(session)):
        answer: Mapping[str, Any] = answers.get(index, {})
        kpi = get_kpi(question.kpi_slug) if question.kind == QuizQuestion.Kind.NUMERIC else None
        mistakes = {m.code: m.message for m in kpi.mistakes} if kpi else {}
        if kpi:
            title = kpi.name
        else:  # a concept question: the check constraint gives it its concept question
            assert question.concept_question is not None
            title = question.concept_question.stem
        rows.append(
            RecapRow(
                index + 1,
                title,
                answer.get("verdict", ""),
                answer.get("points", 0),
                mistakes.get(answer.get("diagnosis", ""), ""),
            )
        )
    return rows


@dataclass(frozen=True)
class QuestionProgress:
    """Student-paced projector: one question's answers so far, right ones, named mistakes."""

    number: int
    question: QuizQuestion
    answered: int
    correct: int
    mistakes: list[tuple[str, int]]  # (mistake code, count)


@dataclass(frozen=True)
class SessionProgress:
    players: int
    finished: int  # players who have answered (or let pass) every question
    questions: list[QuestionProgress]


def session_progress(*, session: LiveSession) -> SessionProgress:
    """Where a student-paced class stands, question by question (three queries)."""
    questions = session_questions(session)
    answers = LiveAnswer.objects.filter(session=session)
    totals = {
        row["question_index"]: row
        for row in answers.values("question_index").annotate(
            answered=Count("id"), correct=Count("id", filter=Q(verdict=CORRECT))
        )
    }
    mistakes: dict[int, list[tuple[str, int]]] = {}
    for row in (
        answers.exclude(diagnosis="")
        .values("question_index", "diagnosis")
        .annotate(n=Count("id"))
        .order_by("question_index", "-n", "diagnosis")
    ):
        mistakes.setdefault(row["question_index"], []).append((row["diagnosis"], row["n"]))
    players = Player.objects.filter(session=session).aggregate(
        total=Count("id"), finished=Count("id", filter=Q(current_index__gte=len(questions)))
    )
    return SessionProgress(
        players["total"],
        players["finished"],
        [
            QuestionProgress(
                index + 1,
                question,
                totals.get(index, {}).get("answered", 0),
                totals.get(index, {}).get("correct", 0),
                mistakes.get(index, []),
            )
            for index, question in enumerate(questions)
        ],
    )


@dataclass(frozen=True)
class QuestionStats:
    answered: int
    players: int
    correct: int
    options: list[tuple[str, int, bool]]  # concept: (option text, count, is right)
    diagnoses: list[tuple[str, int]]  # numeric: (mistake code, count)


def question_stats(*, session: LiveSession, question: QuizQuestion, index: int) -> QuestionStats:
    """How many have answered, and the distribution of answers or of diagnosed mistakes."""
    answers = LiveAnswer.objects.filter(session=session, question_index=index)
    totals = answers.aggregate(answered=Count("id"), correct=Count("id", filter=Q(verdict=CORRECT)))
    players = Player.objects.filter(session=session).count()
    options: list[tuple[str, int, bool]] = []
    diagnoses: list[tuple[str, int]] = []
    if question.kind == QuizQuestion.Kind.CONCEPT:
        assert question.concept_question is not None  # the check constraint: a concept has one
        counts: dict[int, int] = {}
        for chosen in answers.values_list("chosen_option_ids", flat=True):
            for option_id in chosen:
                counts[option_id] = counts.get(option_id, 0) + 1
        options = [
            (option.text, counts.get(option.pk, 0), option.is_correct)
            for option in question.concept_question.options.all()
        ]
    else:
        diagnoses = [
            (row["diagnosis"], row["n"])
            for row in answers.exclude(diagnosis="")
            .values("diagnosis")
            .annotate(n=Count("id"))
            .order_by("-n", "diagnosis")
        ]
    return QuestionStats(totals["answered"], players, totals["correct"], options, diagnoses)
