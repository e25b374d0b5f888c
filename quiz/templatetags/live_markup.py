"""Markup of live sessions' numbers."""

from __future__ import annotations

from django import template

from calculators.numbers import format_number

register = template.Library()


@register.filter
def grouped(value: int | None) -> str:
    """Points as French writes them: `12 500` (narrow no-break space), not `12500`."""
    return "" if value is None else format_number(value, 0)


@register.filter
def points(value: int | None) -> str:
    """« 0 point », « 1 point », « 2 points », « 12 500 points »: French puts 0 and 1 in the
    singular."""
    count = value or 0
    return f"{format_number(count, 0)}\u00a0{'point' if count < 2 else 'points'}"
