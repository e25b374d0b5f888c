"""What the projector and a student's phone show, as template contexts: one function per screen,
called by the views with what they have already read (nothing is read twice in one request)."""

from __future__ import annotations

import math
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import segno
from django.utils import timezone

from calculators.numbers import format_quantity
from quiz.grading import grade_answer, tolerance_for
from quiz.live import answers, charts, sessions, standings
from quiz.live.poll import player_etag
from quiz.mistakes import mistake_phrase
from quiz.models import LiveAnswer, LiveSession, Player, QuizQuestion
from quiz.templatetags.live_markup import points


def seconds_left(deadline: datetime | None, now: datetime) -> int:
    """Whole seconds before a question's deadline (0 once it has passed)."""
    assert deadline is not None  # a question in progress has its clock
    return max(0, int((deadline - now).total_seconds()))


def projector_etag(session: LiveSession, closed: bool) -> str:
    """What the projector's screen depends on: the session's state, joins, answers and steps."""
    players, steps, answered = standings.session_activity(session=session)
    return f'"t{session.pk}-{session.state_version}-{players}-{steps}-{answered}-{int(closed)}"'


@lru_cache(maxsize=64)
def join_qr_svg(join_url: str, scale: int) -> str:
    """The join link's QR code as inline SVG (the same for a session's whole life: drawn once)."""
    return segno.make(join_url, error="m").svg_inline(scale=scale, dark="#0b1220", light="#ffffff")


def _lead(lead_ms: int, turn: sessions.Turn, *, where: str, wall: bool) -> dict[str, Any]:
    """« Préparez-vous »: the milliseconds before the question opens, the whole seconds the
    countdown starts from, and what the screen's live region says when it opens (`where` is
    « Question N sur M »: the wall says it is launched, a phone how long it has)."""
    if not lead_ms:
        return {"lead_ms": 0}
    assert turn.started_at is not None and turn.deadline is not None
    open_seconds = round((turn.deadline - turn.started_at).total_seconds())
    return {
        "lead_ms": lead_ms,
        "lead_seconds": math.ceil(lead_ms / 1000),
        "lead_announce": launched(where)
        if wall
        else f"{where} ouverte, {open_seconds}\u00a0secondes.",
    }


def launched(where: str) -> str:
    """What the wall says when a question opens."""
    return f"{where} lancée."


def wall_context(session: LiveSession, *, join_base: str) -> dict[str, Any]:
    """What the projector's corner shows all game long: where to join, the PIN, a small QR code."""
    return {"corner_qr_svg": join_qr_svg(f"{join_base}?pin={session.pin}", 3)}


def projector_announcement(context: dict[str, Any]) -> str:
    """What the projector's polite live region says when the screen changes state (never a join)."""
    session = context["session"]
    if session.state == LiveSession.State.FINISHED:
        return "Le quiz est terminé\u00a0: podium affiché."
    if context["self_paced"] and session.state == LiveSession.State.QUESTION:
        return "Le quiz a commencé\u00a0: chacun avance à son rythme."
    if context["question"] is not None:
        where = f"Question {context['number']} sur {context['count']}"
        if context["closed"]:
            return f"{where}\u00a0: correction affichée."
        return f"{where}\u00a0: préparez-vous." if context.get("lead_ms") else launched(where)
    return "Salle d’attente ouverte."


def player_announcement(context: dict[str, Any]) -> str:
    """What a student's polite live region says when their screen changes (one sentence or two).

    In Python, as the projector's: it is said on every screen a phone receives, and the same
    sentences as a template cost a tenth of the question's render (measured on 2026-12-01)."""
    session, feedback, standing = context["session"], context["feedback"], context.get("standing")
    where = (
        f"{standing.rank}{standing.rank_suffix} avec {points(standing.score)}" if standing else ""
    )
    question, answer = context["question"], context.get("answer")
    number, count = context["number"], context["count"]
    if feedback is not None and feedback.verdict == "refused":
        return feedback.message
    if session.state == LiveSession.State.LOBBY:
        return "Inscription enregistrée. En attente de la première question."
    if session.state == LiveSession.State.FINISHED:
        return f"Fin du quiz. Vous terminez {where}."
    if context["done"]:
        return f"Vous avez terminé. Vous êtes {where}."
    if question is None:
        return ""
    if context["closed"]:
        if answer is None:
            verdict = "pas de réponse."
        elif answer.verdict == "correct":
            verdict = f"bonne réponse, +{points(answer.points)}."
        else:
            verdict = "ce n’est pas la bonne réponse."
        return f"Correction de la question {number}\u00a0: {verdict} Vous êtes {where}."
    if answer is not None:
        return "Réponse enregistrée. La correction s’affichera à la fin du temps."
    if context.get("lead_ms"):
        seconds = context["lead_seconds"]
        return (
            f"Question {number} sur {count}\u00a0: préparez-vous, elle s’ouvre dans "
            f"{seconds}\u00a0seconde{'s' if seconds > 1 else ''}."
        )
    if feedback is not None:
        return feedback.message
    return f"Question {number} sur {count}, {context['seconds_left']}\u00a0secondes."


def _correction_chart(
    question: QuizQuestion, stats: standings.QuestionStats, mistakes: list[tuple[int, str]]
) -> charts.BarChart:
    unanswered = max(0, stats.players - stats.answered)
    if question.kind == question.Kind.NUMERIC:
        bars = charts.numeric_bars(
            correct=stats.correct,
            answered=stats.answered,
            mistakes=[(phrase, count) for count, phrase in mistakes],
            unanswered=unanswered,
        )
    else:
        bars = charts.concept_bars(stats.options, unanswered=unanswered)
    return charts.bar_chart(bars, players=stats.players)


def projector_context(session: LiveSession, *, join_base: str) -> dict[str, Any]:
    """The projected screen: waiting room with PIN and QR code, question and its answers, the
    correction with its chart and the named mistakes, the class's progress (student-paced), the
    podium."""
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
        "join_display": "{0.netloc}{0.path}".format(urlsplit(join_base)),  # no scheme: shorter
        # The screen the teacher's action answers: a double press acts once (teacher.py).
        "at": f"{session.state}-{session.question_index}",
    }
    if question is not None and not closed:
        assert session.question_deadline is not None and session.question_started_at is not None
        turn = sessions.player_turn(session, None)
        where = f"Question {context['number']} sur {len(questions)}"
        context.update(_lead(sessions.turn_lead_ms(turn, now), turn, where=where, wall=True))
        context["ms_left"] = max(0, int((session.question_deadline - now).total_seconds() * 1000))
        context["seconds_total"] = max(
            1, round((session.question_deadline - session.question_started_at).total_seconds())
        )
    if session.state == LiveSession.State.LOBBY:
        context["players"] = list(
            Player.objects.filter(session=session).values_list("pseudo", flat=True)
        )
        context["qr_svg"] = join_qr_svg(join_url, 6)
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
        else:
            context["options"] = [
                (charts.option_letter(position), charts.option_tone(position), text, right)
                for position, (text, _, right) in enumerate(stats.options)
            ]
        if closed:
            context["chart"] = _correction_chart(question, stats, context["mistakes"])
    if self_paced and session.state == LiveSession.State.QUESTION:
        progress = standings.session_progress(session=session)
        context["progress"] = progress
        context["progress_rows"] = [
            (row, [(count, mistake_phrase(code, count)) for code, count in row.mistakes])
            for row in progress.questions
        ]
    if closed or self_paced or session.state == LiveSession.State.FINISHED:
        context["leaderboard"] = standings.leaderboard_for(session=session)
    if session.state == LiveSession.State.FINISHED:
        # Three steps for the three best who scored: nobody stands on a podium with 0 points.
        podium = [row for row in context["leaderboard"][:3] if row.score > 0]
        context["podium"] = podium
        context["rest"] = [row for row in context["leaderboard"] if row not in podium]
    context["announce"] = projector_announcement(context)
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
        "poll_seconds": answers.POLL_INTERVAL_SECONDS,
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
        lead_ms = 0 if closed else sessions.turn_lead_ms(turn, now)
        where = f"Question {turn.index + 1} sur {count}"
        context.update(_lead(lead_ms, turn, where=where, wall=False))
        context["served"] = answers.served_stamp(player=player, index=turn.index, now=now)
        context["deadline"] = turn.deadline
        if question.kind == question.Kind.NUMERIC:
            exercise = (feedback.exercise if feedback else None) or answers.player_exercise(
                session, player, question, turn.index
            )
            context["exercise"] = exercise
            if closed:
                context["solution"] = exercise.preliminary_steps + exercise.solution().steps
                context["expected_display"] = format_quantity(
                    exercise.expected, exercise.kpi.unit, exercise.decimals
                )
            if closed and answer is not None and answer.diagnosis:
                # The same words as in practice, with the student's own number.
                graded = grade_answer(
                    exercise=exercise,
                    tolerance=tolerance_for(
                        question.tolerance_kind, question.tolerance, question.decimals
                    ),
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
    context["announce"] = player_announcement(context)
    return context
