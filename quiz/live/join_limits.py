"""Guessing the PIN, limited without punishing a class.

Counters live in a table of the database (`quiz.counters`): every process and server sees the
same counts. A client is its browser's `ndrc_client` cookie, set by the join form; requests
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
from dataclasses import dataclass

from django.conf import settings

from quiz.counters import bump, counts

WINDOW_SECONDS = 60
FAILURES_PER_CLIENT = 10


def client_key(*, cookie: str | None, address: str) -> str:
    """Who is knocking: the browser's own cookie, or its address when it keeps no cookie."""
    if cookie and 16 <= len(cookie) <= 64 and cookie.isascii() and cookie.isalnum():
        return "c:" + cookie
    return "a:" + (address or "inconnu")


def _key(kind: str, client: str) -> str:
    return f"live-{kind}:" + hashlib.sha256(client.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Counts:
    """A client's counts as a join read them (one query per join)."""

    own_failures: int
    all_failures: int
    joins: int
    cookie: bool  # counted by its cookie (else by its address, which has a higher join limit)

    @property
    def guessing_allowed(self) -> bool:
        """May this client try a PIN now? Only its own wrong tries (and a site-wide attack)
        say no."""
        if self.own_failures >= FAILURES_PER_CLIENT:
            return False
        under_attack = self.all_failures >= settings.LIVE_PIN_FAILURES_PER_MINUTE
        return not (under_attack and self.own_failures > 0)

    @property
    def join_allowed(self) -> bool:
        """May this client create one more player this minute?"""
        limit = settings.LIVE_JOINS_PER_CLIENT if self.cookie else settings.LIVE_JOINS_PER_ADDRESS
        return self.joins < limit


def client_counts(*, client: str) -> Counts:
    own, everyone, joins = _key("failures", client), _key("failures", "*"), _key("joins", client)
    found = counts(own, everyone, joins)
    return Counts(found[own], found[everyone], found[joins], client.startswith("c:"))


def guess_failed(*, client: str) -> None:
    bump(_key("failures", client), _key("failures", "*"), window=WINDOW_SECONDS)


def join_counted(*, client: str) -> None:
    bump(_key("joins", client), window=WINDOW_SECONDS)
