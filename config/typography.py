"""Markup built in Python for the hot paths, escaped by construction, and its French typography.

`format_markup` and `format_markup_join` are `django.utils.html.format_html` and
`format_html_join` without their cost: the same `conditional_escape` rule (a value marked safe is
kept, anything else is turned to text and escaped) but the standard library's `escape` in place of
Django's lazy-string wrappers, which made a worked solution three times slower to build (the
calculator's htmx fragment and the exercise page build their markup here for speed: see
`calculators.templatetags.kpi_markup`). This module is the one place that marks a string safe by
hand (with nh3's output in `courses.rendering`): see `_safe`."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from html import escape
from typing import Any

from django.utils.safestring import SafeString

# Possessive: a word is never re-scanned from each of its letters (15 → 7 µs on a statement's sentence).
_HYPHENATED = re.compile(r"\b\w++(?:-\w++)+")
_NOWRAP = r'<span class="nowrap">\g<0></span>'


def _escaped(value: Any) -> str:
    """`conditional_escape` without its lazy-string wrapper (the two common cases first)."""
    kind = type(value)
    if kind is str:
        return escape(value)
    if kind is SafeString:
        return value
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def _safe(markup: str) -> SafeString:
    # Why this is safe: every caller below passes markup made only of its own constant format
    # string (written in this project's code, never from data) and values that went through
    # `_escaped`, or text `keep_hyphenated` escaped itself. Nothing else may call it.
    return SafeString(markup)


def format_markup(format_string: str, *args: Any) -> SafeString:
    """`format_html(format_string, *args)`: each argument escaped unless already marked safe."""
    return _safe(format_string.format(*map(_escaped, args)))


def format_markup_join(format_string: str, rows: Iterable[Iterable[Any]]) -> SafeString:
    """`format_html_join("", format_string, rows)`: one `format_markup` per row, concatenated."""
    return _safe("".join([format_string.format(*map(_escaped, row)) for row in rows]))


def keep_hyphenated(text: str) -> SafeString:
    """`text` escaped, its hyphenated words (`e-mails`, `e-mailing`) kept on one line: a phone's
    narrow column otherwise ends a line with `e-` and starts the next with `mails`.

    Plain text is escaped here, so a caller cannot forget to; markup already marked safe (the
    sanitised Markdown of `courses.rendering`) is kept as it is, like `conditional_escape` does."""
    if type(text) is str:
        return _plain_hyphenated(text) if len(text) <= CACHED_LENGTH else _hyphenated(escape(text))
    return _hyphenated(_escaped(text))


CACHED_LENGTH = 1000  # the cache holds at most 4 096 × 1 000 characters


@functools.lru_cache(maxsize=4096)
def _plain_hyphenated(text: str) -> SafeString:
    """Plain text's markup, remembered: the pieces of a generated statement are its template's
    literal text with a business name, the question and the rounding asked — a few thousand
    strings in all, each marked up once per process instead of once per page (the statement's
    markup took a third of the exercise page's content block in a profile)."""
    return _hyphenated(escape(text))


def _hyphenated(escaped: str) -> SafeString:
    if "-" in escaped:  # most pieces: no regex
        # Safe: the substitution only wraps runs of word characters and hyphens in a constant tag
        # (escaping leaves no `<`, `>`, `&` or quote inside such a run, and an entity ends with
        # `;`, which a run cannot contain).
        escaped = _HYPHENATED.sub(_NOWRAP, escaped)
    return _safe(escaped)
