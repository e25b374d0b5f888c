"""The KPI calculators: the catalogue by family, and one page per KPI."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from calculators.forms import CalculatorForm
from calculators.kpis import get_kpi, kpis_by_family
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
    calculation = form.calculation()
    if live:  # the result and the fields' messages, swapped in while the student types
        response = HttpResponse(
            calculation_section(calculation, form) + out_of_band_errors(form.fields)
        )
    else:
        context = {"kpi": kpi, "form": form, "calculation": calculation}
        response = render(request, "calculators/detail.html", context)
    patch_vary_headers(response, ("HX-Request",))
    return response
