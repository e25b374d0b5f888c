"""Markdown from the database, rendered to HTML that is safe to put in a page."""

from __future__ import annotations

import markdown
import nh3

ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "br", "code", "blockquote"}


def render_markdown(text: str) -> str:
    """Markdown → sanitised HTML: raw HTML typed by an author is escaped, never executed."""
    html = markdown.markdown(text or "", extensions=[], output_format="html")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={}, link_rel=None)
