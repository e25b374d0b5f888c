"""Markup of a generated exercise's statement (drills, series and live sessions).

Built with `format_markup` / `format_markup_join` (`format_html` / `format_html_join` at the cost
of the standard library's `escape`, see `config.typography`), which escape each value they
interpolate, and `keep_hyphenated`, which escapes the text it is given: no string is marked safe by
hand here."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from config.typography import format_markup, format_markup_join, keep_hyphenated
from quiz.engine.generate import Exercise

register = template.Library()

GIVEN = '<data data-name="{}" value="{}">{}</data>'
STATEMENT = '<p class="statement">{}</p>\n<p class="ask"><strong>{}</strong> {}</p>'


@register.filter
def exercise_statement(exercise: Exercise) -> SafeString:
    """The statement, each given quantity in `<data data-name="…" value="…">` (the contract the
    tests and the browser script read), then the question and the rounding asked; all escaped.

    A filter rather than a template loop: the loop's per-piece lookups and the include were a
    third of the exercise page."""
    return format_markup(
        STATEMENT,
        format_markup_join(
            "{}{}",
            (
                (
                    keep_hyphenated(text),
                    format_markup(GIVEN, given.name, given.machine_value, given.display)
                    if given
                    else "",
                )
                for text, given in exercise.statement
            ),
        ),
        keep_hyphenated(exercise.question),
        keep_hyphenated(exercise.rounding),
    )
