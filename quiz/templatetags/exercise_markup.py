"""Markup of a generated exercise's statement (drills, series and live sessions).

Built with `format_markup` / `format_markup_join` (`format_html` / `format_html_join` at the cost
of the standard library's `escape`, see `config.typography`), which escape each value they
interpolate, and `keep_hyphenated`, which escapes the text it is given: no string is marked safe by
hand here."""

from __future__ import annotations

import functools
from decimal import Decimal

from django import template
from django.utils.safestring import SafeString

from calculators.kpis import QUANTITIES
from calculators.numbers import format_given
from config.typography import format_markup, keep_hyphenated
from quiz.engine.generate import Exercise, Template, fill

register = template.Library()

GIVEN = '<data data-name="{}" value="{}">{}</data>'
STATEMENT = '<p class="statement">{}</p>\n<p class="ask"><strong>{}</strong> {}</p>'


@register.filter
def exercise_statement(exercise: Exercise) -> SafeString:
    """The statement, each given quantity in `<data data-name="…" value="…">` (the contract the
    tests and the browser script read), then the question and the rounding asked; all escaped.

    A filter rather than a template loop: the loop's per-piece lookups and the include were a
    third of the exercise page. The text around the numbers is marked up once per template and
    business (`_skeleton`); each page marks up only its numbers (the statement's markup was a
    tenth of the exercise page, profiled: 204 of 2 280 µs)."""
    skeleton, quantities = _skeleton(exercise.template, exercise.business)
    values = exercise.given
    statement = format_markup(
        skeleton,
        *(
            format_markup(GIVEN, name, f"{values[name]:f}", format_given(values[name], unit))
            for name, unit in quantities
        ),
    )
    return format_markup(
        STATEMENT,
        statement,
        keep_hyphenated(exercise.question),
        keep_hyphenated(exercise.rounding),
    )


@functools.lru_cache(maxsize=8192)
def _skeleton(template: Template, business: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The statement's text, escaped, with `{}` where each given quantity goes, and the
    quantities' names and units in order (a few hundred templates × 18 businesses in all).

    A format string made here from the project's own statements and business names, each piece
    escaped by `keep_hyphenated` (its braces doubled): as constant as a literal one."""
    pieces = fill(template, business, dict.fromkeys(template.names, Decimal(0)))
    text = "".join(
        keep_hyphenated(text).replace("{", "{{").replace("}", "}}") + ("{}" if given else "")
        for text, given in pieces
    )
    quantities = tuple((given.name, QUANTITIES[given.name].unit) for _, given in pieces if given)
    return text, quantities
