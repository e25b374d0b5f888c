"""HTML compression: Django's `GZipMiddleware`, and the weak comparison of `If-None-Match` it needs.

Compressing a response turns its strong ETag `"p1-2-0-0"` into a weak one (`W/"p1-2-0-0"`, RFC 9110
§8.8.1), and the browser sends that weak form back. RFC 9110 §13.1.2 says `If-None-Match` uses the
weak comparison: the views and the live poll's middleware compare the header with their strong ETag,
so the `W/` prefixes are taken off here, before any of them reads it (this middleware runs first).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.gzip import GZipMiddleware


class HtmlGZipMiddleware(GZipMiddleware):
    """Gzip what the browser accepts (Django's middleware, with its BREACH mitigation), and compare
    `If-None-Match` weakly so that a compressed poll is still answered `304 Not Modified`."""

    def process_request(self, request: HttpRequest) -> None:
        sent = request.META.get("HTTP_IF_NONE_MATCH")
        if sent:
            request.META["HTTP_IF_NONE_MATCH"] = strong_tags(sent)


def strong_tags(sent: str) -> str:
    """`If-None-Match` with its weak prefixes taken off (the weak comparison of RFC 9110 §13.1.2)."""
    if "W/" not in sent:
        return sent
    return ", ".join(tag.strip().removeprefix("W/") for tag in sent.split(","))
