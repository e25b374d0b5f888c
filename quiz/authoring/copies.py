"""A teacher's own copy of a quiz (theirs or a colleague's), to adapt without touching the original."""

from __future__ import annotations

from django.db import transaction

from quiz.models import Quiz, QuizQuestion

COPY_SUFFIX = " (copie)"
TITLE_LENGTH = Quiz._meta.get_field("title").max_length or 200

QUESTION_FIELDS = (
    "order",
    "kind",
    "concept_question_id",
    "kpi_slug",
    "difficulty",
    "tolerance_kind",
    "tolerance",
    "points",
    "decimals",
    "time_limit",
)


def copy_title(title: str) -> str:
    """`Titre (copie)`, the original shortened when needed so that the suffix always fits."""
    return title[: TITLE_LENGTH - len(COPY_SUFFIX)] + COPY_SUFFIX


@transaction.atomic
def quiz_duplicate(*, quiz: Quiz, user) -> Quiz:  # type: ignore[no-untyped-def]
    """An unpublished copy of `quiz` and its questions (in their order), owned by `user`; the
    concept questions stay those of the bank (shared, not copied)."""
    copy = Quiz.objects.create(
        title=copy_title(quiz.title),
        description=quiz.description,
        is_published=False,
        created_by=user,
    )
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=copy, **{name: getattr(question, name) for name in QUESTION_FIELDS})
        for question in quiz.questions.order_by("order", "id")
    )
    return copy
