"""Markup shared by the calculators and the exercises' feedback: worked solutions, calculator links."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from calculators.forms import CalculatorForm, NumberField
from calculators.kpis import Calculation, Step
from config.typography import keep_hyphenated

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
            lead = f"{keep_hyphenated(escape(kpi_name))} = "
        else:
            lead = "" if step.kind == "preliminary" else "= "
        lines.append(
            f'<li><span class="step-label">{escape(step.label)}</span> '
            f"{lead}{keep_hyphenated(escape(step.text))}</li>"
        )
    return mark_safe("".join(lines))


NO_RESULT_YET = "Saisissez vos données\u00a0: le résultat et le calcul s’affichent ici."
FIX_THE_FIELDS = "Corrigez les champs signalés pour obtenir le résultat."


@register.filter
def calculation_section(calculation: Calculation | None, form: CalculatorForm) -> SafeString:
    """`<section id="calculation">`: the result, its working and the course's interpretation once
    every input is valid, else what to do. The calculator page shows it, and the htmx fragment sent
    at every keystroke is this section and the fields' errors, built without the template engine
    (its context and lookups cost more than the calculation itself)."""
    if calculation is None:
        hint = FIX_THE_FIELDS if form.errors else NO_RESULT_YET
        body = f'<p class="muted">{hint}</p>'
    else:
        kpi = calculation.kpi
        body = (
            f'<p class="result"><output id="kpi-result" for="{escape(form.input_ids)}" '
            f'data-value="{escape(calculation.value_plain)}" data-unit="{escape(kpi.unit)}">'
            f"{escape(calculation.display)}</output></p>\n"
            f"<h3>Calcul détaillé</h3>\n"
            f'<ol class="working">{working_steps(calculation.steps, kpi.name)}</ol>'
        )
        if calculation.interpretation:
            body += f'\n<p class="interpretation">{escape(calculation.interpretation)}</p>'
    return mark_safe(
        '<section id="calculation" class="calculation" aria-labelledby="calculation-title">\n'
        f'<h2 id="calculation-title">Résultat</h2>\n{body}\n</section>'
    )


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
