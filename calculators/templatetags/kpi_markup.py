"""Markup shared by the calculators and the exercises' feedback: worked solutions, calculator links.

Every piece of markup is built with `format_markup` / `format_markup_join` (`format_html` /
`format_html_join` at the cost of the standard library's `escape`, see `config.typography`), which
escape each value they interpolate: no string is marked safe by hand here."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from calculators.forms import CalculatorForm, NumberField
from calculators.kpis import Calculation, Step
from config.typography import format_markup, format_markup_join, keep_hyphenated

register = template.Library()

STEP = '<li><span class="step-label">{}</span> {}{}</li>'


@lru_cache(maxsize=256, typed=True)  # typed: a name marked safe is not the same key as text
def formula_lead(kpi_name: str) -> SafeString:
    """`Taux de réactivité = `, once per KPI and process."""
    return format_markup("{} = ", keep_hyphenated(kpi_name))


@register.filter
def working_steps(steps: Iterable[Step], kpi_name: str) -> SafeString:
    """The `<li>` lines of `<ol class="working">`: `Formule  Taux de réactivité = …`, `= …`, and a
    preliminary step's text alone; every piece escaped.

    A filter rather than a template loop: the loop's per-step lookups cost more than the rest of
    the calculator's htmx fragment."""
    return format_markup_join(
        STEP,
        (
            (
                step.label,
                formula_lead(kpi_name)
                if step.kind == "formula"
                else ""
                if step.kind == "preliminary"
                else "= ",
                keep_hyphenated(step.text),
            )
            for step in steps
        ),
    )


NO_RESULT_YET = "Saisissez vos données\u00a0: le résultat et le calcul s’affichent ici."
FIX_THE_FIELDS = "Corrigez les champs signalés pour obtenir le résultat."
SECTION = (
    '<section id="calculation" class="calculation" aria-labelledby="calculation-title">\n'
    '<h2 id="calculation-title">Résultat</h2>\n{}\n</section>'
)
RESULT = (
    '<p class="result"><output id="kpi-result" for="{}" data-value="{}" data-unit="{}">'
    "{}</output></p>\n"
    "<h3>Calcul détaillé</h3>\n"
    '<ol class="working">{}</ol>{}'
)
INTERPRETATION = '\n<p class="interpretation">{}</p>'
# The two sections without a result never change: built once per process.
HINT_SECTIONS = {
    has_errors: format_html(SECTION, format_html('<p class="muted">{}</p>', hint))
    for has_errors, hint in ((True, FIX_THE_FIELDS), (False, NO_RESULT_YET))
}


@register.filter
def calculation_section(calculation: Calculation | None, form: CalculatorForm) -> SafeString:
    """`<section id="calculation">`: the result, its working and the course's interpretation once
    every input is valid, else what to do. The calculator page shows it, and the htmx fragment sent
    at every keystroke is this section and the fields' errors, built without the template engine
    (its context and lookups cost more than the calculation itself)."""
    if calculation is None:
        return HINT_SECTIONS[bool(form.errors)]
    kpi = calculation.kpi
    interpretation = calculation.interpretation
    return format_markup(
        SECTION,
        format_markup(
            RESULT,
            form.input_ids,
            calculation.value_plain,
            kpi.unit,
            calculation.display,
            working_steps(calculation.steps, kpi.name),
            format_markup(INTERPRETATION, interpretation) if interpretation else "",
        ),
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
    return format_markup_join(
        '<p class="field-error" id="error-{}" hx-swap-oob="true">{}</p>',
        ((field.name, field.error) for field in fields),
    )
