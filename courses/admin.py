"""Teachers edit the course and the question bank here (the admin is in French)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html

from courses.models import Chapter, ConceptQuestion, Lesson, LessonSection, QuestionOption
from courses.services import option_set_errors


class LessonSectionInline(admin.StackedInline):
    model = LessonSection
    extra = 0
    ordering = ["order"]


@admin.register(Chapter)
class ChapterAdmin(admin.ModelAdmin):
    list_display = ["title", "slug"]


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["order", "title", "slug", "question_count", "preview"]
    list_display_links = ["title"]
    ordering = ["chapter", "order"]
    search_fields = ["title", "summary", "sections__body"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [LessonSectionInline]
    fieldsets = [
        (None, {"fields": ["chapter", "order", "title", "slug", "summary"]}),
        ("Contenu", {"fields": ["key_points", "worked_example", "example_calculations"]}),
        ("Indicateurs", {"fields": ["kpi_slugs"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_total=Count("questions"))

    def view_on_site(self, lesson: Lesson) -> str:
        return lesson.get_absolute_url()

    @admin.display(description="aperçu")
    def preview(self, lesson: Lesson) -> str:
        return format_html('<a href="{}">Voir la page</a>', lesson.get_absolute_url())

    @admin.display(description="questions", ordering="question_total")
    def question_count(self, lesson: Lesson) -> int:
        return lesson.question_total


class OptionInlineFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        options = [
            (form.cleaned_data.get("text", ""), bool(form.cleaned_data.get("is_correct")))
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        errors = option_set_errors(self.instance.kind, options)
        if errors:
            raise forms.ValidationError(errors)


class QuestionOptionInline(admin.TabularInline):
    model = QuestionOption
    formset = OptionInlineFormSet
    extra = 2
    ordering = ["order"]


@admin.register(ConceptQuestion)
class ConceptQuestionAdmin(admin.ModelAdmin):
    list_display = ["stem", "kind", "lesson"]
    list_filter = ["lesson", "kind"]
    search_fields = ["stem", "explanation", "options__text"]
    list_select_related = ["lesson"]
    inlines = [QuestionOptionInline]
    autocomplete_fields = ["lesson"]
