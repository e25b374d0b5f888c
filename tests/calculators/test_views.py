from __future__ import annotations

import re

import pytest
from django.urls import reverse

from calculators.kpis import KPIS

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "calculation"}


def result_of(html: str) -> tuple[str, str] | None:
    match = re.search(r'<output id="kpi-result"[^>]*data-value="([^"]*)" data-unit="([^"]*)"', html)
    return (match[1], match[2]) if match else None


def test_index_groups_kpis_by_family(client):
    response = client.get(reverse("calculators:index"))
    html = response.content.decode()
    assert response.status_code == 200
    for family in ("E-mailing", "Engagement", "Social ads", "Conversion et rentabilité"):
        assert f">{family}</h2>" in html
    for kpi in KPIS:
        assert reverse("calculators:detail", args=[kpi.slug]) in html
        assert kpi.definition.replace("’", "&#x27;") in html or kpi.definition in html


def test_unknown_kpi_is_404(client):
    assert client.get("/calculateurs/taux-inconnu/").status_code == 404


def test_empty_form_shows_no_result_and_no_error(client):
    html = client.get("/calculateurs/cpm/").content.decode()
    assert result_of(html) is None
    assert 'aria-invalid="true"' not in html
    assert "Saisissez vos données" in html


def test_full_page_computes_the_seed_cpm(client):
    response = client.get("/calculateurs/cpm/?budget=200&impressions=10000")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html
    assert result_of(html) == ("20.00", "€")
    assert "20,00\u202f€</output>" in html
    assert "budget ÷ impressions ×\u00a01\u202f000" in html
    assert "200\u202f€ ÷ 10\u202f000 ×\u00a01\u202f000" in html
    assert "en dollars" in html


def test_fragment_is_the_calculation_only(client):
    response = client.get("/calculateurs/cpm/?budget=200&impressions=10000", **HTMX)
    html = response.content.decode()
    assert "<html" not in html and "<form" not in html
    assert html.strip().startswith('<section id="calculation"')
    assert result_of(html) == ("20.00", "€")
    assert 'id="error-budget" hx-swap-oob="true"' in html
    assert "HX-Request" in response["Vary"]


def test_history_restore_gets_the_full_page(client):
    response = client.get(
        "/calculateurs/cpm/?budget=200&impressions=10000",
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("budget=200+%E2%82%AC&impressions=10+000", ("20.00", "€")),
        ("budget=200%E2%82%AC&impressions=10%C2%A0000", ("20.00", "€")),
        ("budget=0,5&impressions=1000", ("0.50", "€")),
    ],
)
def test_french_formatting_is_accepted(client, query, expected):
    assert result_of(client.get(f"/calculateurs/cpm/?{query}").content.decode()) == expected


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("budget=abc&impressions=10000", "budget", "pas un nombre"),
        ("budget=200&impressions=0", "impressions", "diviser par zéro"),
        ("budget=-5&impressions=100", "budget", "négatif"),
        ("budget=200&impressions=10,5", "impressions", "entier"),
        ("budget=12 %&impressions=100", "budget", "Unité inattendue"),
        ("budget=1.234,5&impressions=100", "budget", "ambigu"),
        ("budget=" + "9" * 39 + "&impressions=100", "budget", "trop grand"),
        ("budget=" + "9" * 500 + "&impressions=100", "budget", "trop long"),
        ("budget=<script>alert(1)</script>&impressions=100", "budget", "pas un nombre"),
    ],
)
def test_invalid_inputs_give_a_french_message_next_to_the_field(
    client, query, field, message, htmx
):
    response = client.get(f"/calculateurs/cpm/?{query}", **(HTMX if htmx else {}))
    html = response.content.decode()
    assert response.status_code == 200
    assert result_of(html) is None
    error = re.search(rf'<p class="field-error" id="error-{field}"[^>]*>([^<]*)</p>', html)
    assert error and message in error[1]
    assert "<script>alert" not in html
    if not htmx:
        assert re.search(rf'name="{field}"[^>]*\s+aria-invalid="true"', html, re.S)


def test_integrity_rule_is_refused_naming_both_fields(client):
    html = client.get("/calculateurs/taux-ouverture/?opened=900&sent=860").content.decode()
    assert result_of(html) is None
    assert "«\u00a0E-mails ouverts\u00a0»" in html and "«\u00a0E-mails envoyés\u00a0»" in html


def test_missing_field_is_an_error_without_htmx_but_quiet_while_typing(client):
    full = client.get("/calculateurs/cpc/?budget=200&clicks=").content.decode()
    assert "Ce champ est obligatoire." in full
    live = client.get("/calculateurs/cpc/?budget=200&clicks=", **HTMX).content.decode()
    assert "Ce champ est obligatoire." not in live
    assert result_of(live) is None


def test_unrelated_query_parameters_leave_the_form_unbound(client):
    html = client.get("/calculateurs/cpc/?utm_source=ent").content.decode()
    assert "Ce champ est obligatoire." not in html


@pytest.mark.parametrize("kpi", KPIS, ids=lambda kpi: kpi.slug)
def test_every_calculator_page_renders(client, kpi):
    response = client.get(reverse("calculators:detail", args=[kpi.slug]))
    assert response.status_code == 200
    assert kpi.formula_in_words in response.content.decode()


def test_calculator_is_get_only(client):
    assert client.post("/calculateurs/cpm/", {"budget": "1"}).status_code == 405


def test_calculator_uses_no_database_query(client, django_assert_num_queries):
    """The calculator is pure computation: it must stay cheap under a class's typing."""
    with django_assert_num_queries(0):
        client.get("/calculateurs/cpm/?budget=200&impressions=10000", **HTMX)
