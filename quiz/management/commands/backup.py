"""`manage.py backup [FILE]`: a consistent copy of the SQLite database, made while the site runs.

SQLite's online backup API copies the pages under a read transaction (WAL: writers are not held
up), so the copy is the database as it was at one instant, whatever was being answered. The file
is readable by its owner only. PostgreSQL: the command prints the `pg_dump` to run (with the
password left to ~/.pgpass or PGPASSWORD, never on a command line)."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

BACKUP_DIR = Path(settings.BASE_DIR) / "backups"


def sqlite_backup(*, source: str, target: Path) -> None:
    """Copy `source` into `target` (created 0600) with SQLite's online backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
    with sqlite3.connect(source) as src, sqlite3.connect(partial) as dst:
        src.backup(dst)
        if dst.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise CommandError("La copie est abîmée : sauvegarde annulée.")
    src.close()
    dst.close()
    partial.replace(target)  # a backup file is either whole or absent


def pg_dump_command(settings_dict: dict[str, Any], target: Path) -> str:
    user = quote(str(settings_dict.get("USER") or ""))
    host = settings_dict.get("HOST") or "localhost"
    port = settings_dict.get("PORT") or 5432
    url = f"postgresql://{user}@{host}:{port}/{quote(str(settings_dict['NAME']))}"
    return f"pg_dump --format=custom --no-owner --file={target} '{url}'"


class Command(BaseCommand):
    help = "Sauvegarde la base SQLite (API de sauvegarde en ligne) ; pour PostgreSQL, affiche la commande pg_dump."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", nargs="?", help="fichier de sauvegarde (par défaut backups/db-AAAAMMJJ-HHMMSS)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        if connection.vendor == "postgresql":
            target = Path(options["file"] or BACKUP_DIR / f"db-{stamp}.dump")
            self.stdout.write(
                "PostgreSQL : faites la sauvegarde avec pg_dump (mot de passe dans ~/.pgpass "
                "ou PGPASSWORD), et la restauration avec pg_restore --clean :\n"
                + pg_dump_command(connection.settings_dict, target)
            )
            return
        if connection.vendor != "sqlite" or _in_memory(str(connection.settings_dict["NAME"])):
            raise CommandError("Seule une base SQLite sur disque se sauvegarde ainsi.")
        target = Path(options["file"] or BACKUP_DIR / f"db-{stamp}.sqlite3")
        if target.exists():
            raise CommandError(f"{target} existe déjà : choisissez un autre nom.")
        sqlite_backup(source=str(connection.settings_dict["NAME"]), target=target)
        self.stdout.write(f"Sauvegarde écrite : {target}")


def _in_memory(name: str) -> bool:
    return name in {"", ":memory:"} or "mode=memory" in name
