"""Django's database sessions, with a forged cookie turned away before it reaches the database."""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    """A `sessionid` that is not one of Django's keys (32 lowercase letters and digits) starts a new
    session, as an unknown key does; one holding a NUL made PostgreSQL refuse the lookup (a 500)."""

    def _validate_session_key(self, key: str | None) -> bool:
        return bool(super()._validate_session_key(key)) and key.isascii() and key.isalnum()
