"""Markup of a generated exercise's statement (drills, series and live sessions)."""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from config.typography import keep_hyphenated
from quiz.engine.generate import Exercise

register = template.Library()


@register.filter
def exercise_statement(exercise: Exercise) -> SafeString:
    """The statement, each given quantity in `<data data-name="…" value="…">` (the contract the
    tests and the browser script read), then the question and the rounding asked; all escaped.

    A filter rather than a template loop, with the standard library's `escape` (what Django's
    escaping calls, without its lazy-string wrapper): the loop's per-piece lookups and the include
    were a third of the exercise page."""
    parts = ['<p class="statement">']
    for text, given in exercise.statement:
        parts.append(keep_hyphenated(escape(text)))
        if given:
            parts.append(
                f'<data data-name="{escape(given.name)}" value="{escape(given.machine_value)}">'
                f"{escape(given.display)}</data>"
            )
    parts.append(
        f'</p>\n<p class="ask"><strong>{keep_hyphenated(escape(exercise.question))}</strong> '
        f"{keep_hyphenated(escape(exercise.rounding))}</p>"
    )
    return mark_safe("".join(parts))
