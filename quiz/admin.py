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


# --------------------------------------------------------------------------------------------------
# Practice and live results, read-only: staff may look (a teacher at their own classes' students
# and their own sessions, an administrator at everything), nobody adds, changes or deletes here —
# a student deletes their data from their account, `manage.py purge_expired` the anonymous rows.
# --------------------------------------------------------------------------------------------------

from quiz.models import Attempt, AttemptItem, LiveAnswer, LiveSession, Player, ReviewCard  # noqa: E402


class ReadOnlyMixin:
    """View only: no add, change or delete permission in the admin (for any staff member)."""

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


def _students_owners(request) -> list[str]:  # type: ignore[no-untyped-def]
    """The practice owners a teacher may read: the students of their classes."""
    students = Enrolment.objects.filter(school_class__teacher=request.user).values_list(
        "student_id", flat=True
    )
    return [f"user:{student_id}" for student_id in students.distinct()]


class AttemptItemInline(ReadOnlyMixin, admin.TabularInline):
    model = AttemptItem
    extra = 0
    # The seed stays out: it is how the server draws the numbers.
    fields = [
        "position",
        "kpi_slug",
        "concept_question",
        "answer",
        "verdict",
        "diagnosis",
        "answered_at",
    ]
    readonly_fields = fields


@admin.register(Attempt)
class AttemptAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["created_at", "owner", "scope", "scope_value", "quiz"]
    list_filter = ["scope"]
    search_fields = ["owner", "scope_value"]
    list_select_related = ["quiz"]
    exclude = ["drill_token"]
    inlines = [AttemptItemInline]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        attempts = super().get_queryset(request)
        if request.user.is_superuser:
            return attempts
        return attempts.filter(owner__in=_students_owners(request))


@admin.register(ReviewCard)
class ReviewCardAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["owner", "item_key", "box", "due_at", "correct_count", "wrong_count"]
    list_filter = ["box"]
    search_fields = ["owner", "item_key"]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        cards = super().get_queryset(request)
        if request.user.is_superuser:
            return cards
        return cards.filter(owner__in=_students_owners(request))


class PlayerInline(ReadOnlyMixin, admin.TabularInline):
    model = Player
    extra = 0
    # The token stays out: it is the player's cookie (whoever has it plays in their name).
    fields = ["pseudo", "joined_at", "current_index"]
    readonly_fields = fields


@admin.register(LiveSession)
class LiveSessionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["created_at", "quiz", "pin", "state", "pacing", "owner"]
    list_filter = ["state", "pacing"]
    search_fields = ["pin", "quiz__title"]
    list_select_related = ["quiz", "owner"]
    inlines = [PlayerInline]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        sessions = super().get_queryset(request)
        return sessions if request.user.is_superuser else sessions.filter(owner=request.user)


@admin.register(LiveAnswer)
class LiveAnswerAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["answered_at", "session", "player", "question_index", "verdict", "points"]
    list_filter = ["verdict"]
    search_fields = ["player__pseudo", "session__pin"]
    list_select_related = ["session__quiz", "player"]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        answers = super().get_queryset(request)
        if request.user.is_superuser:
            return answers
        return answers.filter(session__owner=request.user)
