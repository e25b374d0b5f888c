"""Teacher pages about one quiz, under /enseignant/quiz/<id>/ (staff only)."""

from __future__ import annotations

from django.urls import path

from quiz.authoring import export_views, preview_views

app_name = "authoring"

urlpatterns: list = [
    path("<int:quiz_id>/apercu/", preview_views.quiz_preview, name="preview"),
    path("<int:quiz_id>/dupliquer/", preview_views.quiz_duplicate, name="duplicate"),
    path("<int:quiz_id>/publication/", preview_views.quiz_publication, name="publication"),
    path("<int:quiz_id>/moodle.xml", export_views.quiz_moodle_xml, name="moodle"),
    path("<int:quiz_id>/fiches/", export_views.quiz_worksheets, name="worksheets"),
    path("<int:quiz_id>/fiches/pdf/", export_views.quiz_worksheets_pdf, name="worksheets-pdf"),
]
