"""The question screen every room shows (practice series, drills, homework): one template, whose
htmx response after an answer is its `exercise` partial."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from config.http import HtmxHttpRequest

QUESTION_TEMPLATE = "quiz/practice/question.html"


def render_question(request: HtmxHttpRequest, context: dict[str, Any]) -> HttpResponse:
    """The question page, or only the exercise (form + feedback) when htmx posted the answer.

    `context["withheld"]`: an assignment keeps the correction until its due date."""
    feedback = context["feedback"]
    # Resolved here: the template would look it up through a None on every unanswered page.
    context["answered"] = feedback is not None and feedback.grade.counted
    context["withheld"] = context["answered"] and context.get("withheld", False)
    context["revealed"] = context["answered"] and not context["withheld"]
    # What the student gave, for the form: looked up through a None feedback, the template
    # raised and caught two exceptions and listed dir(None) on every unanswered page.
    grade = feedback.grade if feedback is not None else None
    context["given_answer"] = getattr(grade, "answer", "")
    context["given_choices"] = getattr(grade, "chosen_ids", ())
    if request.htmx and request.method == "POST":
        return render(request, QUESTION_TEMPLATE + "#exercise", context)
    return render(request, QUESTION_TEMPLATE, context)
