from __future__ import annotations

from django.urls import path

from quiz.teaching import assignment_views, password_reset, teacher_views

app_name = "teaching"
urlpatterns = [
    path("", teacher_views.dashboard, name="dashboard"),
    path("classes/", teacher_views.class_list, name="classes"),
    path("classes/<int:class_id>/", teacher_views.class_detail, name="class"),
    path("classes/<int:class_id>/code/", teacher_views.class_new_code, name="class-code"),
    path("classes/<int:class_id>/erreurs/", teacher_views.class_mistakes, name="class-mistakes"),
    path(
        "classes/<int:class_id>/retirer/",
        teacher_views.class_remove_student,
        name="class-remove",
    ),
    path("classes/<int:class_id>/mot-de-passe/", password_reset.reset_view, name="class-password"),
    path(
        "classes/<int:class_id>/devoirs/nouveau/",
        assignment_views.assignment_new,
        name="assignment-new",
    ),
    path("devoirs/<int:assignment_id>/", assignment_views.assignment_results, name="assignment"),
    path(
        "devoirs/<int:assignment_id>/resultats.csv",
        assignment_views.assignment_csv,
        name="assignment-csv",
    ),
    path(
        "devoirs/<int:assignment_id>/reponses.csv",
        assignment_views.assignment_answers_csv,
        name="assignment-answers-csv",
    ),
    path(
        "devoirs/<int:assignment_id>/eleves/<int:student_id>/",
        assignment_views.assignment_student,
        name="assignment-student",
    ),
]
