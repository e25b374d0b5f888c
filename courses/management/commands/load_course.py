"""Load the course fixture on a fresh database; leave a course that teachers may have edited alone."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from courses.models import Chapter


class Command(BaseCommand):
    help = (
        "Charge le cours (fixtures/course.json) si la base n’en contient pas encore. "
        "--force recharge le contenu d’origine par-dessus les modifications."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Recharger le contenu d’origine même si un cours existe déjà.",
        )

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        if Chapter.objects.exists() and not force:
            self.stdout.write("Cours déjà chargé : rien à faire (--force pour le recharger).")
            return
        call_command("loaddata", "course", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Cours chargé."))
