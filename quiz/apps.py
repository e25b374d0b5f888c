from __future__ import annotations

from django.apps import AppConfig


class QuizConfig(AppConfig):
    name = "quiz"
    verbose_name = "Quiz"

    def ready(self) -> None:
        from quiz.admin_login import install_admin_login

        install_admin_login()
