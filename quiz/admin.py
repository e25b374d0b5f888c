"""Quizzes in the admin (a basic form for now: teacher tools and live sessions build on it)."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from quiz.models import Enrolment, Quiz, QuizQuestion, SchoolClass
from quiz.teaching.classes import new_join_code


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


class EnrolmentInline(admin.TabularInline):
    model = Enrolment
    extra = 0
    fields = ["student", "joined_at"]
    readonly_fields = ["student", "joined_at"]
    can_delete = True


@admin.register(SchoolClass)
class SchoolClassAdmin(admin.ModelAdmin):
    """A teacher's classes; the code is drawn by the app (the class page regenerates it)."""

    list_display = ["name", "school_year", "teacher", "join_code", "created_at"]
    search_fields = ["name", "school_year", "join_code"]
    readonly_fields = ["join_code", "teacher", "created_at"]
    inlines = [EnrolmentInline]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        classes = super().get_queryset(request)
        return classes if request.user.is_superuser else classes.filter(teacher=request.user)

    def save_model(self, request, obj: SchoolClass, form, change: bool) -> None:  # type: ignore[no-untyped-def]
        if not change:
            obj.teacher = request.user
            obj.join_code = new_join_code()
        super().save_model(request, obj, form, change)
