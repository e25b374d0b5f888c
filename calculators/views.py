"""The KPI calculators: the catalogue by family, and one page per KPI."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from calculators.forms import CalculatorForm, read_quantity
from calculators.kpis import get_kpi, kpis_by_family
from calculators.numbers import NumberParseError
from calculators.templatetags.kpi_markup import calculation_section, out_of_band_errors
from config.http import HtmxHttpRequest


@require_safe
def calculator_index(request: HtmxHttpRequest) -> HttpResponse:
    """Every KPI, grouped by family, with its one-line definition."""
    return render(request, "calculators/index.html", {"families": kpis_by_family()})


@require_safe
def calculator_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """One KPI: the form, and the result with its working (an htmx fragment while typing)."""
    kpi = get_kpi(slug)
    if kpi is None:
        raise Http404("Indicateur inconnu.")
    submitted = any(name in request.GET for name in kpi.input_names)
    live = bool(request.htmx) and not request.htmx.history_restore_request
    form = CalculatorForm(kpi, request.GET if submitted else None, quiet_missing=live)
    if live:
        defer_reading_error(form, request.headers.get("X-Typing-Field", ""))
    calculation = form.calculation()
    if live:  # the result and the fields' messages, swapped in while the student types
        response = HttpResponse(
            calculation_section(calculation, form) + out_of_band_errors(form.fields)
        )
    else:
        context = {"kpi": kpi, "form": form, "calculation": calculation}
        response = render(request, "calculators/detail.html", context)
    patch_vary_headers(response, ("HX-Request", "X-Typing-Field"))
    return response


def defer_reading_error(form: CalculatorForm, typing: str) -> None:
    """Say nothing yet of how the field being typed reads: « 10 0 » is on its way to « 10 000 ».
    The page asks again once the student pauses or leaves the field (static/js/site.js), without
    the `X-Typing-Field` header, and the message (« Nombre ambigu… ») comes then."""
    for field in form.fields:
        if field.name != typing or not field.error:
            continue
        try:
            read_quantity(field.raw, field.quantity)
        except NumberParseError:
            field.error = ""
            form.errors.pop(field.name, None)
