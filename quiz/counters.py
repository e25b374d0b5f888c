"""Counts over a time window — the wrong PINs, the new pseudos and the wrong passwords a client may
type — in a table of the database (`WindowCount`): every process and every server that shares
the database sees the same counts.

Why a table of our own rather than Django's cache (used for this on 2026-12-01): the cache's
database backend increments by a read then a write, so that two processes bumping at once
counted once; and beyond MAX_ENTRIES it culls a third of its keys, live windows included, so
that 2 000 players' keys could wipe a guesser's count. Here a bump is one statement, atomic on
both databases (`INSERT … ON CONFLICT DO UPDATE`, which the ORM cannot write with `hits + 1`),
a window ends only with its time, and development and tests count as production does. Speed
was not the reason: a join through its view took 9.1–10.2 ms in process on PostgreSQL either
way (2026-12-02, 400 one after the other, alternated with the previous code: 13 queries → 11),
and `make loadtest` with 2 000 players could not tell the two apart.
"""

from __future__ import annotations

import random
import time

from django.db import connection, transaction

from quiz.models import WindowCount

SWEEP_ONE_IN = 100  # one bump in a hundred deletes the windows that are over


def counts(*keys: str, now: float | None = None) -> dict[str, int]:
    """How many times each key was bumped in its current window (0 once it is over)."""
    moment = int(time.time() if now is None else now)
    found = dict(
        WindowCount.objects.filter(key__in=keys, ends_at__gt=moment).values_list("key", "hits")
    )
    return {key: found.get(key, 0) for key in keys}


def bump(*keys: str, window: int, now: float | None = None) -> None:
    """One more for each key; a key's window of `window` seconds starts with its first bump (or
    its first after the previous window ended).

    In a transaction, so that on SQLite the write queues on the process-shared lock
    (config/sqlite_backend) instead of sleeping in SQLite's busy handler; in the caller's own
    when there is one (a join counts with the player it creates), without a savepoint."""
    moment = int(time.time() if now is None else now)
    distinct = list(dict.fromkeys(keys))  # a statement may not update one row twice
    table = connection.ops.quote_name(WindowCount._meta.db_table)
    key, hits, ends = (connection.ops.quote_name(name) for name in ("key", "hits", "ends_at"))
    rows = ", ".join(["(%s, 1, %s)"] * len(distinct))
    sql = (
        f"INSERT INTO {table} ({key}, {hits}, {ends}) VALUES {rows} ON CONFLICT ({key}) DO UPDATE "
        f"SET {hits} = CASE WHEN {table}.{ends} > %s THEN {table}.{hits} + 1 ELSE 1 END, "
        f"{ends} = CASE WHEN {table}.{ends} > %s THEN {table}.{ends} ELSE excluded.{ends} END"
    )
    params: list[object] = []
    for name in distinct:
        params += [name, moment + window]
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(sql, [*params, moment, moment])
    if random.random() < 1 / SWEEP_ONE_IN:
        sweep(now=moment)


def sweep(*, now: float | None = None) -> int:
    """Delete the windows that are over (their counts read 0 already); the number deleted."""
    moment = int(time.time() if now is None else now)
    deleted, _ = WindowCount.objects.filter(ends_at__lte=moment).delete()
    return deleted
