"""French typography in generated markup."""

from __future__ import annotations

import re

_HYPHENATED = re.compile(r"\w+(?:-\w+)+")


def keep_hyphenated(escaped: str) -> str:
    """Escaped text whose hyphenated words (`e-mails`, `e-mailing`) stay on one line: a phone's
    narrow column otherwise ends a line with `e-` and starts the next with `mails`."""
    if "-" not in escaped:  # most pieces: no regex
        return escaped
    return _HYPHENATED.sub(r'<span class="nowrap">\g<0></span>', escaped)
