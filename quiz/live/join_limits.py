"""Guessing the PIN, limited without punishing a class.

Counters live in Django's cache (Redis when several servers share the load): every process sees
the same counts. A client is its browser's `ndrc_client` cookie, set by the join form; requests
without it (scripts, not phones) are counted per network address instead — never a whole school
behind one address, whose phones all carry their own cookie.

- Each client may type 10 wrong PINs (or rejoin codes) a minute; beyond, that client waits a minute.
  Nobody else is refused: the right PIN typed by another phone always gets in.
- Over the whole PIN space, more than LIVE_PIN_FAILURES_PER_MINUTE wrong PINs a minute (someone
  trying many clients) makes every client that has already typed a wrong one wait: a student who
  types the right PIN first time is never refused.
- A browser may create LIVE_JOINS_PER_CLIENT players a minute (a student who mistyped their pseudo
  can start again; a script cannot fill a session); an address without cookies,
  LIVE_JOINS_PER_ADDRESS.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 60
FAILURES_PER_CLIENT = 10


def client_key(*, cookie: str | None, address: str) -> str:
    """Who is knocking: the browser's own cookie, or its address when it keeps no cookie."""
    if cookie and 16 <= len(cookie) <= 64 and cookie.isascii() and cookie.isalnum():
        return "c:" + cookie
    return "a:" + (address or "inconnu")


def _key(kind: str, client: str) -> str:
    return f"live-{kind}:" + hashlib.sha256(client.encode()).hexdigest()[:32]


def _count(key: str) -> int:
    value = cache.get(key, 0)
    return value if isinstance(value, int) else 0


def _bump(key: str) -> int:
    if cache.add(key, 1, timeout=WINDOW_SECONDS):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        return 1


def guessing_allowed(*, client: str) -> bool:
    """May this client try a PIN now? Only its own wrong tries (and a site-wide attack) say no."""
    own = _count(_key("failures", client))
    if own >= FAILURES_PER_CLIENT:
        return False
    under_attack = _count(_key("failures", "*")) >= settings.LIVE_PIN_FAILURES_PER_MINUTE
    return not (under_attack and own > 0)


def guess_failed(*, client: str) -> None:
    _bump(_key("failures", client))
    _bump(_key("failures", "*"))


def join_allowed(*, client: str) -> bool:
    limit = (
        settings.LIVE_JOINS_PER_CLIENT
        if client.startswith("c:")
        else settings.LIVE_JOINS_PER_ADDRESS
    )
    return _count(_key("joins", client)) < limit


def join_counted(*, client: str) -> None:
    _bump(_key("joins", client))
