"""CSV cells a spreadsheet cannot run (OWASP « CSV injection »).

Excel, LibreOffice and Google Sheets read a cell starting with `=`, `+`, `-` or `@` as a formula
(`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`, `@SUM(…)`), and a tab or a carriage return before one of
those as well. A pseudo or any other text a user typed is therefore written with a leading `'`,
the spreadsheets' own mark for « this is text »: `=1+2` comes out as `'=1+2`.

The rule, for every cell the app writes:
- the app's own numbers (`int`, `float`, `Decimal`) are written as they are: `-3` is a number,
  not something a user typed;
- text that is nothing but a plain number (`-3`, `12,5`, `0.25`: an optional minus, ASCII digits,
  at most one decimal comma or point) is kept as well: a spreadsheet reads it as that number and it
  cannot run anything — the app's figures it formatted itself (a decimal comma for French Excel)
  stay numbers Excel can add up;
- any other text starting with `= + - @`, a tab or a carriage return gets the leading `'`.
"""

from __future__ import annotations

import re
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?", re.ASCII)

Cell = str | int | float | Decimal | None


def safe_cell(value: Cell) -> str:
    """The cell's text, with a leading `'` if a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS) and _PLAIN_NUMBER.fullmatch(text) is None:
        return "'" + text
    return text
