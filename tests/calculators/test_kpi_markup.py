from __future__ import annotations

from types import SimpleNamespace

from django.http import QueryDict

from calculators.forms import CalculatorForm, NumberField
from calculators.kpis import QUANTITIES, Step, get_kpi
from calculators.templatetags.kpi_markup import (
    calculation_section,
    calculator_url,
    out_of_band_errors,
    working_steps,
)


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
        '<li><span class="step-label">Étape préalable</span> <span class="nowrap">E-mails</span>'
        " délivrés = 1 000 − 50 = 950</li>"
        '<li><span class="step-label">Formule</span> Taux &lt;de&gt; réactivité = '
        'clics ÷ <span class="nowrap">e-mails</span> ouverts × 100</li>'
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


def test_calculation_section_shows_result_working_and_interpretation():
    form = CalculatorForm(get_kpi("taux-reactivite"), QueryDict("clicks=450&opened=860"))
    html = calculation_section(form.calculation(), form)
    assert html.startswith('<section id="calculation" class="calculation"')
    assert (
        '<output id="kpi-result" for="id_clicks id_opened" data-value="52.33" data-unit="%">'
        "52,33\u202f%</output>"
    ) in html
    assert '<span class="step-label">Avec vos données</span> = 450 ÷ 860 ×\u00a0100' in html
    assert "interpretation" not in html  # the course gives no benchmark for this one
    assert html.endswith("</section>")
    cpc = CalculatorForm(get_kpi("cpc"), QueryDict("budget=50&clicks=100"))
    assert '<p class="interpretation">Repère du cours' in calculation_section(
        cpc.calculation(), cpc
    )


def test_calculation_section_without_result_says_what_to_do():
    kpi = get_kpi("taux-reactivite")
    empty = CalculatorForm(kpi, None)
    assert "Saisissez vos données\u00a0:" in calculation_section(None, empty)
    wrong = CalculatorForm(kpi, QueryDict("clicks=<b>&opened=860"))
    html = calculation_section(wrong.calculation(), wrong)
    assert "Corrigez les champs signalés" in html
    assert "<b>" not in html and "kpi-result" not in html


SCRIPT = "<script>alert('x')</script>"
SCRIPT_ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"


def test_working_steps_escape_a_step_label_a_step_text_and_the_kpi_name():
    steps = [
        SimpleNamespace(kind="formula", label=SCRIPT, text=f"a-b {SCRIPT}"),
        SimpleNamespace(kind="result", label='"><img src=x onerror=alert(1)>', text="1"),
    ]
    html = working_steps(steps, f"KPI {SCRIPT}")
    assert "<script" not in html and "<img" not in html
    assert html.startswith(f'<li><span class="step-label">{SCRIPT_ESCAPED}</span> ')
    assert f"KPI {SCRIPT_ESCAPED} = " in html
    assert f'<span class="nowrap">a-b</span> {SCRIPT_ESCAPED}</li>' in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</span> = 1</li>" in html


def test_out_of_band_errors_escape_the_field_name_and_message():
    fields = [SimpleNamespace(name='x" onclick="alert(1)', error=SCRIPT)]
    assert out_of_band_errors(fields) == (
        '<p class="field-error" id="error-x&quot; onclick=&quot;alert(1)" hx-swap-oob="true">'
        f"{SCRIPT_ESCAPED}</p>"
    )


def test_calculation_section_escapes_every_value():
    kpi = SimpleNamespace(name=f"Nom {SCRIPT}", unit='€"><b>')
    calculation = SimpleNamespace(
        kpi=kpi,
        value_plain='1"><b>',
        display=SCRIPT,
        steps=[SimpleNamespace(kind="result", label="Résultat", text=SCRIPT)],
        interpretation=f"Repère {SCRIPT}",
    )
    form = SimpleNamespace(input_ids='id_a"><b>', errors={})
    html = calculation_section(calculation, form)
    assert "<script" not in html and "<b>" not in html
    assert (
        '<output id="kpi-result" for="id_a&quot;&gt;&lt;b&gt;" data-value="1&quot;&gt;&lt;b&gt;"'
        f' data-unit="€&quot;&gt;&lt;b&gt;">{SCRIPT_ESCAPED}</output>'
    ) in html
    assert f'<p class="interpretation">Repère {SCRIPT_ESCAPED}</p>' in html


def test_calculation_section_keeps_the_data_value_contract():
    form = CalculatorForm(get_kpi("cpc"), QueryDict("budget=50&clicks=100"))
    html = calculation_section(form.calculation(), form)
    assert '<output id="kpi-result" for="id_budget id_clicks" data-value="0.50" data-unit="€">' in (
        html
    )
    assert '<ol class="working"><li><span class="step-label">Formule</span> ' in html
