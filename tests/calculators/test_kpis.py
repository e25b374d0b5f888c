from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from calculators.kpis import (
    EURO,
    FAMILIES,
    KPIS,
    KPIS_BY_SLUG,
    PERCENT,
    QUANTITIES,
    RATIO,
    kpis_by_family,
    unit_mistake_message,
)

D = Decimal

# Every slug of KPIS.md, with one known value (computed by hand).
KNOWN_VALUES = [
    ("taux-delivrabilite", {"sent": 10000, "delivered": 9700}, "97.00", PERCENT),
    ("taux-ouverture", {"opened": 2910, "sent": 10000}, "29.10", PERCENT),
    ("taux-ouverture-delivres", {"opened": 2910, "delivered": 9700}, "30.00", PERCENT),
    ("taux-clics", {"clicks": 450, "sent": 10000}, "4.50", PERCENT),
    ("taux-clics-delivres", {"clicks": 450, "delivered": 9700}, "4.64", PERCENT),
    ("taux-reactivite", {"clicks": 450, "opened": 860}, "52.33", PERCENT),
    ("taux-conversion", {"purchases": 90, "sent": 10000}, "0.90", PERCENT),
    ("taux-desabonnement", {"unsubscribes": 30, "sent": 10000}, "0.30", PERCENT),
    ("taux-desabonnement-delivres", {"unsubscribes": 30, "delivered": 9700}, "0.31", PERCENT),
    ("engagement-twitter", {"engagements": 360, "impressions": 12000}, "3.00", PERCENT),
    ("engagement-linkedin", {"engagements": 125, "impressions": 4000}, "3.13", PERCENT),
    ("engagement-facebook", {"engagements": 240, "reach": 6000}, "4.00", PERCENT),
    ("engagement-instagram", {"engagements": 1350, "followers": 25000}, "5.40", PERCENT),
    ("cpm", {"budget": 200, "impressions": 10000}, "20.00", EURO),
    ("cpc", {"budget": 200, "clicks": 100}, "2.00", EURO),
    ("ctr", {"clicks": 100, "impressions": 10000}, "1.00", PERCENT),
    ("cpe", {"budget": 200, "engagements": 40}, "5.00", EURO),
    ("budget-cpm", {"cpm": D("7.5"), "impressions": 40000}, "300.00", EURO),
    ("taux-conversion-concours", {"participants": 340, "views": 8500}, "4.00", PERCENT),
    ("roi", {"gain": 4500, "cost": 3000}, "50.00", PERCENT),
    ("roi", {"gain": 1000, "cost": 3000}, "-66.67", PERCENT),
    ("roas", {"revenue": 4500, "cost": 1200}, "3.75", RATIO),
    ("cout-acquisition", {"cost": 1500, "customers": 60}, "25.00", EURO),
    # Added with issue 15 (the lessons' worked examples).
    ("taux-hard-bounce", {"hard_bounces": 450, "sent": 20000}, "2.25", PERCENT),
    ("frequence", {"impressions": 40000, "reach": 16000}, "2.50", RATIO),
    ("cout-par-lead", {"cost": 1500, "leads": 120}, "12.50", EURO),
    ("roas-seuil", {"margin": 2400, "revenue": 6000}, "2.50", RATIO),
]

MISTAKE_CODES = {
    "forgot-x100",
    "forgot-x1000",
    "forgot-div1000",
    "inverted",
    "click-rate-instead",
    "reactivity-instead",
    "base-delivered",
    "base-sent",
    "bounce-rate",
    "base-impressions",
    "base-reach",
    "base-followers",
    "likes-only",
    "base-clicks",
    "roas-instead",
    "roi-instead",
    "wrong-unit",
    # The mistakes of the KPIs added with issue 15 (KPIS.md to be completed by its owner).
    "all-bounces",
    "soft-instead",
    "acquisition-instead",
    "cpc-instead",
    "base-cost",
    "campaign-roas",
}


def values_of(raw: dict) -> dict[str, Decimal]:
    return {name: D(value) for name, value in raw.items()}


def test_catalogue_has_every_slug_of_the_spec():
    assert {slug for slug, *_ in KNOWN_VALUES} == set(KPIS_BY_SLUG)
    assert len(KPIS) == len(KPIS_BY_SLUG) == 26


@pytest.mark.parametrize(("slug", "raw", "expected", "unit"), KNOWN_VALUES)
def test_compute_known_value(slug, raw, expected, unit):
    kpi = KPIS_BY_SLUG[slug]
    calculation = kpi.compute(values_of(raw))
    assert calculation.value_plain == expected
    assert kpi.unit == unit


@pytest.mark.parametrize(
    ("slug", "raw", "display"),
    [
        ("cpm", {"budget": 200, "impressions": 10000}, "20,00\u202f€"),
        ("cpc", {"budget": 200, "clicks": 100}, "2,00\u202f€"),
        ("cpe", {"budget": 200, "engagements": 40}, "5,00\u202f€"),
    ],
)
def test_seed_examples(slug, raw, display):
    assert KPIS_BY_SLUG[slug].compute(values_of(raw)).display == display


def test_worked_solution_format():
    calculation = KPIS_BY_SLUG["taux-reactivite"].compute({"clicks": D(450), "opened": D(860)})
    assert calculation.sentence == (
        "Taux de réactivité = clics ÷ e-mails ouverts ×\u00a0100 = 450 ÷ 860 ×\u00a0100 = 52,33\u202f%"
    )
    assert [step.kind for step in calculation.steps] == ["formula", "substitution", "result"]


def test_roi_formula_is_written_with_parentheses():
    calculation = KPIS_BY_SLUG["roi"].compute({"gain": D(4500), "cost": D(3000)})
    assert calculation.steps[0].text == "(gain − coût) ÷ coût ×\u00a0100"
    assert (
        calculation.steps[1].text
        == "(4\u202f500\u202f€ − 3\u202f000\u202f€) ÷ 3\u202f000\u202f€ ×\u00a0100"
    )


def test_rounding_is_half_up():
    calculation = KPIS_BY_SLUG["taux-reactivite"].compute({"clicks": D(1), "opened": D(8)})
    assert calculation.exact == D("12.5")
    calculation = KPIS_BY_SLUG["cpc"].compute({"budget": D("0.125"), "clicks": D(1)})
    assert calculation.value_plain == "0.13"


def test_interpretations_from_the_course():
    cpm = KPIS_BY_SLUG["cpm"].compute({"budget": D(200), "impressions": D(10000)})
    assert "dollars" in cpm.interpretation and "2,5\u202f$" in cpm.interpretation
    deliverability = KPIS_BY_SLUG["taux-delivrabilite"].compute(
        {"sent": D(1000), "delivered": D(950)}
    )
    assert "vérifier les adresses" in deliverability.interpretation
    assert (
        KPIS_BY_SLUG["roi"]
        .compute({"gain": D(10), "cost": D(20)})
        .interpretation.startswith("ROI négatif")
    )


def test_integrity_rule_names_both_fields():
    errors = KPIS_BY_SLUG["taux-ouverture"].validate({"opened": D(900), "sent": D(860)})
    assert set(errors) == {"opened"}
    assert (
        "«\u00a0E-mails ouverts\u00a0»" in errors["opened"]
        and "«\u00a0E-mails envoyés\u00a0»" in errors["opened"]
    )


def test_zero_denominator_is_a_message_not_a_crash():
    errors = KPIS_BY_SLUG["cpm"].validate({"budget": D(200), "impressions": D(0)})
    assert "diviser par zéro" in errors["impressions"]
    with pytest.raises(ValueError):
        KPIS_BY_SLUG["cpm"].compute({"budget": D(200), "impressions": D(0)})


@pytest.mark.parametrize(
    ("raw", "field", "fragment"),
    [
        ({"budget": D(-5), "clicks": D(10)}, "budget", "négatif"),
        ({"budget": D(5), "clicks": D("10.5")}, "clicks", "entier"),
        ({"budget": D("1e15"), "clicks": D(10)}, "budget", "trop grand"),
        ({"budget": D(5)}, "clicks", "obligatoire"),
    ],
)
def test_validate_bounds(raw, field, fragment):
    assert fragment in KPIS_BY_SLUG["cpc"].validate(raw)[field]


def test_families_cover_every_kpi():
    grouped = kpis_by_family()
    assert [family for family, _ in grouped] == list(FAMILIES)
    assert sum(len(kpis) for _, kpis in grouped) == len(KPIS)
    assert all(kpis for _, kpis in grouped)


def test_mistakes_use_codes_of_the_spec_and_known_quantities():
    for kpi in KPIS:
        codes = [mistake.code for mistake in kpi.mistakes]
        assert len(codes) == len(set(codes)), kpi.slug
        for mistake in kpi.mistakes:
            assert mistake.code in MISTAKE_CODES
            assert mistake.formula.names() <= set(QUANTITIES)
            assert mistake.message.endswith(".")
        if kpi.unit == PERCENT:
            assert "forgot-x100" in codes, kpi.slug


@pytest.mark.parametrize(
    ("slug", "code"),
    [
        ("taux-reactivite", "click-rate-instead"),
        ("taux-clics", "reactivity-instead"),
        ("taux-delivrabilite", "bounce-rate"),
        ("cpm", "forgot-x1000"),
        ("budget-cpm", "forgot-div1000"),
        ("roi", "roas-instead"),
        ("roas", "roi-instead"),
        ("taux-conversion", "base-clicks"),
        ("engagement-facebook", "base-impressions"),
        ("engagement-instagram", "likes-only"),
    ],
)
def test_each_mistake_gives_another_value_than_the_right_formula(slug, code):
    data = {
        "sent": D(10000),
        "delivered": D(9700),
        "opened": D(2910),
        "clicks": D(450),
        "purchases": D(90),
        "engagements": D(600),
        "likes": D(400),
        "impressions": D(30000),
        "reach": D(12000),
        "followers": D(20000),
        "budget": D(300),
        "cpm": D(6),
        "gain": D(4500),
        "cost": D(3000),
        "revenue": D(4500),
    }
    kpi = KPIS_BY_SLUG[slug]
    mistake = next(m for m in kpi.mistakes if m.code == code)
    right = kpi.compute({name: data[name] for name in kpi.input_names}).exact
    assert mistake.value(data) is not None
    assert mistake.value(data) != right


def test_mistake_on_missing_data_is_undefined_not_an_error():
    mistake = next(
        m for m in KPIS_BY_SLUG["taux-reactivite"].mistakes if m.code == "base-delivered"
    )
    assert mistake.value({"clicks": D(1), "opened": D(2)}) is None


@st.composite
def email_campaigns(draw):
    sent = draw(st.integers(1, 10**7))
    delivered = draw(st.integers(0, sent))
    opened = draw(st.integers(1, max(1, delivered))) if delivered else 0
    assume(opened > 0)
    clicks = draw(st.integers(0, opened))
    return {"sent": D(sent), "delivered": D(delivered), "opened": D(opened), "clicks": D(clicks)}


@given(email_campaigns())
def test_reactivity_is_at_least_the_click_rate(campaign):
    reactivity = KPIS_BY_SLUG["taux-reactivite"].compute(campaign)
    click_rate = KPIS_BY_SLUG["taux-clics"].compute(campaign)
    assert reactivity.exact >= click_rate.exact
    assert reactivity.value >= click_rate.value


@given(
    st.decimals(min_value=D("0.01"), max_value=D(100000), places=2),
    st.integers(1, 10**8),
    st.data(),
)
def test_cpm_is_cpc_times_ctr_times_ten(budget, impressions, data):
    clicks = data.draw(st.integers(1, impressions))
    cpm = KPIS_BY_SLUG["cpm"].compute({"budget": budget, "impressions": D(impressions)})
    cpc = KPIS_BY_SLUG["cpc"].compute({"budget": budget, "clicks": D(clicks)})
    ctr = KPIS_BY_SLUG["ctr"].compute({"clicks": D(clicks), "impressions": D(impressions)})
    assert abs(cpc.exact * ctr.exact * 10 - cpm.exact) < D("1e-20")


@given(st.sampled_from(KPIS), st.data())
def test_valid_inputs_always_compute(kpi, data):
    values = {}
    for quantity in kpi.inputs:
        upper = int(min(quantity.maximum, 10**9))
        values[quantity.name] = D(data.draw(st.integers(1, upper)))
    assume(not kpi.validate(values))
    calculation = kpi.compute(values)
    assert calculation.value.is_finite()
    assert calculation.steps[-1].text


def mistake_of(slug: str, code: str):
    return next(m for m in KPIS_BY_SLUG[slug].mistakes if m.code == code)


def test_cpm_inverted_is_impressions_over_budget_without_the_thousand():
    """W8: the inversion a student makes is 10 000 ÷ 200 = 50, not 10 000 ÷ 200 × 1 000."""
    inverted = mistake_of("cpm", "inverted")
    assert inverted.value({"budget": D(200), "impressions": D(10000)}) == D(50)
    assert "budget dépensé qu’on divise par le nombre d’impressions" in inverted.message


def test_gain_says_what_it_is_in_the_label_the_help_and_the_notes():
    """W2: « gain » is the revenue or the margin, before the cost is deducted."""
    gain = QUANTITIES["gain"]
    assert gain.label == "Gain généré (chiffre d’affaires ou marge, avant déduction du coût)"
    assert "avant déduction de son coût" in gain.help_text
    assert "chiffre d’affaires" in gain.help_text and "marge" in gain.help_text
    notes = " ".join(KPIS_BY_SLUG["roi"].notes)
    assert "avant déduction de son coût" in notes and "marge" in notes


def test_roi_without_the_cost_deducted_is_not_called_the_roas():
    """W2: with a margin as the gain, gain ÷ coût is not the ROAS: the message names the step."""
    roas_instead = mistake_of("roi", "roas-instead")
    assert "ROAS" not in roas_instead.message
    assert "sans en retirer le coût" in roas_instead.message


@pytest.mark.parametrize(
    ("slug", "answer", "message"),
    [
        (
            "taux-ouverture",
            D("0.35"),
            "0,35 est une proportion, pas un pourcentage\u00a0: il fallait multiplier par 100 "
            "(0,35 ×\u00a0100 = 35,00\u202f%).",
        ),
        (
            "roi",
            D("1.5"),
            "1,5 est un rapport, pas un pourcentage\u00a0: il fallait multiplier par 100 "
            "(1,5 ×\u00a0100 = 150,00\u202f%).",
        ),
    ],
)
def test_forgot_x100_quotes_the_students_number(slug, answer, message):
    """W6: « 0,002 est une proportion : × 100 → 0,20 % » rather than a generic « 0,35 »."""
    mistake = mistake_of(slug, "forgot-x100")
    assert mistake.message_for(answer) == message
    assert mistake.message.endswith("il fallait multiplier par 100.")  # live screens: no answer


def test_budget_from_cpm_forgotten_division_is_quoted():
    mistake = mistake_of("budget-cpm", "forgot-div1000")
    assert mistake.message_for(D(300000)).endswith(
        "(300\u202f000\u202f€ ÷\u00a01\u202f000 = 300,00\u202f€)."
    )
    assert mistake.message.endswith("mille impressions.")


def test_unit_messages_say_what_the_unit_is():
    """W7: « un montant en % » meant nothing; a ratio has no unit, euros and percent are named."""
    for expected, typed in [(RATIO, EURO), (RATIO, PERCENT), (EURO, PERCENT), (PERCENT, EURO)]:
        message = unit_mistake_message(expected, typed)
        assert "montant en %" not in message and "montant en pourcentage" not in message
        assert message.endswith(".")
    assert "en euros (€), pas en pourcentage (%)" in unit_mistake_message(EURO, PERCENT)
    assert "pas un montant en euros" in unit_mistake_message(RATIO, EURO)
