"""Markup shared by the calculators and the exercises' feedback: worked solutions, calculator links."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from calculators.forms import NumberField
from calculators.kpis import Step

register = template.Library()


@register.filter
def working_steps(steps: Iterable[Step], kpi_name: str) -> SafeString:
    """The `<li>` lines of `<ol class="working">`: `Formule  Taux de réactivité = …`, `= …`, and a
    preliminary step's text alone; every piece escaped.

    A filter rather than a template loop, with the standard library's `escape` (what Django's
    escaping calls, without its lazy-string wrapper): the loop's per-step lookups cost more than
    the rest of the calculator's htmx fragment."""
    lines = []
    for step in steps:
        if step.kind == "formula":
            lead = f"{escape(kpi_name)} = "
        else:
            lead = "" if step.kind == "preliminary" else "= "
        lines.append(
            f'<li><span class="step-label">{escape(step.label)}</span> {lead}{escape(step.text)}</li>'
        )
    return mark_safe("".join(lines))


@register.filter
@lru_cache(maxsize=256)
def calculator_url(kpi_slug: str) -> str:
    """`/calculateurs/<slug>/`, reversed once per KPI and process (`{% url %}` reverses at every
    render, which cost as much as the rest of an answer's feedback)."""
    return reverse("calculators:detail", args=[kpi_slug])


@register.filter
def out_of_band_errors(fields: Iterable[NumberField]) -> SafeString:
    """Every field's error paragraph for the htmx fragment, swapped in place by `hx-swap-oob` (an
    empty one clears the message): a filter for the same reason as `working_steps`."""
    return mark_safe(
        "".join(
            f'<p class="field-error" id="error-{escape(field.name)}" hx-swap-oob="true">'
            f"{escape(field.error)}</p>"
            for field in fields
        )
    )
