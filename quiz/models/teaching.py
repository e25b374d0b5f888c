"""The teacher space: classes with their join code, and the students enrolled in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

# Six characters a student copies from the board without a doubt: no 0/O, no 1/I/L.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


class SchoolClass(models.Model):
    name = models.CharField("nom", max_length=80)
    school_year = models.CharField("année scolaire", max_length=20, blank=True)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="school_classes",
        verbose_name="enseignant",
    )
    join_code = models.CharField("code de la classe", max_length=JOIN_CODE_LENGTH, unique=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "classe"
        verbose_name_plural = "classes"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.school_year})" if self.school_year else self.name


class Enrolment(models.Model):
    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.CASCADE, related_name="enrolments", verbose_name="classe"
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name="élève",
    )
    joined_at = models.DateTimeField("inscrit le", auto_now_add=True)

    class Meta:
        verbose_name = "inscription"
        verbose_name_plural = "inscriptions"
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["school_class", "student"], name="enrolment_once_per_class"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} — {self.school_class}"


class StudentAccount(models.Model):
    """What the app keeps about a student's account beyond Django's user: whether the password
    is a temporary one a teacher set (the student must choose their own at the next sign-in)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="student_account",
        verbose_name="compte",
    )
    must_change_password = models.BooleanField("doit changer son mot de passe", default=False)
    password_reset_at = models.DateTimeField("mot de passe provisoire le", null=True, blank=True)

    class Meta:
        verbose_name = "compte élève"
        verbose_name_plural = "comptes élèves"

    def __str__(self) -> str:
        return str(self.user)
