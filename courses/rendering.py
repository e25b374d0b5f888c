"""Markdown from the database, rendered to HTML that is safe to put in a page."""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

from config.typography import keep_hyphenated

ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "br", "code", "blockquote"}


@lru_cache(maxsize=1024)
def render_markdown(text: str) -> SafeString:
    """Markdown → sanitised HTML: raw HTML typed by an author is escaped, never executed.

    Cached by text: a lesson's sections are rendered once per process, not at every page view
    (an edited text is a new key, so the cache never serves stale content).
    """
    html = markdown.markdown(text or "", extensions=[], output_format="html")
    # Marked safe because nh3 has just sanitised it: only ALLOWED_TAGS survive, without a single
    # attribute, and any other `<`, `>` or `&` comes out escaped. With no attribute left, only text
    # can hold the hyphenated words `keep_hyphenated` wraps (it keeps safe markup as it is).
    clean = mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, attributes={}, link_rel=None))
    return keep_hyphenated(clean)
