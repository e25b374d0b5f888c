from __future__ import annotations

from django.urls import path

from quiz.teaching import homework_views

app_name = "homework"
urlpatterns = [
    path("", homework_views.homework_list, name="list"),
    path("<int:assignment_id>/", homework_views.homework_detail, name="detail"),
    path("<int:assignment_id>/commencer/", homework_views.homework_start, name="start"),
    path("<int:assignment_id>/<int:position>/", homework_views.homework_question, name="question"),
]
