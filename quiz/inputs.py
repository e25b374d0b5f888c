"""What a form sends: the typed answer, ticked options, a position, a quiz's id."""

from __future__ import annotations

from django.http import HttpRequest


def small_int(value: str, max_digits: int = 9) -> int | None:
    """A non-negative integer written in ASCII digits, at most `max_digits` of them; else None.

    `str.isdigit()` alone accepts `²` (which `int()` refuses: a server error) and `١٢`."""
    if 0 < len(value) <= max_digits and value.isascii() and value.isdigit():
        return int(value)
    return None


def chosen_ids(request: HttpRequest) -> list[int]:
    """The options ticked in a concept question's form (at most 20 read)."""
    return [
        n for value in request.POST.getlist("choice")[:20] if (n := small_int(value)) is not None
    ]


def answer_text(request: HttpRequest) -> str:
    """The answer as typed, without NUL characters (never meant, and PostgreSQL refuses to store
    them: a concept question stores the text beside the ticked options)."""
    return request.POST.get("answer", "").replace("\x00", "")
