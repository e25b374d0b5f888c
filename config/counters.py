"""Counts over a time window in Django's cache — the wrong PINs, the new pseudos and the wrong
passwords a client may type — seen by every process that shares the cache (Redis, or the
database table `config.settings.CACHE_TABLE`)."""

from __future__ import annotations

from django.core.cache import cache


def counts(*keys: str) -> dict[str, int]:
    """How many times each key was bumped in its window (0 once it is over), read at once: one
    query with the database's cache (a join reads three counts, and each query is a round trip)."""
    found = cache.get_many(keys)
    return {key: value if isinstance(value := found.get(key, 0), int) else 0 for key in keys}


def bump(key: str, *, window: int) -> int:
    """One more for `key`; its window of `window` seconds starts with its first bump.

    The cache's `add` is atomic (Redis, or the table's primary key); its `incr` is atomic on
    Redis and a read then a write in the table: two bumps at the same instant from two processes
    may count once, so a client that floods two workers at once gets at most one try more per
    bump that races, never a count that another client pays for."""
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, timeout=window)
        return 1
