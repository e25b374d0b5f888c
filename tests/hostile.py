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


# What broken clients and scanners send to the server itself (tests/test_reliability_hostile.py).
MALFORMED_MULTIPART = [
    ("multipart/form-data", b"answer=1"),  # no boundary at all
    ("multipart/form-data; boundary=", b"--\r\n"),
    ("multipart/form-data; boundary=x", b""),
    ("multipart/form-data; boundary=x", b"--x\r\nfoo"),  # no headers, no end
    ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data\r\n\r\n1\r\n--x--"),
    (
        "multipart/form-data; boundary=x",
        b'--x\r\nContent-Disposition: form-data; name="a' + b"\xff" * 50,
    ),
    ("multipart/form-data; boundary=" + "x" * 300, b"--" + b"x" * 300 + b"\r\n"),
    ("multipart/mixed; boundary=x", b"--x--"),
]
BAD_PERCENT = ["%ff", "%", "%zz", "%c3%28", "%e2%82", "%00", "%%", "%ff%fe%fd"]
REPEATED_PARAMETERS = "&".join(["answer=1"] * 10_000)
BAD_IF_NONE_MATCH = ['"', "W/", '*, "x"', "\x00", "x" * 10_000, '"a", , ,"b"', "W/W/W/"]
RANGES = ["bytes=0-0", "bytes=-1", "bytes=9999999999-", "bytes=5-1", "bytes=a-b", "lines=1-2"]
WRONG_METHODS = ["PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "FOO"]
