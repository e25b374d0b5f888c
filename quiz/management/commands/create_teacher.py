"""`manage.py create_teacher USERNAME`: a teacher account (staff, in the « Enseignants » group).

The password comes from the TEACHER_PASSWORD environment variable, else it is asked twice at the
prompt; it must pass the project's password validators. Run again for an existing user, it makes
them a teacher (and sets the password if one is given)."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from quiz.teaching.accounts import TEACHERS_GROUP, teacher_create


class Command(BaseCommand):
    help = "Crée un compte enseignant (membre du groupe « Enseignants »)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"].strip()
        if not username:
            raise CommandError("Donnez un identifiant.")
        password = os.environ.get("TEACHER_PASSWORD", "")
        if not password:
            if not os.isatty(0):
                raise CommandError(
                    "Mot de passe : TEACHER_PASSWORD, ou lancez la commande dans un terminal."
                )
            password = getpass.getpass("Mot de passe : ")
            if password != getpass.getpass("Mot de passe (encore) : "):
                raise CommandError("Les deux mots de passe diffèrent.")
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        user = teacher_create(username=username, password=password)
        self.stdout.write(f"Compte enseignant « {user.username} » prêt (groupe {TEACHERS_GROUP}).")
