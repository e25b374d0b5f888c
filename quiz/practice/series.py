"""Practice series: ten questions on a lesson, a KPI family or the chapter, a published quiz, or
what is due for review; each answer graded (`quiz.grading`) and stored once."""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.validators import slug_re
from django.db import transaction
from django.db.models import prefetch_related_objects

from calculators.kpis import FAMILIES, KPIS, KPIS_BY_SLUG
from courses.models import ConceptQuestion, Lesson, QuestionOption
from quiz.engine.generate import CAMPAIGN_KPIS, CURRENT_GENERATOR, Exercise, generate_campaign
from quiz.engine.grade import CORRECT, INVALID
from quiz.errors import Refusal
from quiz.grading import Feedback, grade_answer, numeric_exercise, tolerance_for
from quiz.models import Attempt, AttemptItem, Quiz, QuizQuestion, ReviewCard
from quiz.practice.review import review_record

SERIES_LENGTH = 10
NUMERIC_SHARE = 6  # numeric exercises in a mixed series of 10
CAMPAIGN_QUESTIONS = 3  # of which, on a scope covering e-mailing, three on one campaign
REVIEW_LENGTH = 10


@dataclass(frozen=True)
class ScopeContent:
    title: str
    kpi_slugs: list[str]
    concept_ids: list[int]
    value: str = ""  # the lesson's or the family's slug


def scope_content(*, scope: str, value: str = "") -> ScopeContent:
    """What a lesson, a KPI family or the whole chapter can ask."""
    if scope == Attempt.Scope.CHAPTER:
        ids = list(ConceptQuestion.objects.values_list("id", flat=True))
        return ScopeContent("Tout le chapitre", [kpi.slug for kpi in KPIS], ids)
    if scope == Attempt.Scope.LESSON:
        lesson = Lesson.objects.filter(slug=value).first() if slug_re.match(value) else None
        if lesson is None:
            raise Refusal("Cette leçon n’existe pas.")
        ids = list(lesson.questions.values_list("id", flat=True))
        kpis = [slug for slug in lesson.kpi_slugs if slug in KPIS_BY_SLUG]
        return ScopeContent(lesson.title, kpis, ids, lesson.slug)
    if scope == Attempt.Scope.FAMILY:
        family = next((f for f in FAMILIES if f.slug == value), None)
        if family is None:
            raise Refusal("Cette famille d’indicateurs n’existe pas.")
        kpis = [kpi.slug for kpi in KPIS if kpi.family == family]
        lessons = [
            lesson.pk
            for lesson in Lesson.objects.only("id", "kpi_slugs")
            if set(lesson.kpi_slugs) & set(kpis)
        ]
        ids = list(
            ConceptQuestion.objects.filter(lesson_id__in=lessons).values_list("id", flat=True)
        )
        return ScopeContent(family.name, kpis, ids, family.slug)
    raise Refusal("Choix d’entraînement inconnu.")


def _new_seed(rng: random.Random) -> int:
    return rng.getrandbits(62)


def _difficulty_at(index: int, count: int) -> int:
    """Easy first: the first third at difficulty 1, then 2, then 3."""
    return 1 + min(2, 3 * index // max(count, 1))


@transaction.atomic
def attempt_start(
    *, owner: str, scope: str, value: str = "", rng: random.Random | None = None
) -> Attempt:
    """A series of 10 mixing concept questions and fresh numeric exercises."""
    rng = rng or random.Random(secrets.randbits(64))
    content = scope_content(scope=scope, value=value)
    if not content.kpi_slugs and not content.concept_ids:
        raise Refusal("Il n’y a pas encore de questions pour ce choix.")
    numeric_count = (
        SERIES_LENGTH if not content.concept_ids else 0 if not content.kpi_slugs else NUMERIC_SHARE
    )
    concept_count = SERIES_LENGTH - numeric_count
    rng.shuffle(content.kpi_slugs)
    kpis = (content.kpi_slugs * SERIES_LENGTH)[:numeric_count] if numeric_count else []
    concepts = (
        rng.sample(content.concept_ids, k=min(concept_count, len(content.concept_ids)))
        if concept_count
        else []
    )
    # What the series is on, as found: the chapter has no value, whatever the form sent.
    attempt = Attempt.objects.create(owner=owner, scope=scope, scope_value=content.value)
    numeric = [
        dict(kpi_slug=slug, difficulty=_difficulty_at(i, len(kpis)), seed=_new_seed(rng))
        for i, slug in enumerate(kpis)
    ]
    campaign_block = []
    if numeric_count >= CAMPAIGN_QUESTIONS + 2 and set(CAMPAIGN_KPIS) <= set(content.kpi_slugs):
        # The series ends on several KPIs of one e-mailing campaign, in a row, as exams do.
        campaign = generate_campaign(
            _new_seed(rng), questions=CAMPAIGN_QUESTIONS, generator=CURRENT_GENERATOR
        )
        del numeric[-CAMPAIGN_QUESTIONS:]
        campaign_block = [
            dict(kpi_slug=slug, difficulty=2, seed=campaign.seed, campaign=True)
            for slug in campaign.kpi_slugs
        ]
    concept = [dict(concept_question_id=question_id) for question_id in concepts]
    # Alternate the two kinds so that a series never runs long on one.
    order = []
    while numeric or concept:
        for source in (numeric, concept):
            if source:
                order.append(source.pop(0))
    order += campaign_block
    AttemptItem.objects.bulk_create(
        AttemptItem(attempt=attempt, position=position, **fields)
        for position, fields in enumerate(order, start=1)
    )
    return attempt


@transaction.atomic
def attempt_start_quiz(*, owner: str, quiz: Quiz, rng: random.Random | None = None) -> Attempt:
    """A published quiz, question by question; numeric questions get fresh numbers."""
    rng = rng or random.Random(secrets.randbits(64))
    questions = list(quiz.questions.all())
    if not questions:
        raise Refusal("Ce quiz ne contient pas encore de question.")
    attempt = Attempt.objects.create(
        owner=owner, scope=Attempt.Scope.QUIZ, scope_value=str(quiz.pk), quiz=quiz
    )
    quiz_items(attempt=attempt, questions=questions, seed=lambda _position: _new_seed(rng))
    return attempt


def quiz_items(
    *, attempt: Attempt, questions: list[QuizQuestion], seed: Callable[[int], int]
) -> None:
    """The attempt's items, one per question of a quiz, in order; `seed(position)` gives each
    numeric question its numbers (fresh in practice, the student's own in homework)."""
    AttemptItem.objects.bulk_create(
        AttemptItem(
            attempt=attempt,
            position=position,
            concept_question_id=question.concept_question_id
            if question.kind == QuizQuestion.Kind.CONCEPT
            else None,
            kpi_slug=question.kpi_slug if question.kind == QuizQuestion.Kind.NUMERIC else "",
            difficulty=question.difficulty,
            seed=seed(position),
            tolerance_kind=question.tolerance_kind,
            tolerance=question.tolerance,
            decimals=question.decimals,
            points=question.points,
        )
        for position, question in enumerate(questions, start=1)
    )


@transaction.atomic
def attempt_start_review(*, owner: str, now: datetime, rng: random.Random | None = None) -> Attempt:
    """What is due in the student's boxes, with new numbers for every KPI."""
    rng = rng or random.Random(secrets.randbits(64))
    cards = list(
        ReviewCard.objects.filter(owner=owner, due_at__lte=now).order_by("box", "due_at")[
            :REVIEW_LENGTH
        ]
    )
    if not cards:
        raise Refusal("Rien à revoir pour l’instant : bravo\u202f!")
    attempt = Attempt.objects.create(owner=owner, scope=Attempt.Scope.REVIEW)
    AttemptItem.objects.bulk_create(
        AttemptItem(
            attempt=attempt,
            position=position,
            kpi_slug=card.kpi_slug,
            concept_question_id=card.concept_question_id,
            difficulty=min(3, card.box),
            seed=_new_seed(rng),
        )
        for position, card in enumerate(cards, start=1)
    )
    return attempt


def attempt_for(*, owner: str, attempt_id: UUID | str) -> Attempt | None:
    """The owner's attempt, or None: a student reads only their own attempts."""
    return Attempt.objects.filter(pk=attempt_id, owner=owner).first()


def attempt_items(*, attempt: Attempt) -> list[AttemptItem]:
    """The series' items with their concept question and its lesson (one query)."""
    return list(attempt.items.select_related("concept_question__lesson"))


def item_exercise(item: AttemptItem) -> Exercise:
    """The item's exercise, regenerated from the seed stored on the server."""
    return numeric_exercise(
        kpi_slug=item.kpi_slug,
        difficulty=item.difficulty,
        seed=item.seed,
        generator=item.generator,
        campaign=item.campaign,
        decimals=item.decimals,
    )


def item_options(item: AttemptItem) -> list[QuestionOption]:
    """A concept item's options: read once per request (grading and the page share them), and
    never for a numeric item."""
    question = item.concept_question
    if question is None:
        return []
    prefetch_related_objects([question], "options")  # a no-op once they are read
    return list(question.options.all())


def _grade(item: AttemptItem, answer: str, chosen_ids: Collection[int]) -> Feedback:
    if item.is_numeric:
        return grade_answer(
            exercise=item_exercise(item),
            tolerance=tolerance_for(item.tolerance_kind, item.tolerance, item.decimals),
            answer=answer,
        )
    return grade_answer(
        question=item.concept_question, options=item_options(item), chosen_ids=chosen_ids
    )


def item_screen(*, item: AttemptItem, feedback: Feedback | None) -> dict[str, Any]:
    """What the question screen shows of an item (series and homework alike): the exercise it was
    graded on (not generated again), the concept question and its options, the feedback."""
    if feedback is not None:
        exercise = feedback.exercise
    else:
        exercise = item_exercise(item) if item.is_numeric else None
    return {
        "item": item,
        "exercise": exercise,
        "question": item.concept_question,
        "options": item_options(item),
        "feedback": feedback,
    }


def item_feedback(*, item: AttemptItem) -> Feedback | None:
    """The feedback of an answered item, or None while it is not answered."""
    return _stored_feedback(item) if item.is_answered else None


def _stored_feedback(item: AttemptItem) -> Feedback:
    """The stored answer, graded again: the same verdict, with the worked solution to show."""
    return _grade(item, item.answer, item.chosen_option_ids)


def item_answer(
    *,
    item: AttemptItem,
    owner: str,
    answer: str = "",
    chosen_ids: Collection[int] = (),
    now: datetime,
) -> Feedback:
    """Grade and store an answer once. An unreadable answer is not stored (the student retries);
    a second submission of an answered item returns the stored result (double submit, replay)."""
    if item.is_answered:
        return _stored_feedback(item)
    feedback = _grade(item, answer, chosen_ids)
    if feedback.verdict == INVALID:
        return feedback
    with transaction.atomic():
        stored = AttemptItem.objects.filter(pk=item.pk, answered_at__isnull=True).update(
            answer=answer[:200],
            chosen_option_ids=sorted(chosen_ids),
            verdict=feedback.verdict,
            diagnosis=feedback.diagnosis,
            answered_at=now,
        )
        if not stored:  # answered meanwhile (double submit): what was stored first stands
            item.refresh_from_db()
            return _stored_feedback(item)
        review_record(owner=owner, item=item, correct=feedback.verdict == CORRECT, now=now)
    item.answer, item.verdict, item.diagnosis, item.answered_at = (
        answer[:200],
        feedback.verdict,
        feedback.diagnosis,
        now,
    )
    item.chosen_option_ids = sorted(chosen_ids)
    return feedback


def attempt_summary(*, items: list[AttemptItem]) -> dict:
    """Score and what to revise: the KPIs and lessons of the wrong answers."""
    answered = [item for item in items if item.is_answered]
    wrong = [item for item in answered if item.verdict != CORRECT]
    kpis = sorted({item.kpi_slug for item in wrong if item.kpi_slug})
    lessons = {
        item.concept_question.lesson.slug: item.concept_question.lesson
        for item in wrong
        if item.concept_question_id and item.concept_question
    }
    return {
        "answered": len(answered),
        "correct": len(answered) - len(wrong),
        "total": len(items),
        "revise_kpis": [KPIS_BY_SLUG[slug] for slug in kpis],
        "revise_lessons": list(lessons.values()),
        "diagnoses": sorted({item.diagnosis for item in wrong if item.diagnosis}),
    }
