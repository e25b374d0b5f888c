"""SQLite with a write lock shared by every process, taken just before `BEGIN IMMEDIATE`.

Why: with several gunicorn workers on one SQLite file, a `BEGIN IMMEDIATE` that finds another writer
is retried by SQLite's busy handler after sleeps of 1, 2, 5, 10… ms, so under a burst of answers the
writers spend most of their time asleep (measured: 400 answers/s). A blocking `flock()` on a sibling
file queues them instead: the kernel wakes the next writer the moment the lock is released. Readers
never take it (WAL lets them read during a write). In-memory databases (tests) need no lock.
"""

from __future__ import annotations

import fcntl
import os

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    _write_lock_fd: int | None = None
    _write_lock_held = False

    def _write_lock_path(self) -> str | None:
        name = str(self.settings_dict["NAME"])
        if self.is_in_memory_db() or not name:
            return None
        return f"{name}-writelock"

    def _acquire_write_lock(self) -> None:
        path = self._write_lock_path()
        if path is None:
            return
        if self._write_lock_fd is None:
            self._write_lock_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._write_lock_fd, fcntl.LOCK_EX)
        self._write_lock_held = True

    def _release_write_lock(self) -> None:
        if self._write_lock_held and self._write_lock_fd is not None:
            fcntl.flock(self._write_lock_fd, fcntl.LOCK_UN)
        self._write_lock_held = False

    def _start_transaction_under_autocommit(self) -> None:
        self._acquire_write_lock()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_write_lock()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()
        finally:
            self._release_write_lock()

    def _rollback(self) -> None:
        try:
            super()._rollback()
        finally:
            self._release_write_lock()

    def _close(self) -> None:
        try:
            super()._close()
        finally:
            self._release_write_lock()
            if self._write_lock_fd is not None:
                os.close(self._write_lock_fd)
                self._write_lock_fd = None
