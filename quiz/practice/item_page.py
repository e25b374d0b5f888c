"""The page of one item of a series, numbered in it: a practice series and a homework show the
same question screen, posting to itself; they differ by where it leads next (and a homework may
keep its correction until the due date)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse

from config.http import HtmxHttpRequest
from quiz.grading import Feedback
from quiz.models import AttemptItem
from quiz.practice import series
from quiz.question_screen import render_question


def render_item(
    request: HtmxHttpRequest,
    items: list[AttemptItem],
    position: int,
    feedback: Feedback | None,
    **context: Any,
) -> HttpResponse:
    """Item `position` (from 1) of `items`, its form posting to this page; `context`: the room's
    own links (the next question or the end) and what its screen adds."""
    return render_question(
        request,
        series.item_screen(item=items[position - 1], feedback=feedback)
        | {"action": request.path, "position": position, "count": len(items), **context},
    )
