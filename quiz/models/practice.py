"""Practice: series and drills (attempts and their items), and each student's review boxes."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.db import models

from calculators.kpis import KPIS_BY_SLUG
from courses.models import ConceptQuestion
from quiz.engine.generate import current_generator
from quiz.models.quizzes import Quiz, QuizQuestion


class Attempt(models.Model):
    """A practice series (or a one-question drill), owned by a browser session or an account."""

    class Scope(models.TextChoices):
        CHAPTER = "chapter", "Tout le chapitre"
        LESSON = "lesson", "Leçon"
        FAMILY = "family", "Famille d’indicateurs"
        KPI = "kpi", "Indicateur"
        QUIZ = "quiz", "Quiz"
        REVIEW = "review", "Révision"
        ASSIGNMENT = "assignment", "Devoir"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.CharField(max_length=60, db_index=True)  # "user:<id>" or "session:<key>"
    scope = models.CharField(max_length=10, choices=Scope.choices)
    scope_value = models.CharField(max_length=60, blank=True)
    quiz = models.ForeignKey(
        Quiz, on_delete=models.SET_NULL, null=True, blank=True, related_name="attempts"
    )
    assignment = models.ForeignKey(
        "quiz.Assignment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attempts",
    )
    drill_token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "série d’entraînement"
        verbose_name_plural = "séries d’entraînement"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} {self.scope_value} ({self.created_at:%d/%m/%Y})"


class AttemptItem(models.Model):
    """One question of a series: its parameters (the seed stays on the server) and the answer."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    concept_question = models.ForeignKey(
        ConceptQuestion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attempt_items",
    )
    kpi_slug = models.CharField(max_length=40, blank=True)
    difficulty = models.PositiveSmallIntegerField(default=1)
    seed = models.BigIntegerField(default=0)
    # The version of the draws the seed is read with (quiz.engine.generate.GENERATORS): rows stored
    # before versions existed read as version 1; new ones take the current version.
    generator = models.PositiveSmallIntegerField(default=current_generator)
    # Several questions on one e-mailing campaign: the same seed, one data set, another KPI asked.
    campaign = models.BooleanField(default=False)
    tolerance_kind = models.CharField(max_length=10, default=QuizQuestion.ToleranceKind.ABSOLUTE)
    tolerance = models.DecimalField(max_digits=8, decimal_places=4, default=Decimal("0.01"))
    decimals = models.PositiveSmallIntegerField(default=2)  # the quiz question's rounding
    points = models.PositiveIntegerField(default=1)
    answer = models.CharField(max_length=200, blank=True)
    chosen_option_ids = models.JSONField(default=list, blank=True)
    verdict = models.CharField(max_length=10, blank=True)
    diagnosis = models.CharField(max_length=40, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="attemptitem_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"Question {self.position} de {self.attempt_id}"

    @property
    def is_numeric(self) -> bool:
        return bool(self.kpi_slug)

    @property
    def title(self) -> str:
        if self.kpi_slug in KPIS_BY_SLUG:
            return f"Exercice : {KPIS_BY_SLUG[self.kpi_slug].name}"
        return "Question de cours"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class ReviewCard(models.Model):
    """Where a KPI or a concept question stands in a student's Leitner boxes."""

    owner = models.CharField(max_length=60)  # "user:<id>" or "session:<key>"
    item_key = models.CharField(max_length=60)  # "kpi:<slug>" or "concept:<id>"
    kpi_slug = models.CharField(max_length=40, blank=True)
    concept_question = models.ForeignKey(
        ConceptQuestion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_cards",
    )
    box = models.PositiveSmallIntegerField(default=1)
    due_at = models.DateTimeField()
    correct_count = models.PositiveIntegerField(default=0)
    wrong_count = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "item_key"], name="reviewcard_owner_item_unique"
            ),
        ]
        indexes = [models.Index(fields=["owner", "due_at"], name="reviewcard_owner_due")]

    def __str__(self) -> str:
        return f"{self.item_key} (boîte {self.box})"
