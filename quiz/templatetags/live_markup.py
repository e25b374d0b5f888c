"""Markup of live sessions' numbers."""

from __future__ import annotations

from django import template

from calculators.numbers import format_number

register = template.Library()


@register.filter
def grouped(value: int | None) -> str:
    """Points as French writes them: `12 500` (narrow no-break space), not `12500`."""
    return "" if value is None else format_number(value, 0)
