"""The KPIs added with issue 15 (frequency, cost per lead, break-even ROAS, hard-bounce rate):
their formulas on the lessons' worked examples, their integrity rules, their notes, and their
calculator pages (every visitor, the htmx fragment, hostile values)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client

from calculators.kpis import EURO, KPIS_BY_SLUG, MISTAKE_SUMMARIES, PERCENT, QUANTITIES, RATIO
from courses.models import Lesson
from tests.factories import TeacherFactory, UserFactory
from tests.hostile import NASTY, check

D = Decimal
ADDED = ("taux-hard-bounce", "frequence", "cout-par-lead", "roas-seuil")
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "calculation"}
# A plain space before : ; ! ? % € or inside « » (French typography wants a no-break one).
PLAIN_SPACE = re.compile(r" [:;!?%€»]|« ")


def compute(slug: str, **values: int | str):
    return KPIS_BY_SLUG[slug].compute({name: D(str(value)) for name, value in values.items()})


@pytest.mark.parametrize(
    ("slug", "values", "sentence"),
    [
        (
            "frequence",
            {"impressions": 40000, "reach": 16000},
            "Fréquence = impressions ÷ portée = 40\u202f000 ÷ 16\u202f000 = 2,50",
        ),
        (
            "cout-par-lead",
            {"cost": 1500, "leads": 120},
            "Coût par lead (CPL) = coût ÷ leads = 1\u202f500\u202f€ ÷ 120 = 12,50\u202f€",
        ),
        (
            "roas-seuil",
            {"margin": 2400, "revenue": 6000},
            "ROAS seuil (ROAS de rentabilité) = 1 ÷ (marge ÷ chiffre d’affaires) = "
            "1 ÷ (2\u202f400\u202f€ ÷ 6\u202f000\u202f€) = 2,50",
        ),
        (
            "taux-hard-bounce",
            {"hard_bounces": 450, "sent": 20000},
            "Taux de hard bounces = hard bounces ÷ e-mails envoyés ×\u00a0100 = "
            "450 ÷ 20\u202f000 ×\u00a0100 = 2,25\u202f%",
        ),
    ],
)
def test_worked_solution_of_the_lessons_examples(slug, values, sentence):
    assert compute(slug, **values).sentence == sentence


def test_units_and_families():
    units = {slug: KPIS_BY_SLUG[slug].unit for slug in ADDED}
    assert units == {
        "taux-hard-bounce": PERCENT,
        "frequence": RATIO,
        "cout-par-lead": EURO,
        "roas-seuil": RATIO,
    }
    families = {slug: KPIS_BY_SLUG[slug].family.slug for slug in ADDED}
    assert families == {
        "taux-hard-bounce": "e-mailing",
        "frequence": "social-ads",
        "cout-par-lead": "conversion",
        "roas-seuil": "conversion",
    }


def test_break_even_roas_is_the_inverse_of_the_margin_rate():
    # 40 % of margin → 2,5 (the lesson); 25 % → 4; 50 % → 2.
    for rate, expected in (("40", "2.50"), ("25", "4.00"), ("50", "2.00"), ("35", "2.86")):
        calculation = compute("roas-seuil", margin=rate, revenue=100)
        assert calculation.value_plain == expected


def test_hard_bounce_rate_shares_the_base_of_the_deliverability():
    hard = compute("taux-hard-bounce", hard_bounces=450, sent=20000)
    delivered = compute("taux-delivrabilite", sent=20000, delivered=19400)
    # Both on the e-mails sent: the bounce rate (3 %) is 100 % − deliverability, and the hard
    # bounces are a part of it.
    assert hard.kpi.input_names[1] == delivered.kpi.input_names[1] == "sent"
    assert hard.value < 100 - delivered.value


@pytest.mark.parametrize(
    ("slug", "values", "field", "fragment"),
    [
        ("frequence", {"impressions": 1000, "reach": 1500}, "reach", "ne peut pas dépasser"),
        ("frequence", {"impressions": 1000, "reach": 0}, "reach", "diviser par zéro"),
        ("taux-hard-bounce", {"hard_bounces": 30, "sent": 20}, "hard_bounces", "dépasser"),
        ("taux-hard-bounce", {"hard_bounces": "1.5", "sent": 20}, "hard_bounces", "entier"),
        ("roas-seuil", {"margin": 7000, "revenue": 6000}, "margin", "ne peut pas dépasser"),
        ("roas-seuil", {"margin": 0, "revenue": 6000}, "margin", "diviser par zéro"),
        ("cout-par-lead", {"cost": 1500, "leads": 0}, "leads", "diviser par zéro"),
        ("cout-par-lead", {"cost": -1, "leads": 10}, "cost", "négatif"),
    ],
)
def test_integrity_rules(slug, values, field, fragment):
    errors = KPIS_BY_SLUG[slug].validate({name: D(str(v)) for name, v in values.items()})
    assert fragment in errors[field]
    assert not PLAIN_SPACE.search(errors[field])


def test_rule_messages_name_both_fields():
    errors = KPIS_BY_SLUG["frequence"].validate({"impressions": D(10), "reach": D(20)})
    assert "«\u00a0Portée (reach)\u00a0»" in errors["reach"]
    assert "«\u00a0Impressions\u00a0»" in errors["reach"]


@pytest.mark.parametrize("slug", ADDED)
def test_texts_follow_french_typography(slug):
    kpi = KPIS_BY_SLUG[slug]
    texts = [kpi.name, kpi.definition, *kpi.notes]
    texts += [mistake.message for mistake in kpi.mistakes]
    texts += [MISTAKE_SUMMARIES[mistake.code] for mistake in kpi.mistakes]
    texts += [field for q in kpi.inputs for field in (q.label, q.help_text)]
    for text in texts:
        assert not PLAIN_SPACE.search(text), text


def test_notes_say_the_conventions():
    roas = " ".join(KPIS_BY_SLUG["roas-seuil"].notes)
    assert "marge rapportée au chiffre d’affaires" in roas and "taux de marque" in roas
    bounces = " ".join(KPIS_BY_SLUG["taux-hard-bounce"].notes)
    assert "e-mails envoyés" in bounces and "rejet définitif" in bounces
    frequency = " ".join(KPIS_BY_SLUG["frequence"].notes)
    assert "couverture" in frequency and "supérieure ou égale à 1" in frequency
    assert "pas encore client" in " ".join(KPIS_BY_SLUG["cout-par-lead"].notes)


def test_interpretations():
    assert "2,50 fois" in compute("frequence", impressions=40000, reach=16000).interpretation
    assert "une fois" in compute("frequence", impressions=500, reach=500).interpretation
    note = compute("roas-seuil", margin=2400, revenue=6000).interpretation
    assert "dépasse 2,50" in note and "2,50\u202f€" in note
    assert (
        "450 adresses n’existent"
        in compute("taux-hard-bounce", hard_bounces=450, sent=20000).interpretation
    )
    assert (
        "1 adresse n’existe pas"
        in compute("taux-hard-bounce", hard_bounces=1, sent=20000).interpretation
    )
    assert "Aucun rejet" in compute("taux-hard-bounce", hard_bounces=0, sent=100).interpretation


@pytest.mark.parametrize(
    ("slug", "code", "data", "value"),
    [
        ("frequence", "inverted", {"impressions": 40000, "reach": 16000}, "0.4"),
        ("frequence", "base-followers", {"impressions": 40000, "followers": 8000}, "5"),
        ("cout-par-lead", "inverted", {"cost": 1500, "leads": 120}, "0.08"),
        ("cout-par-lead", "acquisition-instead", {"cost": 1500, "customers": 30}, "50"),
        ("cout-par-lead", "cpc-instead", {"cost": 1500, "clicks": 3000}, "0.5"),
        ("roas-seuil", "inverted", {"margin": 2400, "revenue": 6000}, "0.4"),
        ("roas-seuil", "base-cost", {"margin": 2400, "revenue": 6000}, "1.5"),
        ("roas-seuil", "campaign-roas", {"revenue": 6000, "cost": 1500}, "4"),
        (
            "taux-hard-bounce",
            "all-bounces",
            {"hard_bounces": 450, "soft_bounces": 150, "sent": 20000},
            "3",
        ),
        ("taux-hard-bounce", "soft-instead", {"soft_bounces": 150, "sent": 20000}, "0.75"),
        (
            "taux-hard-bounce",
            "base-delivered",
            {"hard_bounces": 450, "delivered": 19400},
            "2.319587628865979381443298969",
        ),
    ],
)
def test_mistake_values_on_the_lessons_examples(slug, code, data, value):
    mistake = next(m for m in KPIS_BY_SLUG[slug].mistakes if m.code == code)
    computed = mistake.value({name: D(v) for name, v in data.items()})
    assert computed is not None
    assert abs(computed - D(value)) < D("0.0001")


def test_margin_rate_given_for_the_threshold_is_told_with_the_students_number():
    mistake = next(m for m in KPIS_BY_SLUG["roas-seuil"].mistakes if m.code == "inverted")
    assert mistake.message_for(D("0.4")) == (
        "0,4 est le taux de marge (marge ÷ chiffre d’affaires)\u00a0: le ROAS seuil est son "
        "inverse\u00a0: 1 ÷ 0,4 = 2,50."
    )


def test_new_quantities_are_counts_or_amounts():
    assert QUANTITIES["margin"].unit == QUANTITIES["goods_cost"].unit == EURO
    for name in ("hard_bounces", "soft_bounces", "leads", "facebook_impressions"):
        assert QUANTITIES[name].integer and QUANTITIES[name].unit == ""


# --------------------------------------------------------------------------------------------------
# The calculator pages: one per KPI, automatic.
# --------------------------------------------------------------------------------------------------

PAGES = {
    "frequence": ("impressions=40000&reach=16000", "2.50", ""),
    "cout-par-lead": ("cost=1500&leads=120", "12.50", "€"),
    "roas-seuil": ("margin=2400&revenue=6000", "2.50", ""),
    "taux-hard-bounce": ("hard_bounces=450&sent=20000", "2.25", "%"),
}


def result_of(html: str) -> tuple[str, str] | None:
    match = re.search(r'<output id="kpi-result"[^>]*data-value="([^"]*)" data-unit="([^"]*)"', html)
    return (match[1], match[2]) if match else None


def visitor(role: str) -> Client:
    client = Client()
    if role == "student":
        client.force_login(UserFactory())
    elif role == "teacher":
        client.force_login(TeacherFactory())
    elif role == "superuser":
        client.force_login(TeacherFactory(superuser=True))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "student", "teacher", "superuser"])
@pytest.mark.parametrize("slug", ADDED)
def test_every_visitor_computes_on_the_calculator_page(role, slug):
    """The calculators are public: every visitor gets the same page, nobody a 403 or a 500."""
    query, value, unit = PAGES[slug]
    response = visitor(role).get(f"/calculateurs/{slug}/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert result_of(html) == (value, unit)


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ADDED)
def test_fragment_while_typing(client, slug):
    query, value, unit = PAGES[slug]
    response = client.get(f"/calculateurs/{slug}/?{query}", **HTMX)
    html = response.content.decode()
    assert "<html" not in html and html.strip().startswith('<section id="calculation"')
    assert result_of(html) == (value, unit)


@pytest.mark.django_db
def test_calculator_page_shows_an_integrity_message(client):
    html = client.get("/calculateurs/frequence/?impressions=1000&reach=2000").content.decode()
    assert result_of(html) is None
    assert "ne peut pas dépasser" in html


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ADDED)
def test_hostile_values_never_break_the_calculator(client, slug):
    for field in KPIS_BY_SLUG[slug].input_names:
        for value in NASTY:
            check(client.get(f"/calculateurs/{slug}/", {field: value}))
            check(client.get(f"/calculateurs/{slug}/", {field: value}, **HTMX))


@pytest.mark.django_db
def test_lessons_teach_the_new_kpis_with_an_example_each(course):
    expected = {
        "rentabilite-campagne": {"cout-par-lead": "12.50", "roas-seuil": "2.50"},
        "hard-soft-bounces": {"taux-hard-bounce": "2.25"},
        "frequence-ctr": {"frequence": "2.50"},
    }
    for slug, values in expected.items():
        lesson = Lesson.objects.get(slug=slug)
        for kpi_slug, value in values.items():
            assert kpi_slug in lesson.kpi_slugs
            (entry,) = [e for e in lesson.example_calculations if e["kpi"] == kpi_slug]
            assert compute(kpi_slug, **entry["values"]).value_plain == value
