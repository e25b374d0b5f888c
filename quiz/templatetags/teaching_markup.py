"""Markup of the teacher space's figures."""

from __future__ import annotations

from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def duration_minutes(value: timedelta | None) -> str:
    """`8 min`, `1 h 05` (no-break spaces): how long a student spent on an assignment."""
    if value is None:
        return ""
    minutes = max(0, round(value.total_seconds() / 60))
    if minutes < 60:
        return f"{minutes}\u00a0min"
    return f"{minutes // 60}\u00a0h\u00a0{minutes % 60:02d}"
