"""A write that gave up waiting for another writer: nothing was written, the student may send again
(`config.middleware.DatabaseBusyMiddleware` and `config.views.server_error` answer a French 503).

- SQLite: our bounded wait for the write lock (`config.sqlite_backend`), or SQLite's own
  "database is locked" after its busy timeout.
- PostgreSQL: a row or table lock not granted within `lock_timeout` (settings:
  DATABASE_LOCK_TIMEOUT, 5 s), e.g. behind a migration or an administrator's open transaction.
  Without it a request would hold one of the server's threads for as long as the lock lasts
  (granian ends no request), and the student would see nothing.
"""

from __future__ import annotations

from django.db import OperationalError

BUSY_MESSAGES = ("database is locked", "database table is locked", "database is busy")
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE for a lock_timeout


class DatabaseBusy(OperationalError):
    """A write gave up waiting for another writer: nothing was written, the request may be retried."""


def is_busy_error(error: BaseException) -> bool:
    if isinstance(error, DatabaseBusy):
        return True
    if not isinstance(error, OperationalError):
        return False
    if getattr(error.__cause__, "sqlstate", None) == LOCK_NOT_AVAILABLE:  # psycopg's error
        return True
    return any(message in str(error).lower() for message in BUSY_MESSAGES)
