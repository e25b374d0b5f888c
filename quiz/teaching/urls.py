from __future__ import annotations

from django.urls import path

from quiz.teaching import teacher_views

app_name = "teaching"
urlpatterns = [
    path("", teacher_views.dashboard, name="dashboard"),
    path("classes/", teacher_views.class_list, name="classes"),
    path("classes/<int:class_id>/", teacher_views.class_detail, name="class"),
    path("classes/<int:class_id>/code/", teacher_views.class_new_code, name="class-code"),
    path(
        "classes/<int:class_id>/retirer/",
        teacher_views.class_remove_student,
        name="class-remove",
    ),
]
