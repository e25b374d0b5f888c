from __future__ import annotations

from calculators.forms import NumberField
from calculators.kpis import QUANTITIES, Step
from calculators.templatetags.kpi_markup import calculator_url, out_of_band_errors, working_steps


def test_working_steps_name_the_kpi_on_the_formula_only():
    html = working_steps(
        [
            Step("preliminary", "E-mails délivrés = 1 000 − 50 = 950"),
            Step("formula", "clics ÷ e-mails ouverts × 100"),
            Step("result", "5,23 %"),
        ],
        "Taux <de> réactivité",
    )
    assert html == (
        '<li><span class="step-label">Étape préalable</span> E-mails délivrés = 1 000 − 50 = 950</li>'
        '<li><span class="step-label">Formule</span> Taux &lt;de&gt; réactivité = '
        "clics ÷ e-mails ouverts × 100</li>"
        '<li><span class="step-label">Résultat arrondi</span> = 5,23 %</li>'
    )


def test_out_of_band_errors_clear_or_set_each_message():
    fields = [
        NumberField(QUANTITIES["clicks"], "9", error="Trop <grand>"),
        NumberField(QUANTITIES["opened"], "5"),
    ]
    assert out_of_band_errors(fields) == (
        '<p class="field-error" id="error-clicks" hx-swap-oob="true">Trop &lt;grand&gt;</p>'
        '<p class="field-error" id="error-opened" hx-swap-oob="true"></p>'
    )


def test_calculator_url_is_the_detail_page():
    assert calculator_url("taux-reactivite") == "/calculateurs/taux-reactivite/"
