"""Quizzes in the admin (a basic form for now: teacher tools and live sessions build on it)."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from quiz.models import Quiz, QuizQuestion


class QuizQuestionInline(admin.StackedInline):
    model = QuizQuestion
    extra = 1
    ordering = ["order"]
    autocomplete_fields = ["concept_question"]
    fields = [
        ("order", "kind", "points", "time_limit"),
        "concept_question",
        ("kpi_slug", "difficulty"),
        ("tolerance_kind", "tolerance"),
    ]


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "is_published",
        "question_count",
        "created_at",
        "practice_link",
        "live_link",
    ]
    list_filter = ["is_published"]
    search_fields = ["title", "description"]
    inlines = [QuizQuestionInline]
    readonly_fields = ["created_by", "created_at"]

    @admin.display(description="questions")
    def question_count(self, quiz: Quiz) -> int:
        return quiz.questions.count()

    @admin.display(description="entraînement")
    def practice_link(self, quiz: Quiz) -> str:
        if not quiz.is_published:
            return "—"
        return format_html('<a href="{}">Ouvrir</a>', quiz.get_absolute_url())

    @admin.display(description="en direct")
    def live_link(self, quiz: Quiz) -> str:
        if not quiz.is_published:
            return "—"
        return format_html(
            '<a href="{}?quiz={}">Lancer en direct</a>', reverse("live:host"), quiz.pk
        )

    def save_model(self, request, obj: Quiz, form, change: bool) -> None:
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
