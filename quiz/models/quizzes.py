"""Quizzes written by teachers and their ordered questions (concept or numeric)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from calculators.kpis import KPIS
from courses.models import ConceptQuestion

KPI_CHOICES = [(kpi.slug, kpi.name) for kpi in KPIS]
DIFFICULTY_CHOICES = [
    (1, "1 — application directe"),
    (2, "2 — données en trop"),
    (3, "3 — une étape avant"),
]

ROUNDING_CHOICES = [
    (2, "au centième (2 décimales)"),
    (1, "au dixième (1 décimale)"),
    (0, "à l’unité (sans décimale)"),
]


class QuizQuerySet(models.QuerySet):
    def published(self) -> QuizQuerySet:
        """What students may see and teachers may launch or assign."""
        return self.filter(is_published=True)


class Quiz(models.Model):
    title = models.CharField("titre", max_length=200)
    description = models.TextField("consigne", blank=True)
    is_published = models.BooleanField("publié", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name="auteur",
        related_name="quizzes",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    objects = QuizQuerySet.as_manager()

    class Meta:
        verbose_name = "quiz"
        verbose_name_plural = "quiz"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practice:quiz", args=[self.pk])


class QuizQuestion(models.Model):
    class Kind(models.TextChoices):
        CONCEPT = "concept", "Question de cours"
        NUMERIC = "numeric", "Exercice chiffré"

    class ToleranceKind(models.TextChoices):
        ABSOLUTE = "absolute", "Absolue (dans l’unité du résultat)"
        RELATIVE = "relative", "Relative (part du résultat)"

    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, related_name="questions", verbose_name="quiz"
    )
    order = models.PositiveSmallIntegerField("ordre", default=0)
    kind = models.CharField("type", max_length=10, choices=Kind.choices, default=Kind.NUMERIC)
    concept_question = models.ForeignKey(
        ConceptQuestion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="question de cours",
        related_name="quiz_uses",
    )
    kpi_slug = models.CharField("indicateur", max_length=40, choices=KPI_CHOICES, blank=True)
    difficulty = models.PositiveSmallIntegerField(
        "difficulté", choices=DIFFICULTY_CHOICES, default=1
    )
    tolerance_kind = models.CharField(
        "tolérance", max_length=10, choices=ToleranceKind.choices, default=ToleranceKind.ABSOLUTE
    )
    tolerance = models.DecimalField(
        "valeur de la tolérance",
        max_digits=8,
        decimal_places=4,
        default=Decimal("0.01"),
        validators=[MinValueValidator(Decimal(0))],
        help_text="0,01 par défaut (±0,01 dans l’unité)\u202f; en relatif, 0,05 veut dire ±5\u202f%.",
    )
    points = models.PositiveIntegerField(
        "points", default=1, validators=[MaxValueValidator(10_000)]
    )
    decimals = models.PositiveSmallIntegerField(
        "arrondi demandé",
        choices=ROUNDING_CHOICES,
        default=2,
        help_text="La consigne de l’énoncé, la réponse attendue et la solution suivent cet arrondi\u202f; "
        "la tolérance absolue vaut au moins une unité du dernier chiffre demandé.",
    )
    time_limit = models.PositiveSmallIntegerField(
        "temps en direct (secondes)",
        null=True,
        blank=True,
        validators=[MinValueValidator(10), MaxValueValidator(600)],
        help_text="Vide\u00a0: 30 s pour une question de cours, 90 s pour un exercice chiffré "
        "(+50\u202f% avec le temps supplémentaire).",
    )

    class Meta:
        verbose_name = "question du quiz"
        verbose_name_plural = "questions du quiz"
        ordering = ["quiz", "order", "id"]
        constraints = [
            models.CheckConstraint(
                name="quizquestion_kind_fields",
                condition=(
                    Q(kind="concept", concept_question__isnull=False)
                    | (Q(kind="numeric") & ~Q(kpi_slug=""))
                ),
                violation_error_message="Choisissez une question de cours ou un indicateur selon le type.",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.CONCEPT and self.concept_question_id:
            return str(self.concept_question)
        return f"{self.get_kpi_slug_display()} (difficulté {self.difficulty})"
