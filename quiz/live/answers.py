"""Answers in a live session: each player's own numbers, grading through `quiz.grading`, points on
the server's clock, stored once per player and question."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction

from quiz.engine.generate import Exercise
from quiz.engine.grade import CORRECT, INVALID
from quiz.engine.scoring import answer_points
from quiz.errors import Refusal
from quiz.grading import Feedback, grade_answer, numeric_exercise, tolerance_for
from quiz.live.sessions import clock_closed, player_turn, turn_question
from quiz.models import LiveAnswer, LiveSession, Player, QuizQuestion


def player_seed(session: LiveSession, player: Player | None, index: int) -> int:
    """Each player's own numbers (same KPI and difficulty), or the class's shared ones."""
    owner = player.pk if (player is not None and session.per_student_numbers) else 0
    digest = hashlib.sha256(f"{session.seed}:{owner}:{index}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 2


def player_exercise(
    session: LiveSession, player: Player | None, question: QuizQuestion, index: int
) -> Exercise:
    """The numbers this player sees for question `index` (or the class's, for the projector)."""
    return numeric_exercise(
        kpi_slug=question.kpi_slug,
        difficulty=question.difficulty,
        seed=player_seed(session, player, index),
        generator=session.generator,
        decimals=question.decimals,
    )


def question_grade(
    *,
    session: LiveSession,
    player: Player | None,
    question: QuizQuestion,
    index: int,
    answer: str = "",
    chosen_ids: Collection[int] = (),
) -> Feedback:
    """A live question graded as every room grades (the options come with the session's questions)."""
    if question.kind == QuizQuestion.Kind.NUMERIC:
        return grade_answer(
            exercise=player_exercise(session, player, question, index),
            tolerance=tolerance_for(question.tolerance_kind, question.tolerance, question.decimals),
            answer=answer,
        )
    concept = question.concept_question
    assert concept is not None  # the check constraint: a concept question has its question
    return grade_answer(
        question=concept,
        options=list(concept.options.all()),
        chosen_ids=chosen_ids,
    )


@dataclass(frozen=True)
class LiveFeedback:
    verdict: str
    message: str
    diagnosis: str = ""
    points: int = 0
    answer: LiveAnswer | None = None
    exercise: Exercise | None = None  # generated once: graded on it, then shown


# How often a student's phone polls (its screen's hx-trigger), and so how late after a question's
# start a phone may first show it: this interval plus the time a process reuses the class's clock
# (quiz.live.poll). Speed is counted from when the server served the question to this player,
# never from later than this. 2 s, not 1 s: the phones' idle polls are most of a class's requests,
# and « Préparez-vous » (LIVE_QUESTION_LEAD_SECONDS, 3 s) brings every phone its question before
# it opens all the same. Measured with 2 000 players (`make loadtest`, 2026-12-01): answer p99
# 2.19 s polling every second, 0.19–0.81 s every two. A correction reaches a phone up to 1 s later.
POLL_INTERVAL_SECONDS = 2
_SERVED = signing.Signer(salt="quiz.live.served")


def served_stamp(*, player: Player, index: int, now: datetime) -> str:
    """The hidden `served` field of the answer form: when the server served question `index` to this
    player, signed (the phone cannot move it)."""
    return _SERVED.sign(f"{player.pk}:{index}:{int(now.timestamp() * 1000)}")


def served_at(*, stamp: str, player: Player, index: int, started_at: datetime) -> datetime:
    """When this player's screen received the question: the signed stamp, between the question's
    start and its start + the poll interval; the start itself when the stamp is missing or forged."""
    try:
        player_id, stamp_index, ms = _SERVED.unsign(stamp or "").split(":")
        if int(player_id) != player.pk or int(stamp_index) != index:
            return started_at
        served = datetime.fromtimestamp(int(ms) / 1000, tz=UTC)
    except (signing.BadSignature, ValueError, OverflowError, OSError):
        return started_at
    latest = started_at + timedelta(
        seconds=POLL_INTERVAL_SECONDS + settings.LIVE_POLL_REUSE_SECONDS
    )
    return min(max(served, started_at), latest)


def live_answer(
    *,
    player: Player,
    question_index: int | None,
    answer: str = "",
    chosen_ids: Collection[int] = (),
    served: str = "",
    now: datetime,
) -> LiveFeedback:
    """Record a player's answer to the question their page showed (`question_index`, from 0), once,
    if it is still their current question and arrives in time.

    A page left over from the previous question never answers the next one: it is refused. `player`
    comes with its session as read in this request (`player_by_token`: one query for both), so the
    answer checks the clock it was read with and reads nothing again."""
    session = player.session
    turn = player_turn(session, player)
    question = turn_question(session, turn)
    if question is None:
        raise Refusal("Il n’y a pas de question en cours.")
    if question_index != turn.index:
        raise Refusal(
            "La question a changé\u00a0: votre réponse n’a pas été enregistrée. "
            "Voici la question en cours."
        )
    if clock_closed(session.state, turn.deadline, now):
        raise Refusal("Temps écoulé\u00a0: votre réponse n’a pas été prise en compte.")
    if turn.started_at is not None and now < turn.started_at:  # « Préparez-vous »: not yet open
        raise Refusal(
            "La question n’est pas encore ouverte\u00a0: attendez la fin du compte à rebours."
        )
    index = turn.index
    graded = question_grade(
        session=session,
        player=player,
        question=question,
        index=index,
        answer=answer,
        chosen_ids=chosen_ids,
    )
    if graded.verdict == INVALID:
        return LiveFeedback(INVALID, graded.grade.message, exercise=graded.exercise)
    correct = graded.verdict == CORRECT
    started_at, deadline = turn.started_at, turn.deadline
    assert started_at is not None and deadline is not None  # a question in progress has its clock
    limit_ms = int((deadline - started_at).total_seconds() * 1000)
    shown_at = served_at(stamp=served, player=player, index=index, started_at=started_at)
    elapsed_ms = int((now - shown_at).total_seconds() * 1000)
    response_ms = max(0, min(limit_ms, elapsed_ms))
    streak = _streak(player, index) if session.streak_bonus and correct else 0
    points = (
        answer_points(
            correct=correct,
            mode=session.scoring,
            response_ms=response_ms,
            limit_ms=limit_ms,
            streak=streak,
            streak_bonus=session.streak_bonus,
        )
        * question.points
    )
    try:
        with transaction.atomic():
            stored = LiveAnswer.objects.create(
                session=session,
                player=player,
                question_index=index,
                answer=answer[:200],
                chosen_option_ids=sorted(chosen_ids),
                verdict=graded.verdict,
                diagnosis=graded.diagnosis,
                points=points,
                response_ms=response_ms,
                answered_at=now,
            )
    except IntegrityError:  # answered before (double submit, replay): the first answer counts
        stored = LiveAnswer.objects.get(player=player, question_index=index)
        return LiveFeedback(
            stored.verdict,
            "Votre réponse est déjà enregistrée.",
            stored.diagnosis,
            stored.points,
            stored,
            graded.exercise,
        )
    return LiveFeedback(
        graded.verdict, "Réponse enregistrée.", graded.diagnosis, points, stored, graded.exercise
    )


def _streak(player: Player, index: int) -> int:
    """Right answers in a row just before question `index`."""
    verdicts = dict(
        LiveAnswer.objects.filter(player=player, question_index__lt=index).values_list(
            "question_index", "verdict"
        )
    )
    streak, position = 0, index - 1
    while position >= 0 and verdicts.get(position) == CORRECT:
        streak += 1
        position -= 1
    return streak


def player_answer(*, player: Player, index: int) -> LiveAnswer | None:
    return LiveAnswer.objects.filter(player=player, question_index=index).first()
