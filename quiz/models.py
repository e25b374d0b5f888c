"""Quizzes written by teachers, practice attempts and their answers, review schedules."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from calculators.kpis import KPIS, KPIS_BY_SLUG
from courses.models import ConceptQuestion

KPI_CHOICES = [(kpi.slug, kpi.name) for kpi in KPIS]
DIFFICULTY_CHOICES = [
    (1, "1 — application directe"),
    (2, "2 — données en trop"),
    (3, "3 — une étape avant"),
]


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
        help_text="0,01 par défaut (±0,01 dans l’unité) ; en relatif, 0,05 veut dire ±5\u202f%.",
    )
    points = models.PositiveIntegerField(
        "points", default=1, validators=[MaxValueValidator(10_000)]
    )
    time_limit = models.PositiveSmallIntegerField(
        "temps en direct (secondes)",
        null=True,
        blank=True,
        validators=[MinValueValidator(10), MaxValueValidator(600)],
        help_text="Vide : 30 s pour une question de cours, 90 s pour un exercice chiffré "
        "(+50 % avec le temps supplémentaire).",
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


class Attempt(models.Model):
    """A practice series (or a one-question drill), owned by a browser session or an account."""

    class Scope(models.TextChoices):
        CHAPTER = "chapter", "Tout le chapitre"
        LESSON = "lesson", "Leçon"
        FAMILY = "family", "Famille d’indicateurs"
        KPI = "kpi", "Indicateur"
        QUIZ = "quiz", "Quiz"
        REVIEW = "review", "Révision"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.CharField(max_length=60, db_index=True)  # "user:<id>" or "session:<key>"
    scope = models.CharField(max_length=10, choices=Scope.choices)
    scope_value = models.CharField(max_length=60, blank=True)
    quiz = models.ForeignKey(
        Quiz, on_delete=models.SET_NULL, null=True, blank=True, related_name="attempts"
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
    # Several questions on one e-mailing campaign: the same seed, one data set, another KPI asked.
    campaign = models.BooleanField(default=False)
    tolerance_kind = models.CharField(max_length=10, default=QuizQuestion.ToleranceKind.ABSOLUTE)
    tolerance = models.DecimalField(max_digits=8, decimal_places=4, default=Decimal("0.01"))
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


class LiveSession(models.Model):
    """A quiz played live by a class: the projector shows it, students answer from their phones."""

    class State(models.TextChoices):
        LOBBY = "lobby", "Salle d’attente"
        QUESTION = "question", "Question en cours"
        FINISHED = "finished", "Terminée"

    class Scoring(models.TextChoices):
        ACCURACY = "precision", "Précision (1 000 points par bonne réponse)"
        SPEED = "rapidite", "Rapidité (plus de points pour une réponse rapide)"

    class Pacing(models.TextChoices):
        TEACHER = "enseignant", "Au rythme de l’enseignant (questions projetées une à une)"
        STUDENT = "eleve", "Chacun à son rythme (chaque élève enchaîne les questions)"

    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="live_sessions")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="live_sessions"
    )
    pin = models.CharField("code", max_length=6)
    state = models.CharField(max_length=10, choices=State.choices, default=State.LOBBY)
    question_index = models.IntegerField(default=-1)  # position in the quiz, from 0
    question_started_at = models.DateTimeField(null=True, blank=True)
    question_deadline = models.DateTimeField(null=True, blank=True)
    scoring = models.CharField(max_length=10, choices=Scoring.choices, default=Scoring.ACCURACY)
    pacing = models.CharField(
        "rythme", max_length=10, choices=Pacing.choices, default=Pacing.TEACHER
    )
    streak_bonus = models.BooleanField("bonus de série", default=False)
    per_student_numbers = models.BooleanField("chiffres propres à chaque élève", default=True)
    extra_time = models.BooleanField("temps supplémentaire (+50 %)", default=False)
    seed = models.BigIntegerField(default=0)
    # Bumped at every change of state every screen must show (the projector counts the rest).
    state_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "session en direct"
        verbose_name_plural = "sessions en direct"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["pin"],
                condition=~Q(state="finished"),
                name="livesession_open_pin_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quiz} — {self.pin}"


class Player(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="players")
    pseudo = models.CharField(max_length=20)
    pseudo_key = models.CharField(max_length=20)  # case-folded: unique in the session
    token = models.CharField(max_length=64, unique=True)  # the player's cookie
    joined_at = models.DateTimeField(auto_now_add=True)
    # Student-paced sessions only: the question this player is on, and its own clock.
    current_index = models.IntegerField(default=-1)
    question_started_at = models.DateTimeField(null=True, blank=True)
    question_deadline = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "pseudo_key"], name="player_pseudo_unique"),
        ]

    def __str__(self) -> str:
        return self.pseudo


class LiveAnswer(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="answers")
    player = models.ForeignKey(Player, on_delete=models.CASCADE, related_name="answers")
    question_index = models.IntegerField()
    answer = models.CharField(max_length=200, blank=True)
    chosen_option_ids = models.JSONField(default=list, blank=True)
    verdict = models.CharField(max_length=10)
    diagnosis = models.CharField(max_length=40, blank=True)
    points = models.PositiveIntegerField(default=0)
    response_ms = models.PositiveIntegerField(default=0)
    answered_at = models.DateTimeField()

    class Meta:
        constraints = [
            # One answer per player per question: a double submit cannot count twice.
            models.UniqueConstraint(
                fields=["player", "question_index"], name="liveanswer_once_per_question"
            ),
        ]
        indexes = [models.Index(fields=["session", "question_index"], name="liveanswer_question")]

    def __str__(self) -> str:
        return f"{self.player} — question {self.question_index + 1}"
