"""The quiz app's models, one module per room (Django finds them all through this package)."""

from __future__ import annotations

from quiz.models.assignments import Assignment
from quiz.models.limits import WindowCount
from quiz.models.live import LiveAnswer, LiveSession, Player
from quiz.models.practice import Attempt, AttemptItem, ReviewCard
from quiz.models.quizzes import DIFFICULTY_CHOICES, KPI_CHOICES, Quiz, QuizQuerySet, QuizQuestion
from quiz.models.teaching import Enrolment, SchoolClass, StudentAccount

__all__ = [
    "DIFFICULTY_CHOICES",
    "KPI_CHOICES",
    "Assignment",
    "Attempt",
    "AttemptItem",
    "Enrolment",
    "LiveAnswer",
    "LiveSession",
    "Player",
    "Quiz",
    "QuizQuerySet",
    "QuizQuestion",
    "ReviewCard",
    "SchoolClass",
    "StudentAccount",
    "WindowCount",
]
