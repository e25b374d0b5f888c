from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from courses.rendering import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Render an author's Markdown; the HTML is sanitised (and marked safe) by `render_markdown`."""
    return render_markdown(text)
