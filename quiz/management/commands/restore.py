"""`manage.py restore FILE [--force]`: put a backup of `manage.py backup` back in place (SQLite).

The backup is checked first (a SQLite file, whole, with this app's tables); a database that holds
data is replaced only with --force. The copy goes through SQLite's backup API into the live file,
so a running server sees the restored data at its next query (stop it anyway if you can: answers
sent during the restore are lost). PostgreSQL: `pg_restore --clean` (see `manage.py backup`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection


def _checked_backup(path: Path) -> None:
    if not path.is_file():
        raise CommandError(f"{path} n’existe pas.")
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as backup:
            whole = backup.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            tables = {row[0] for row in backup.execute("SELECT name FROM sqlite_master")}
        backup.close()
    except sqlite3.DatabaseError as error:
        raise CommandError(f"{path} n’est pas une sauvegarde SQLite lisible.") from error
    if not whole or "django_migrations" not in tables:
        raise CommandError(f"{path} n’est pas une sauvegarde complète de cette application.")


def _holds_data(name: str) -> bool:
    if not Path(name).exists():
        return False
    with sqlite3.connect(name) as current:
        tables = {row[0] for row in current.execute("SELECT name FROM sqlite_master")}
        held = "django_migrations" in tables
    current.close()
    return held


class Command(BaseCommand):
    help = "Restaure une sauvegarde SQLite de manage.py backup (--force pour remplacer une base existante)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="la sauvegarde à restaurer")
        parser.add_argument(
            "--force", action="store_true", help="remplacer la base actuelle et ses données"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "sqlite" or _in_memory(str(connection.settings_dict["NAME"])):
            raise CommandError(
                "Seule une base SQLite sur disque se restaure ainsi (PostgreSQL : pg_restore --clean)."
            )
        source = Path(options["file"])
        _checked_backup(source)
        name = str(connection.settings_dict["NAME"])
        if _holds_data(name) and not options["force"]:
            raise CommandError(
                f"{name} contient déjà des données : ajoutez --force pour les remplacer "
                "(faites d’abord une sauvegarde avec manage.py backup)."
            )
        connection.close()
        connection.ensure_connection()  # created 0600 by config.sqlite_backend if absent
        connection.close()
        with sqlite3.connect(source) as src, sqlite3.connect(name, timeout=30) as dst:
            src.backup(dst)
        src.close()
        dst.close()
        self.stdout.write(f"Base restaurée depuis {source}.")


def _in_memory(name: str) -> bool:
    return name in {"", ":memory:"} or "mode=memory" in name
