from __future__ import annotations

from django.urls import path

from courses import views

app_name = "courses"
urlpatterns = [
    path("", views.lesson_index, name="index"),
    path("<slug:slug>/", views.lesson_detail, name="lesson"),
]
