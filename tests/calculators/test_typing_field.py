"""While a number is being typed (`X-Typing-Field`, sent by static/js/site.js), how it reads is not
judged yet: « 10 0 » is on its way to « 10 000 ». At a pause or when the field is left, it is."""

from __future__ import annotations

import pytest

from tests.hostile import NASTY, check, on_the_wire

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "calculation"}
URL = "/calculateurs/cpm/"


def test_a_number_being_typed_is_not_called_ambiguous(client):
    html = client.get(
        URL, {"budget": "200", "impressions": "10 0"}, HTTP_X_TYPING_FIELD="impressions", **HTMX
    ).content.decode()
    assert "ambigu" not in html
    assert '<p class="field-error" id="error-impressions" hx-swap-oob="true"></p>' in html
    assert "Saisissez vos données" in html  # no result yet, and nothing to correct


def test_the_same_number_is_judged_once_typing_stops(client):
    response = client.get(URL, {"budget": "200", "impressions": "10 0"}, **HTMX)
    assert "Nombre ambigu" in response.content.decode()
    assert "X-Typing-Field" in response["Vary"]


def test_only_the_field_being_typed_is_spared(client):
    html = client.get(
        URL, {"budget": "2,0,0", "impressions": "10 0"}, HTTP_X_TYPING_FIELD="impressions", **HTMX
    ).content.decode()
    assert html.count("Nombre ambigu") == 1 and "Corrigez les champs" in html


def test_a_rule_of_the_kpi_is_still_told_while_typing(client):
    """Not a reading error: zero impressions is wrong whatever comes next."""
    html = client.get(
        URL, {"budget": "200", "impressions": "0"}, HTTP_X_TYPING_FIELD="impressions", **HTMX
    ).content.decode()
    assert '<p class="field-error" id="error-impressions" hx-swap-oob="true"></p>' not in html


def test_the_full_page_ignores_the_header(client):
    html = client.get(
        URL, {"budget": "200", "impressions": "10 0"}, HTTP_X_TYPING_FIELD="impressions"
    ).content.decode()
    assert "Nombre ambigu" in html


@pytest.mark.parametrize("value", NASTY)
def test_hostile_typing_field_headers_are_harmless(client, value):
    check(
        client.get(
            URL,
            {"budget": value, "impressions": "10 0"},
            HTTP_X_TYPING_FIELD=on_the_wire(value),
            **HTMX,
        )
    )
