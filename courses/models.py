"""The chapter, its lessons and the concept question bank."""

from __future__ import annotations

from django.db import models
from django.urls import reverse


class Chapter(models.Model):
    slug = models.SlugField("identifiant", unique=True)
    title = models.CharField("titre", max_length=200)
    introduction = models.TextField("introduction (Markdown)", blank=True)

    class Meta:
        verbose_name = "chapitre"

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, related_name="lessons", verbose_name="chapitre"
    )
    slug = models.SlugField("identifiant", unique=True)
    order = models.PositiveSmallIntegerField("ordre")
    title = models.CharField("titre", max_length=200)
    summary = models.CharField("résumé", max_length=400)
    key_points = models.TextField("À retenir (Markdown)")
    worked_example = models.TextField("exemple corrigé (Markdown)")
    example_calculations = models.JSONField(
        "calculs de l’exemple",
        default=list,
        blank=True,
        help_text='Liste de calculs rendus depuis le catalogue : [{"kpi": "cpm", "values": '
        '{"budget": "200", "impressions": "10000"}}].',
    )
    kpi_slugs = models.JSONField("indicateurs enseignés", default=list, blank=True)

    class Meta:
        verbose_name = "leçon"
        ordering = ["chapter", "order"]
        constraints = [
            models.UniqueConstraint(fields=["chapter", "order"], name="lesson_order_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("courses:lesson", args=[self.slug])


class LessonSection(models.Model):
    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="sections", verbose_name="leçon"
    )
    order = models.PositiveSmallIntegerField("ordre")
    heading = models.CharField("titre", max_length=200)
    body = models.TextField("texte (Markdown)")

    class Meta:
        verbose_name = "section"
        ordering = ["lesson", "order"]

    def __str__(self) -> str:
        return self.heading


class ConceptQuestion(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", "Choix unique"
        MULTIPLE = "multiple", "Choix multiple"
        TRUE_FALSE = "true_false", "Vrai ou faux"

    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="questions", verbose_name="leçon"
    )
    kind = models.CharField("type", max_length=20, choices=Kind.choices, default=Kind.SINGLE)
    stem = models.TextField("énoncé")
    explanation = models.TextField("explication")

    class Meta:
        verbose_name = "question de cours"
        verbose_name_plural = "questions de cours"
        ordering = ["lesson", "id"]

    def __str__(self) -> str:
        return self.stem[:80]


class QuestionOption(models.Model):
    question = models.ForeignKey(
        ConceptQuestion, on_delete=models.CASCADE, related_name="options", verbose_name="question"
    )
    order = models.PositiveSmallIntegerField("ordre", default=0)
    text = models.CharField("texte", max_length=300)
    is_correct = models.BooleanField("bonne réponse", default=False)

    class Meta:
        verbose_name = "option"
        ordering = ["question", "order", "id"]

    def __str__(self) -> str:
        return self.text
