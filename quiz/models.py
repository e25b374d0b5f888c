"""Quizzes, attempts and live sessions (built by the quiz-engine and live-session issues)."""

from __future__ import annotations
