"""Who is practising: the account when signed in, else this browser's session."""

from __future__ import annotations

from django.http import HttpRequest


def owner_for(request: HttpRequest) -> str:
    """The owner of attempts; an anonymous browser gets its session when it first needs one."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    if request.session.session_key is None:
        request.session["practice"] = True
        request.session.save()
    return f"session:{request.session.session_key}"


def known_owner(request: HttpRequest) -> str | None:
    """The owner if this browser already has one (no session is created to ask)."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    if request.session.session_key is None:
        return None
    return f"session:{request.session.session_key}"
