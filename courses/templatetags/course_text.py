from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from courses.rendering import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Render an author's Markdown; the HTML is sanitised by `render_markdown`."""
    return mark_safe(render_markdown(text))
