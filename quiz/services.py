"""Practice: series of questions, answers graded and stored once, review schedules, progress.

Business logic lives here (HackSoft style: `<entity>_<action>`, keyword-only, typed); the views only
parse the request, call these and render.
"""

from __future__ import annotations

import hashlib
import random
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django.core import signing
from django.core.validators import slug_re
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.http import HttpRequest

from calculators.kpis import FAMILIES, KPIS, KPIS_BY_SLUG, Kpi
from courses.models import ConceptQuestion, Lesson
from quiz.engine.generate import CAMPAIGN_KPIS, Exercise, generate, generate_campaign
from quiz.engine.grade import (
    CORRECT,
    INVALID,
    ChoiceGrade,
    NumericGrade,
    grade_choice,
    grade_numeric,
)
from quiz.engine.review import next_schedule, schedule_whatever_the_box
from quiz.engine.tolerance import Tolerance
from quiz.models import Attempt, AttemptItem, Quiz, QuizQuestion, ReviewCard

SERIES_LENGTH = 10
NUMERIC_SHARE = 6  # numeric exercises in a mixed series of 10
CAMPAIGN_QUESTIONS = 3  # of which, on a scope covering e-mailing, three on one campaign
REVIEW_LENGTH = 10
DRILL_SALT = "quiz.drill"
DRILL_MAX_AGE = 60 * 60 * 24  # a drill page older than a day is stale: a new exercise is served


class PracticeError(Exception):
    """A request the practice cannot honour; `message` is French and meant for the student."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --------------------------------------------------------------------------------------------------
# Who is practising
# --------------------------------------------------------------------------------------------------


def owner_for(request: HttpRequest) -> str:
    """The owner of attempts: the account when signed in, else this browser's session."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    if request.session.session_key is None:
        request.session["practice"] = True
        request.session.save()
    return f"session:{request.session.session_key}"


# --------------------------------------------------------------------------------------------------
# Series
# --------------------------------------------------------------------------------------------------


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
            raise PracticeError("Cette leçon n’existe pas.")
        ids = list(lesson.questions.values_list("id", flat=True))
        kpis = [slug for slug in lesson.kpi_slugs if slug in KPIS_BY_SLUG]
        return ScopeContent(lesson.title, kpis, ids, lesson.slug)
    if scope == Attempt.Scope.FAMILY:
        family = next((f for f in FAMILIES if f.slug == value), None)
        if family is None:
            raise PracticeError("Cette famille d’indicateurs n’existe pas.")
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
    raise PracticeError("Choix d’entraînement inconnu.")


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
        raise PracticeError("Il n’y a pas encore de questions pour ce choix.")
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
        campaign = generate_campaign(_new_seed(rng), questions=CAMPAIGN_QUESTIONS)
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
        raise PracticeError("Ce quiz ne contient pas encore de question.")
    attempt = Attempt.objects.create(
        owner=owner, scope=Attempt.Scope.QUIZ, scope_value=str(quiz.pk), quiz=quiz
    )
    AttemptItem.objects.bulk_create(
        AttemptItem(
            attempt=attempt,
            position=position,
            concept_question_id=question.concept_question_id
            if question.kind == QuizQuestion.Kind.CONCEPT
            else None,
            kpi_slug=question.kpi_slug if question.kind == QuizQuestion.Kind.NUMERIC else "",
            difficulty=question.difficulty,
            seed=_new_seed(rng),
            tolerance_kind=question.tolerance_kind,
            tolerance=question.tolerance,
            points=question.points,
        )
        for position, question in enumerate(questions, start=1)
    )
    return attempt


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
        raise PracticeError("Rien à revoir pour l’instant : bravo\u202f!")
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


def review_due_count(*, owner: str, now: datetime) -> int:
    return ReviewCard.objects.filter(owner=owner, due_at__lte=now).count()


def attempt_for(*, owner: str, attempt_id: object) -> Attempt | None:
    """The owner's attempt, or None: a student reads only their own attempts."""
    return Attempt.objects.filter(pk=attempt_id, owner=owner).first()


def attempt_items(*, attempt: Attempt) -> list[AttemptItem]:
    return list(attempt.items.select_related("concept_question__lesson"))


# --------------------------------------------------------------------------------------------------
# Questions and answers
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Feedback:
    """What the student sees after answering: the grade, with the exercise or question it is on."""

    grade: NumericGrade | ChoiceGrade
    exercise: Exercise | None = None
    question: ConceptQuestion | None = None

    @property
    def verdict(self) -> str:
        return self.grade.verdict

    @property
    def diagnosis(self) -> str:
        return getattr(self.grade, "diagnosis", None) or ""


def item_exercise(item: AttemptItem) -> Exercise:
    """The item's exercise, regenerated from the seed stored on the server."""
    if item.campaign:
        return generate_campaign(item.seed).exercise(item.kpi_slug)
    return generate(item.kpi_slug, item.difficulty, item.seed)


def item_tolerance(item: AttemptItem) -> Tolerance:
    if item.tolerance_kind == QuizQuestion.ToleranceKind.RELATIVE:
        return Tolerance(relative=item.tolerance)
    return Tolerance(absolute=item.tolerance)


def _grade(item: AttemptItem, answer: str, chosen_ids: Collection[int]) -> Feedback:
    if item.is_numeric:
        exercise = item_exercise(item)
        return Feedback(grade_numeric(exercise, answer, item_tolerance(item)), exercise=exercise)
    question = item.concept_question
    options = list(question.options.all())
    grade = grade_choice(
        question.kind,
        [option.pk for option in options if option.is_correct],
        chosen_ids,
        [option.pk for option in options],
    )
    return Feedback(grade, question=question)


def item_feedback(*, item: AttemptItem) -> Feedback | None:
    """The feedback of an answered item (the stored answer, graded again: the same verdict)."""
    if not item.is_answered:
        return None
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
        return item_feedback(item=item)
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
            return item_feedback(item=item)
        review_record(owner=owner, item=item, correct=feedback.verdict == CORRECT, now=now)
    item.answer, item.verdict, item.diagnosis, item.answered_at = (
        answer[:200],
        feedback.verdict,
        feedback.diagnosis,
        now,
    )
    item.chosen_option_ids = sorted(chosen_ids)
    return feedback


def review_record(*, owner: str, item: AttemptItem, correct: bool, now: datetime) -> None:
    """Move the KPI or concept question in the owner's Leitner boxes.

    When the new place does not depend on the box (a wrong answer), an existing card is moved by
    one conditional UPDATE, without reading it first; otherwise it is read, locked, and saved."""
    key = f"kpi:{item.kpi_slug}" if item.is_numeric else f"concept:{item.concept_question_id}"
    fixed = schedule_whatever_the_box(correct, now)
    counter = "correct_count" if correct else "wrong_count"
    if fixed is None:
        card = ReviewCard.objects.select_for_update().filter(owner=owner, item_key=key).first()
    elif ReviewCard.objects.filter(owner=owner, item_key=key).update(
        box=fixed.box, due_at=fixed.due_at, updated_at=now, **{counter: F(counter) + 1}
    ):
        return
    else:
        card = None  # the UPDATE found no card: this is the item's first answer
    schedule = next_schedule(card.box if card else None, correct, now)
    if card is None:
        try:
            with transaction.atomic():
                ReviewCard.objects.create(
                    owner=owner,
                    item_key=key,
                    kpi_slug=item.kpi_slug,
                    concept_question_id=item.concept_question_id,
                    box=schedule.box,
                    due_at=schedule.due_at,
                    correct_count=int(correct),
                    wrong_count=int(not correct),
                )
            return
        except IntegrityError:  # created by a concurrent answer: update it instead
            card = ReviewCard.objects.select_for_update().get(owner=owner, item_key=key)
            schedule = next_schedule(card.box, correct, now)
    card.box, card.due_at = schedule.box, schedule.due_at
    if correct:
        card.correct_count += 1
    else:
        card.wrong_count += 1
    card.save(update_fields=["box", "due_at", "correct_count", "wrong_count", "updated_at"])


# --------------------------------------------------------------------------------------------------
# Drills: one fresh exercise on a KPI, signed rather than stored until it is answered
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Drill:
    kpi_slug: str
    difficulty: int
    seed: int
    token: str

    @cached_property
    def exercise(self) -> Exercise:
        """Generated once per drill: the answer is graded on it, then the page shows it."""
        return generate(self.kpi_slug, self.difficulty, self.seed)


def drill_new(*, kpi: Kpi, difficulty: int) -> Drill:
    seed = secrets.randbits(62)
    token = signing.dumps({"k": kpi.slug, "d": difficulty, "s": seed}, salt=DRILL_SALT)
    return Drill(kpi.slug, difficulty, seed, token)


def drill_from_token(*, kpi: Kpi, token: str) -> Drill:
    """The drill a page was given; a forged, altered, foreign or stale token is refused."""
    try:
        data = signing.loads(token, salt=DRILL_SALT, max_age=DRILL_MAX_AGE)
    except signing.SignatureExpired as error:
        raise PracticeError("Cet exercice a expiré : en voici un nouveau.") from error
    except signing.BadSignature as error:
        raise PracticeError("Cet exercice n’est pas valide : en voici un nouveau.") from error
    if (
        data.get("k") != kpi.slug
        or data.get("d") not in (1, 2, 3)
        or not isinstance(data.get("s"), int)
    ):
        raise PracticeError("Cet exercice n’est pas valide : en voici un nouveau.")
    return Drill(kpi.slug, data["d"], data["s"], token)


def drill_answer(*, drill: Drill, owner: str, answer: str, now: datetime) -> Feedback:
    """Grade a drill's answer, then store it with its review in one short write transaction.

    The exercise is stored only once answered (a drill page costs no write); the token's digest is
    unique, so a replayed or double-submitted token finds the first answer instead of a new one."""
    digest = hashlib.sha256(drill.token.encode()).hexdigest()
    exercise = drill.exercise
    feedback = Feedback(grade_numeric(exercise, answer), exercise=exercise)
    if feedback.verdict == INVALID:
        return _drill_stored(digest=digest, owner=owner) or feedback
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                owner=owner, scope=Attempt.Scope.KPI, scope_value=drill.kpi_slug, drill_token=digest
            )
            item = AttemptItem.objects.create(
                attempt=attempt,
                position=1,
                kpi_slug=drill.kpi_slug,
                difficulty=drill.difficulty,
                seed=drill.seed,
                answer=answer[:200],
                verdict=feedback.verdict,
                diagnosis=feedback.diagnosis,
                answered_at=now,
            )
            review_record(owner=owner, item=item, correct=feedback.verdict == CORRECT, now=now)
    except IntegrityError:  # this token was answered before (replay, double submit): it stands
        return _drill_stored(digest=digest, owner=owner)
    return feedback


def _drill_stored(*, digest: str, owner: str) -> Feedback | None:
    item = AttemptItem.objects.filter(attempt__drill_token=digest).select_related("attempt").first()
    if item is None:
        return None
    if item.attempt.owner != owner:
        raise PracticeError("Cet exercice a été fait par quelqu’un d’autre : en voici un nouveau.")
    return item_feedback(item=item)


# --------------------------------------------------------------------------------------------------
# Summary and progress
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mastery:
    key: str
    label: str
    answered: int
    correct: int

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.answered) if self.answered else 0


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


def progress_for(*, owner: str) -> dict:
    """Mastery (share of right answers) per KPI and per lesson, in a fixed number of queries."""
    answered = AttemptItem.objects.filter(attempt__owner=owner, answered_at__isnull=False)
    per_kpi = {
        row["kpi_slug"]: row
        for row in answered.exclude(kpi_slug="")
        .values("kpi_slug")
        .annotate(total=Count("id"), right=Count("id", filter=Q(verdict=CORRECT)))
    }
    per_lesson_concepts = {
        row["concept_question__lesson"]: row
        for row in answered.filter(concept_question__isnull=False)
        .values("concept_question__lesson")
        .annotate(total=Count("id"), right=Count("id", filter=Q(verdict=CORRECT)))
    }
    kpi_mastery = [
        Mastery(kpi.slug, kpi.name, per_kpi[kpi.slug]["total"], per_kpi[kpi.slug]["right"])
        for kpi in KPIS
        if kpi.slug in per_kpi
    ]
    lessons = []
    for lesson in Lesson.objects.only("id", "slug", "title", "order", "kpi_slugs").order_by(
        "order"
    ):
        total = right = 0
        if lesson.pk in per_lesson_concepts:
            total += per_lesson_concepts[lesson.pk]["total"]
            right += per_lesson_concepts[lesson.pk]["right"]
        for slug in _lesson_kpis(lesson):
            if slug in per_kpi:
                total += per_kpi[slug]["total"]
                right += per_kpi[slug]["right"]
        lessons.append(Mastery(lesson.slug, lesson.title, total, right))
    return {"kpis": kpi_mastery, "lessons": lessons}


def _lesson_kpis(lesson: Lesson) -> set[str]:
    """The KPIs a lesson covers: its families' (the lesson on e-mailing also covers the variants
    on delivered e-mails that it mentions without a formula card of their own)."""
    families = {KPIS_BY_SLUG[slug].family for slug in lesson.kpi_slugs if slug in KPIS_BY_SLUG}
    return {kpi.slug for kpi in KPIS if kpi.family in families}


def practised_lesson_slugs(*, owner: str) -> set[str]:
    """Lessons the student has practised (for the marks on the course index)."""
    return {mastery.key for mastery in progress_for(owner=owner)["lessons"] if mastery.answered}


def practised_lesson_slugs_for_request(request: HttpRequest) -> set[str]:
    """The course index's hook (settings.COURSE_PROGRESS_PROVIDER); no session is created for it."""
    if request.user.is_authenticated:
        return practised_lesson_slugs(owner=f"user:{request.user.pk}")
    if request.session.session_key is None:
        return set()
    return practised_lesson_slugs(owner=f"session:{request.session.session_key}")
