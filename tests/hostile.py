"""What phones and curious students send to forms, and the check every answer to it must pass."""

from __future__ import annotations

SCRIPT = "<script>alert(1)</script>"
NASTY = [
    "",
    "   ",
    "x" * 100_000,
    "-1",
    "0",
    "9" * 30,  # more than a database integer holds
    "²",  # str.isdigit() says yes, int() says no
    "١٢",  # Arabic-Indic digits
    "１２",  # full-width digits
    "1e309",
    "NaN",
    "12,5 €",
    "\x00",
    "lea\x00mesurer-emailing",  # PostgreSQL refuses NUL in text, even in a lookup
    "\u202e123",
    SCRIPT,
    "'\"><img src=x onerror=alert(1)>",
]
OK = {200, 302, 304, 400, 403, 404, 405, 429}


def on_the_wire(value: str) -> str:
    """A header as a WSGI server hands it over: the UTF-8 bytes, read as Latin-1."""
    return value[:1000].encode().decode("latin-1")


def check(response) -> str:
    """A handled status (never a server error) and no markup echoed unescaped; the body."""
    assert response.status_code in OK, response.status_code
    body = response.content.decode()
    assert SCRIPT not in body and "<img src=x" not in body
    return body
