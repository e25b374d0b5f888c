"""`manage.py purge_expired`: delete anonymous practice nobody came back to, and expired sessions.

Anonymous attempts (owner `session:…`) created more than ANONYMOUS_RETENTION_DAYS ago with no
answer since, and anonymous review cards not updated since, are deleted; then Django's
`clearsessions` removes expired database sessions. Accounts' practice is never touched (it lives
until the student deletes their account or the school removes it). Run it daily (cron)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from quiz.teaching.privacy import anonymous_purge, retention_days


class Command(BaseCommand):
    help = (
        "Supprime l’entraînement anonyme non touché depuis ANONYMOUS_RETENTION_DAYS jours "
        "et les sessions expirées."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        days = retention_days()
        purged = anonymous_purge(now=timezone.now(), days=days)
        call_command("clearsessions")
        self.stdout.write(
            f"Entraînement anonyme de plus de {days}\u00a0jours supprimé\u00a0: "
            f"{purged.attempts} série(s) ({purged.items} question(s)), "
            f"{purged.review_cards} fiche(s) de révision\u00a0; sessions expirées supprimées."
        )
