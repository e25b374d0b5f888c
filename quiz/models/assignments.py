"""Homework: a published quiz given to a class, open between two dates, with its rules."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from quiz.models.quizzes import Quiz
from quiz.models.teaching import SchoolClass


class Assignment(models.Model):
    class Attempts(models.TextChoices):
        ONE = "one", "Une seule tentative"
        BEST = "best", "Tentatives illimitées, la meilleure est retenue"
        LAST = "last", "Tentatives illimitées, la dernière est retenue"

    class Correction(models.TextChoices):
        EACH = "each", "Après chaque réponse"
        DUE = "due", "Après la date limite"

    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.CASCADE, related_name="assignments", verbose_name="classe"
    )
    quiz = models.ForeignKey(
        Quiz, on_delete=models.PROTECT, related_name="assignments", verbose_name="quiz"
    )
    opens_at = models.DateTimeField("ouverture")
    due_at = models.DateTimeField("date limite")
    attempt_rule = models.CharField(
        "tentatives", max_length=4, choices=Attempts.choices, default=Attempts.ONE
    )
    correction = models.CharField(
        "correction montrée", max_length=4, choices=Correction.choices, default=Correction.EACH
    )
    late_work = models.BooleanField(
        "accepter les retards", default=False, help_text="Le travail rendu en retard est marqué."
    )
    # Mixed with each student's id: their own numbers, the same every time they come back.
    seed = models.BigIntegerField(default=0)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "devoir"
        verbose_name_plural = "devoirs"
        ordering = ["due_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="assignment_due_after_opening",
                condition=Q(due_at__gt=F("opens_at")),
                violation_error_message="La date limite doit venir après l’ouverture.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quiz} — {self.school_class}"
