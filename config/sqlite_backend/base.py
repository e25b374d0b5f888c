"""SQLite with a write lock shared by every process, taken just before `BEGIN IMMEDIATE`, for a
bounded time.

Why a lock: with several server workers on one SQLite file, a `BEGIN IMMEDIATE` that finds another
writer is retried by SQLite's busy handler after sleeps of 1, 2, 5, 10… ms, so under a burst of
answers the writers spend most of their time asleep (measured: 400 answers/s). A lock on a sibling
file (`filelock`: `flock()` on POSIX, `msvcrt.locking` on Windows) queues them instead, polled every
millisecond. Only transactions take it: readers never do (WAL lets them read during a write), nor do
the autocommit statements outside `atomic()`, which wait in SQLite's own busy handler.

Why bounded: a writer outside the app (a backup, a `sqlite3` shell left open) must not freeze the
site. A write waits at most OPTIONS["timeout"] seconds in all, lock and `BEGIN` together, then raises
`DatabaseBusy` before anything is written; `config.middleware.DatabaseBusyMiddleware` turns it
into a French 503. In-memory databases (tests) need no lock. The database file is created readable
by its owner only (SQLite gives its -wal and -shm files the same mode).
"""

from __future__ import annotations

import contextlib
import os
import time
from typing import Any

from django.conf import settings
from django.db import OperationalError
from django.db.backends.sqlite3 import base
from filelock import FileLock, Timeout

from config.busy import DatabaseBusy, is_busy_error

DEFAULT_TIMEOUT = 5.0
LOCK_POLL_SECONDS = 0.001


class DatabaseWrapper(base.DatabaseWrapper):
    _write_lock: FileLock | None = None
    _write_lock_held = False

    def _write_timeout(self) -> float:
        return float(self.settings_dict.get("OPTIONS", {}).get("timeout", DEFAULT_TIMEOUT))

    def _write_lock_path(self) -> str | None:
        name = str(self.settings_dict["NAME"])
        if self.is_in_memory_db() or not name or not getattr(settings, "SQLITE_WRITE_LOCK", True):
            return None
        return f"{name}-writelock"

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        name = str(conn_params.get("database", ""))
        if name and not self.is_in_memory_db() and not name.startswith("file:"):
            with contextlib.suppress(FileExistsError):
                os.close(os.open(name, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
        return super().get_new_connection(conn_params)

    def _acquire_write_lock(self) -> float:
        """Take the lock within the write timeout; the seconds left for `BEGIN IMMEDIATE`."""
        budget = self._write_timeout()
        path = self._write_lock_path()
        if path is None:
            return budget
        if self._write_lock is None:
            self._write_lock = FileLock(
                path,
                mode=0o600,
                thread_local=False,  # one lock per connection, and a connection per thread
                poll_interval=LOCK_POLL_SECONDS,
                preserve_lock_file=True,
            )
        started = time.monotonic()
        try:
            self._write_lock.acquire(timeout=budget)
        except Timeout as error:
            raise DatabaseBusy(f"write lock not acquired within {budget:g} s") from error
        self._write_lock_held = True
        return budget - (time.monotonic() - started)

    def _release_write_lock(self) -> None:
        if self._write_lock_held and self._write_lock is not None:
            self._write_lock.release(force=True)
        self._write_lock_held = False

    def _start_transaction_under_autocommit(self) -> None:
        budget = self._write_timeout()
        left = self._acquire_write_lock()
        try:
            if left < budget - 0.01:  # the lock took a while: BEGIN may only wait what is left
                self._begin_within(left, budget)
            else:
                super()._start_transaction_under_autocommit()  # type: ignore[misc]  # private in django-stubs
        except OperationalError as error:
            self._release_write_lock()
            if is_busy_error(error):
                raise DatabaseBusy(str(error)) from error
            raise
        except BaseException:
            self._release_write_lock()
            raise

    def _begin_within(self, seconds: float, usual: float) -> None:
        cursor = self.connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {max(int(seconds * 1000), 1)}")
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]  # private in django-stubs
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {int(usual * 1000)}")

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]  # private in django-stubs
        finally:
            self._release_write_lock()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]  # private in django-stubs
        finally:
            self._release_write_lock()

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[misc]  # private in django-stubs
        finally:
            self._release_write_lock()
