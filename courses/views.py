"""The mini-courses: the chapter's lessons, and one lesson."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from courses.services import chapter_with_lessons, lesson_page, practised_lessons


@require_safe
def lesson_index(request: HttpRequest) -> HttpResponse:
    """The chapter: its lessons in order, with their summaries."""
    return render(
        request,
        "courses/index.html",
        {"chapter": chapter_with_lessons(), "practised": practised_lessons(request)},
    )


@require_safe
def lesson_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One lesson: sections, formula cards, worked example, À retenir, neighbours."""
    page = lesson_page(slug=slug)
    if page is None:
        raise Http404("Leçon introuvable.")
    return render(request, "courses/lesson.html", {"page": page, "lesson": page.lesson})
