from __future__ import annotations

import pytest

from quiz.live import poll, sessions
from quiz.models import LiveSession
from tests.factories import numeric_and_concept_quiz


@pytest.fixture
def quiz(course):
    """A published quiz: a numeric question on the reactivity rate, then a concept question."""
    return numeric_and_concept_quiz(title="Direct", kpi_slug="taux-reactivite", difficulty=2)


@pytest.fixture
def session(course, teacher):
    """A teacher-paced session of the live tests' quiz (a numeric question on the CPC first)."""
    return sessions.session_create(quiz=numeric_and_concept_quiz(title="Direct"), owner=teacher)


@pytest.fixture
def paced_session(session, teacher):
    """The same quiz, each student at their own pace."""
    return sessions.session_create(
        quiz=session.quiz, owner=teacher, pacing=LiveSession.Pacing.STUDENT
    )


@pytest.fixture(autouse=True)
def _fresh_join_counters():
    """Join and wrong-PIN counters live in the shared cache: each test starts from none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


class Clock:
    """`time.monotonic` for `quiz.live`, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def reuse(settings, monkeypatch):
    """Idle polls as in production: a process reuses the class's clock for half a second."""
    settings.LIVE_POLL_REUSE_SECONDS = 0.5
    clock = Clock()
    monkeypatch.setattr(poll.time, "monotonic", clock)
    return clock
