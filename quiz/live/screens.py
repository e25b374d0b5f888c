"""What the projector and a student's phone show, as template contexts: one function per screen,
called by the views with what they have already read (nothing is read twice in one request)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import segno
from django.utils import timezone

from quiz.grading import grade_answer, tolerance_for
from quiz.live import answers, sessions, standings
from quiz.live.poll import player_etag
from quiz.mistakes import mistake_phrase
from quiz.models import LiveAnswer, LiveSession, Player


def seconds_left(deadline: datetime | None, now: datetime) -> int:
    """Whole seconds before a question's deadline (0 once it has passed)."""
    assert deadline is not None  # a question in progress has its clock
    return max(0, int((deadline - now).total_seconds()))


def projector_etag(session: LiveSession, closed: bool) -> str:
    """What the projector's screen depends on: the session's state, joins, answers and steps."""
    players, steps, answered = standings.session_activity(session=session)
    return f'"t{session.pk}-{session.state_version}-{players}-{steps}-{answered}-{int(closed)}"'


def projector_context(session: LiveSession, *, join_base: str) -> dict[str, Any]:
    """The projected screen: waiting room with PIN and QR code, question and its answers, the
    correction with the named mistakes, the class's progress (student-paced), the podium."""
    now = timezone.now()
    questions = sessions.session_questions(session)
    self_paced = sessions.self_paced(session)
    question = sessions.current_question(session) if not self_paced else None
    closed = sessions.question_closed(session, now)
    join_url = f"{join_base}?pin={session.pin}"
    context: dict[str, Any] = {
        "session": session,
        "count": len(questions),
        "question": question,
        "number": session.question_index + 1,
        "closed": closed,
        "self_paced": self_paced,
        "is_last": session.question_index + 1 >= len(questions),
        "seconds_left": seconds_left(session.question_deadline, now) if question else 0,
        "etag": projector_etag(session, closed),
        "join_url": join_url,
        "join_base": join_base,
    }
    if session.state == LiveSession.State.LOBBY:
        context["players"] = list(
            Player.objects.filter(session=session).values_list("pseudo", flat=True)
        )
        context["qr_svg"] = segno.make(join_url, error="m").svg_inline(scale=6, dark="#1b2430")
    if question is not None:
        stats = standings.question_stats(
            session=session, question=question, index=session.question_index
        )
        context["stats"] = stats
        context["mistakes"] = [
            (count, mistake_phrase(code, count)) for code, count in stats.diagnoses
        ]
        if question.kind == question.Kind.NUMERIC:
            context["exercise"] = answers.player_exercise(
                session, None, question, session.question_index
            )
    if self_paced and session.state == LiveSession.State.QUESTION:
        progress = standings.session_progress(session=session)
        context["progress"] = progress
        context["progress_rows"] = [
            (row, [(count, mistake_phrase(code, count)) for code, count in row.mistakes])
            for row in progress.questions
        ]
    if closed or self_paced or session.state == LiveSession.State.FINISHED:
        context["leaderboard"] = standings.leaderboard_for(session=session)
    return context


def player_context(
    player: Player,
    *,
    answer: LiveAnswer | None,
    feedback: answers.LiveFeedback | None = None,
) -> dict[str, Any]:
    """A student's screen. `player` comes with its session, and `answer` is their answer to their
    current question as the caller read it (the poll's row, the answer just stored, or
    `answers.player_answer`): nothing is read again here but the standings a screen shows."""
    session = player.session
    now = timezone.now()
    turn = sessions.player_turn(session, player)
    question = sessions.turn_question(session, turn)
    closed = sessions.turn_closed(
        state=session.state, turn=turn, answered=answer is not None, now=now
    )
    count = len(sessions.session_questions(session))
    finished = session.state == LiveSession.State.FINISHED
    done = turn.self_paced and session.state == LiveSession.State.QUESTION and turn.index >= count
    context: dict[str, Any] = {
        "player": player,
        "session": session,
        "closed": closed,
        "question": question,
        "feedback": feedback,
        "etag": player_etag(player.pk, session.state_version, turn.index, closed),
        "count": count,
        "number": turn.index + 1,
        "self_paced": turn.self_paced,
        "is_last": turn.index + 1 >= count,
        "done": done,
        "finished": finished,
    }
    if question is not None:
        context["answer"] = answer
        context["seconds_left"] = seconds_left(turn.deadline, now)
        context["deadline"] = turn.deadline
        if question.kind == question.Kind.NUMERIC:
            exercise = (feedback.exercise if feedback else None) or answers.player_exercise(
                session, player, question, turn.index
            )
            context["exercise"] = exercise
            if closed:
                context["solution"] = exercise.preliminary_steps + exercise.solution().steps
            if closed and answer is not None and answer.diagnosis:
                # The same words as in practice, with the student's own number.
                graded = grade_answer(
                    exercise=exercise,
                    tolerance=tolerance_for(question.tolerance_kind, question.tolerance),
                    answer=answer.answer,
                )
                context["diagnosis_message"] = getattr(graded.grade, "diagnosis_message", "")
        else:
            assert question.concept_question is not None  # the check constraint: a concept has one
            context["options"] = list(question.concept_question.options.all())
    if closed or done or finished:
        context["standing"] = standings.player_standing(session=session, player=player)
    if finished:
        context["podium"] = standings.leaderboard_for(session=session, limit=3)
    if done or finished:
        context["recap"] = standings.player_recap(session=session, player=player)
    return context
