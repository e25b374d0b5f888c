"""Who is practising: the account when signed in, else this browser's anonymous owner id.

The anonymous id is random and kept in the session (a signed cookie: `config.sessions`), so it
stays the same however often the cookie is re-signed; a browser whose session predates that engine
keeps its database key as its id, so that its practice follows it."""

from __future__ import annotations

import secrets
from datetime import date

from django.http import HttpRequest

from config.sessions import database_key

OWNER = "owner"
SEEN = "seen"  # the last day this browser practised


def owner_for(request: HttpRequest) -> str:
    """The owner of attempts; an anonymous browser gets its id when it first needs one (the
    session middleware then sends the cookie). Practising renews the session, once a day."""
    _renew(request)
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    key = _anonymous_key(request)
    if key is None:
        key = request.session[OWNER] = secrets.token_hex(16)
    return f"session:{key}"


def _renew(request: HttpRequest) -> None:
    """A changed session is sent again with a new expiry (SESSION_COOKIE_AGE from now): marking
    the day is enough, and costs a signed-in user one session write a day, not one per request."""
    today = date.today().isoformat()
    if request.session.get(SEEN) != today:
        request.session[SEEN] = today


def known_owner(request: HttpRequest) -> str | None:
    """The owner if this browser already has one (nothing is created to ask)."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    key = _anonymous_key(request)
    return None if key is None else f"session:{key}"


def _anonymous_key(request: HttpRequest) -> str | None:
    session = request.session
    key = session.get(OWNER)
    if key is None and database_key(session.session_key) and session.get("practice"):
        key = session.session_key  # a database session of before the signed cookies
    return key
