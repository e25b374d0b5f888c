"""Drills: one fresh exercise on a KPI, signed rather than stored until it is answered."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django.core import signing
from django.db import IntegrityError, transaction

from calculators.kpis import Kpi
from quiz.engine.generate import CURRENT_GENERATOR, GENERATORS, Exercise
from quiz.engine.grade import CORRECT, INVALID
from quiz.errors import Refusal
from quiz.grading import Feedback, grade_answer, numeric_exercise
from quiz.models import Attempt, AttemptItem
from quiz.practice.review import review_record
from quiz.practice.series import item_feedback

DRILL_SALT = "quiz.drill"
DRILL_MAX_AGE = 60 * 60 * 24  # a drill page older than a day is stale: a new exercise is served


@dataclass(frozen=True)
class Drill:
    kpi_slug: str
    difficulty: int
    seed: int
    token: str
    generator: int

    @cached_property
    def exercise(self) -> Exercise:
        """Generated once per drill: the answer is graded on it, then the page shows it."""
        return numeric_exercise(
            kpi_slug=self.kpi_slug,
            difficulty=self.difficulty,
            seed=self.seed,
            generator=self.generator,
        )


def _owner_mark(owner: str) -> str:
    """Who a drill was given to, in its token: a digest (the page must not show the owner's id)."""
    return hashlib.sha256(f"{DRILL_SALT}\x00{owner}".encode()).hexdigest()[:24]


def drill_new(*, kpi: Kpi, difficulty: int, owner: str) -> Drill:
    seed = secrets.randbits(62)
    token = signing.dumps(
        {
            "k": kpi.slug,
            "d": difficulty,
            "s": seed,
            "g": CURRENT_GENERATOR,
            "o": _owner_mark(owner),
        },
        salt=DRILL_SALT,
    )
    return Drill(kpi.slug, difficulty, seed, token, CURRENT_GENERATOR)


def drill_from_token(*, kpi: Kpi, token: str, owner: str) -> Drill:
    """The drill a page gave this owner; a forged, altered, foreign, stale token, or one given to
    someone else (an unanswered drill is not anyone's to answer), is refused."""
    try:
        data = signing.loads(token, salt=DRILL_SALT, max_age=DRILL_MAX_AGE)
    except signing.SignatureExpired as error:
        raise Refusal("Cet exercice a expiré : en voici un nouveau.") from error
    except signing.BadSignature as error:
        raise Refusal("Cet exercice n’est pas valide : en voici un nouveau.") from error
    if (
        not isinstance(data, dict)
        or data.get("k") != kpi.slug
        or data.get("d") not in (1, 2, 3)
        or not isinstance(data.get("s"), int)
        or data.get("g", 1) not in GENERATORS  # a token from before versions: version 1
    ):
        raise Refusal("Cet exercice n’est pas valide : en voici un nouveau.")
    if data.get("o") != _owner_mark(owner):
        raise Refusal("Cet exercice a été donné à quelqu’un d’autre : en voici un nouveau.")
    return Drill(kpi.slug, data["d"], data["s"], token, data.get("g", 1))


def drill_answer(*, drill: Drill, owner: str, answer: str, now: datetime) -> Feedback:
    """Grade a drill's answer, then store it with its review in one short write transaction.

    The exercise is stored only once answered (a drill page costs no write); the token's digest is
    unique, so a replayed or double-submitted token finds the first answer instead of a new one."""
    digest = hashlib.sha256(drill.token.encode()).hexdigest()
    exercise = drill.exercise
    feedback = grade_answer(exercise=exercise, answer=answer)
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
                generator=drill.generator,
                answer=answer[:200],
                verdict=feedback.verdict,
                diagnosis=feedback.diagnosis,
                answered_at=now,
            )
            review_record(owner=owner, item=item, correct=feedback.verdict == CORRECT, now=now)
    except IntegrityError:  # this token was answered before (replay, double submit): it stands
        return _drill_stored(digest=digest, owner=owner) or feedback
    return feedback


def _drill_stored(*, digest: str, owner: str) -> Feedback | None:
    item = AttemptItem.objects.filter(attempt__drill_token=digest).select_related("attempt").first()
    if item is None:
        return None
    if item.attempt.owner != owner:
        raise Refusal("Cet exercice a été fait par quelqu’un d’autre : en voici un nouveau.")
    return item_feedback(item=item)
