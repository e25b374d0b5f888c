"""The admin: quizzes (authored by their teacher, read only for colleagues), classes, and the
practice and live results (read only)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from quiz.authoring import copies, ownership, publishing
from quiz.authoring.admin_forms import QuizQuestionForm
from quiz.authoring.french import tolerance_text
from quiz.errors import Refusal
from quiz.models import Enrolment, Quiz, QuizQuestion, SchoolClass
from quiz.teaching.classes import new_join_code


def _quiz_editable(request, quiz: Quiz | None) -> bool:  # type: ignore[no-untyped-def]
    """A new quiz, or one of the teacher's own (an administrator's: any)."""
    return quiz is None or ownership.quiz_can_edit(quiz=quiz, user=request.user)


def _questions_editable(request, quiz: Quiz | None) -> bool:  # type: ignore[no-untyped-def]
    """Its author may change the questions, unless a class is playing it or has it as homework."""
    return _quiz_editable(request, quiz) and (
        quiz is None or ownership.quiz_lock_reason(quiz=quiz) is None
    )


class QuizQuestionInline(admin.StackedInline):
    model = QuizQuestion
    form = QuizQuestionForm
    extra = 1
    ordering = ["order", "id"]
    classes = ["quiz-questions"]
    common = (None, {"fields": [("order", "kind", "points", "time_limit")]})
    numeric = (
        "Exercice chiffré",
        {
            "fields": [("kpi_slug", "difficulty", "decimals"), ("tolerance_kind", "tolerance")],
            "classes": ["kind-numeric"],
        },
    )
    fieldsets = [
        common,
        (
            "Question de cours",
            {
                "fields": [
                    "concept_question",
                    ("new_lesson", "new_kind"),
                    "new_stem",
                    "new_options",
                    "new_explanation",
                ],
                "classes": ["kind-concept"],
                "description": "Choisissez une question de la banque, ou écrivez-en une\u00a0: "
                "elle rejoint la banque de questions.",
            },
        ),
        numeric,
    ]

    def get_fieldsets(self, request, obj=None):  # type: ignore[no-untyped-def]
        if _questions_editable(request, obj):
            return self.fieldsets
        # Read only: what is stored, without the fields that write a new bank question.
        concept = (
            "Question de cours",
            {"fields": ["concept_question"], "classes": ["kind-concept"]},
        )
        numeric = (
            "Exercice chiffré",
            {
                "fields": [
                    ("kpi_slug", "difficulty", "decimals"),
                    ("tolerance_kind", "tolerance_shown"),
                ],
                "classes": ["kind-numeric"],
            },
        )
        return [self.common, concept, numeric]

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        if _questions_editable(request, obj):
            return ()
        return ("tolerance_shown",)

    @admin.display(description="valeur de la tolérance")
    def tolerance_shown(self, question: QuizQuestion) -> str:
        """`0,05` or `5 %`, as the form reads it (not the stored `0.0500`)."""
        return tolerance_text(question.tolerance_kind, question.tolerance)

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return super().has_add_permission(request, obj) and _questions_editable(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return super().has_change_permission(request, obj) and _questions_editable(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return super().has_delete_permission(request, obj) and _questions_editable(request, obj)


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "is_published",
        "question_count",
        "created_by",
        "created_at",
        "preview_link",
        "practice_link",
        "live_link",
    ]
    list_filter = ["is_published"]
    list_select_related = ["created_by"]
    search_fields = ["title", "description"]
    inlines = [QuizQuestionInline]
    readonly_fields = ["created_by", "created_at"]
    actions = ["publish_quizzes", "unpublish_quizzes", "duplicate_quizzes"]
    change_form_template = "admin/quiz/quiz/change_form.html"

    class Media:
        css = {"all": ["css/quiz-admin.css"]}
        js = ["js/quiz-admin.js"]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).annotate(question_total=Count("questions"))

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return super().has_change_permission(request, obj) and _quiz_editable(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return super().has_delete_permission(request, obj) and _quiz_editable(request, obj)

    def view_on_site(self, quiz: Quiz) -> str:
        """Published: the students' page; otherwise the preview (the students' page is a 404)."""
        if quiz.is_published:
            return quiz.get_absolute_url()
        return reverse("authoring:preview", args=[quiz.pk])

    @admin.display(description="questions", ordering="question_total")
    def question_count(self, quiz: Quiz) -> int:
        return quiz.question_total  # type: ignore[attr-defined]

    @admin.display(description="aperçu")
    def preview_link(self, quiz: Quiz) -> str:
        return format_html(
            '<a href="{}" aria-label="Aperçu de «\u00a0{}\u00a0»">Aperçu</a>',
            reverse("authoring:preview", args=[quiz.pk]),
            quiz.title,
        )

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

    def change_view(self, request, object_id, form_url="", extra_context=None):  # type: ignore[no-untyped-def]
        quiz = self.get_object(request, object_id)
        if quiz is not None and request.method == "GET":
            if not _quiz_editable(request, quiz):
                messages.info(
                    request,
                    "Ce quiz est celui d’un collègue\u00a0: vous pouvez le consulter et le dupliquer "
                    "(action «\u00a0Dupliquer\u00a0» de la liste, ou bouton de l’aperçu).",
                )
            elif reason := ownership.quiz_lock_reason(quiz=quiz):
                messages.warning(
                    request,
                    f"Les questions ne peuvent pas être modifiées\u00a0: {reason}. "
                    "Dupliquez le quiz pour l’adapter.",
                )
        extra_context = {
            **(extra_context or {}),
            "preview_url": reverse("authoring:preview", args=[object_id])
            if quiz is not None
            else "",
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj: Quiz, form, change: bool) -> None:  # type: ignore[no-untyped-def]
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        if change and "is_published" in form.changed_data and not obj.is_published:
            reason = ownership.quiz_lock_reason(quiz=obj)
            if reason:
                obj.is_published = True
                messages.error(request, f"Le quiz reste publié\u00a0: {reason}.")
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change: bool) -> None:  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        quiz = form.instance
        if quiz.is_published and (problems := publishing.quiz_problems(quiz=quiz)):
            quiz.is_published = False
            quiz.save(update_fields=["is_published"])
            messages.error(request, "Le quiz est enregistré mais pas publié. " + " ".join(problems))

    def save_formset(self, request, form, formset, change: bool) -> None:  # type: ignore[no-untyped-def]
        """A new question left at order 0 goes after the others."""
        questions = formset.save(commit=False)
        last = max((q.order for q in formset.instance.questions.all()), default=0)
        for question in questions:
            if question.pk is None and question.order == 0:
                last += 1
                question.order = last
            question.save()
        for question in formset.deleted_objects:
            question.delete()
        formset.save_m2m()

    def _each_editable(self, request, queryset, action):  # type: ignore[no-untyped-def]
        done = 0
        for quiz in queryset:
            if not _quiz_editable(request, quiz):
                messages.error(
                    request,
                    f"«\u00a0{quiz.title}\u00a0» est le quiz d’un collègue\u00a0: dupliquez-le.",
                )
                continue
            try:
                action(quiz=quiz)
            except Refusal as refusal:
                messages.error(request, refusal.message)
            else:
                done += 1
        return done

    @admin.action(description="Publier les quiz sélectionnés")
    def publish_quizzes(self, request, queryset) -> None:  # type: ignore[no-untyped-def]
        if done := self._each_editable(request, queryset, publishing.quiz_publish):
            messages.success(request, f"{done} quiz publié{'s' if done > 1 else ''}.")

    @admin.action(description="Retirer la publication des quiz sélectionnés")
    def unpublish_quizzes(self, request, queryset) -> None:  # type: ignore[no-untyped-def]
        if done := self._each_editable(request, queryset, publishing.quiz_unpublish):
            messages.success(request, f"{done} quiz retiré{'s' if done > 1 else ''} des élèves.")

    @admin.action(description="Dupliquer les quiz sélectionnés")
    def duplicate_quizzes(self, request, queryset):  # type: ignore[no-untyped-def]
        copies_made = [copies.quiz_duplicate(quiz=quiz, user=request.user) for quiz in queryset]
        if len(copies_made) == 1:
            messages.success(
                request, f"Copie créée\u00a0: «\u00a0{copies_made[0].title}\u00a0», non publiée."
            )
            return redirect(reverse("admin:quiz_quiz_change", args=[copies_made[0].pk]))
        messages.success(request, f"{len(copies_made)} copies créées, non publiées.")
        return None


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
