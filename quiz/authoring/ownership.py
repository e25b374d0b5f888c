"""Who may change a quiz, and when nobody may change its questions.

A quiz belongs to the teacher who made it (`created_by`); an administrator may change any. Another
teacher reads it and may duplicate it. While a class plays it live or has it as open homework, its
questions are frozen for everyone: the students' numbers and answers depend on them.
"""

from __future__ import annotations

from django.utils import timezone

from quiz.models import Assignment, LiveSession, Quiz


def quiz_can_edit(*, quiz: Quiz, user) -> bool:  # type: ignore[no-untyped-def]
    """The quiz's author or an administrator (a quiz nobody owns: administrators only)."""
    if not (user.is_authenticated and user.is_staff):
        return False
    return bool(user.is_superuser or (quiz.created_by_id and quiz.created_by_id == user.pk))


def quiz_lock_reason(*, quiz: Quiz) -> str | None:
    """Why the quiz's questions may not change now (French, without a final full stop), or None."""
    if not quiz.pk:
        return None
    if LiveSession.objects.filter(quiz=quiz).exclude(state=LiveSession.State.FINISHED).exists():
        return "une partie en direct de ce quiz n’est pas terminée"
    if Assignment.objects.filter(quiz=quiz, due_at__gt=timezone.now()).exists():
        return "ce quiz est donné en devoir et la date limite n’est pas passée"
    return None
