"""The quiz as a live session plays it: its questions (and their concept questions and options)
serialized at launch into `LiveSession.questions`, rebuilt as unsaved model instances.

A teacher editing the quiz, or a concept question of the bank, during a game changes nothing for
the players: every process rebuilds the same questions from the same row. The rebuilt questions are
kept per process for the session's life (they never change, so the copy cannot be stale).
"""

from __future__ import annotations

import json
from typing import Any

from django.core import serializers

from courses.models import QuestionOption
from quiz.models import LiveSession, Quiz, QuizQuestion

_MAX_REMEMBERED = 2_000  # sessions whose questions a process keeps; beyond, start again
_remembered: dict[tuple[int, float], list[QuizQuestion]] = {}


def _fields(objects: list[Any]) -> list[dict[str, Any]]:
    """Django's own serializer, through JSON so that decimals and dates fit a JSON column."""
    return json.loads(serializers.serialize("json", objects))


def quiz_snapshot(quiz: Quiz) -> list[dict[str, Any]]:
    """What a session launched now will play: each question with its concept question and options."""
    questions = list(
        quiz.questions.select_related("concept_question").prefetch_related(
            "concept_question__options"
        )
    )
    snapshot = []
    for question, data in zip(questions, _fields(questions), strict=True):
        concept = question.concept_question
        snapshot.append(
            {
                "question": data,
                "concept": _fields([concept])[0] if concept is not None else None,
                "options": _fields(list(concept.options.all())) if concept is not None else [],
            }
        )
    return snapshot


def _rebuilt(data: list[dict[str, Any]]) -> list[Any]:
    return [item.object for item in serializers.deserialize("python", data, ignorenonexistent=True)]


def questions_from_snapshot(snapshot: list[dict[str, Any]]) -> list[QuizQuestion]:
    """Unsaved questions as they were at launch; a concept question's options answer `.all()`."""
    questions = []
    for entry in snapshot:
        (question,) = _rebuilt([entry["question"]])
        if entry.get("concept"):
            (concept,) = _rebuilt([entry["concept"]])
            options = _rebuilt(entry.get("options", []))
            cached = QuestionOption.objects.filter(question_id=concept.pk)
            cached._result_cache = options  # what prefetch_related leaves behind
            cached._prefetch_done = True  # type: ignore[attr-defined]
            concept._prefetched_objects_cache = {"options": cached}
            question.concept_question = concept
        questions.append(question)
    return questions


def session_questions(session: LiveSession) -> list[QuizQuestion]:
    """The session's questions in order, as at launch (a session launched before snapshots: its
    quiz as it is now, like before)."""
    cached = session.__dict__.get("_questions")
    if cached is not None:
        return cached
    key = (session.pk, session.created_at.timestamp())
    cached = _remembered.get(key)
    if cached is None:
        if "questions" in session.__dict__:
            snapshot = session.questions
        else:  # deferred by the raw readers of quiz.live.rows: read it once per process
            snapshot = (
                LiveSession.objects.filter(pk=session.pk)
                .values_list("questions", flat=True)
                .first()
            ) or []
        if snapshot:
            cached = questions_from_snapshot(snapshot)
        else:
            cached = list(
                QuizQuestion.objects.filter(quiz_id=session.quiz_id)
                .select_related("concept_question")
                .prefetch_related("concept_question__options")
            )
        if len(_remembered) >= _MAX_REMEMBERED:
            _remembered.clear()
        _remembered[key] = cached
    session.__dict__["_questions"] = cached
    return cached


def forget_snapshots() -> None:
    """Drop this process's rebuilt questions (tests)."""
    _remembered.clear()
