from __future__ import annotations

from django.urls import path

from quiz.practice import views as practice

app_name = "practice"
urlpatterns = [
    path("", practice.practice_home, name="home"),
    path("commencer/", practice.series_start, name="start"),
    path("serie/<uuid:attempt_id>/<int:position>/", practice.series_question, name="question"),
    path("serie/<uuid:attempt_id>/bilan/", practice.series_summary, name="summary"),
    path("kpi/<slug:slug>/", practice.kpi_drill, name="drill"),
    path("quiz/<int:quiz_id>/", practice.quiz_detail, name="quiz"),
    path("quiz/<int:quiz_id>/commencer/", practice.quiz_start, name="quiz-start"),
    path("progres/", practice.progress, name="progress"),
]
