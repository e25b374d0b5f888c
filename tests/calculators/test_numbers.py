from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.numbers import (
    NumberParseError,
    ParsedNumber,
    format_given,
    format_number,
    format_quantity,
    parse_number,
    plain_decimal,
)

NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("10 000", "10000", ""),
        ("10\u00a0000", "10000", ""),
        ("10\u202f000", "10000", ""),
        ("1 000 000", "1000000", ""),
        ("0,6", "0.6", ""),
        ("0.6", "0.6", ""),
        ("34,62", "34.62", ""),
        ("34,62 %", "34.62", "%"),
        ("34,62%", "34.62", "%"),
        ("34,62\u202f%", "34.62", "%"),
        ("12,5 %", "12.5", "%"),
        ("200 €", "200", "€"),
        ("200€", "200", "€"),
        ("200 euros", "200", "€"),
        ("1 234,5 €", "1234.5", "€"),
        ("  42  ", "42", ""),
        ("-3,5", "-3.5", ""),
        ("−3,5", "-3.5", ""),
        ("+7", "7", ""),
        ("-0", "0", ""),
        ("545,", "545", ""),  # a trailing separator is read as no decimals
        ("1234.", "1234", ""),
        ("007", "7", ""),
    ],
)
def test_parse_number_accepts_french_writing(text, value, unit):
    assert parse_number(text) == ParsedNumber(Decimal(value), unit)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "12abc",
        "1e5",
        "NaN",
        "Infinity",
        "٣",
        "1,234.5",
        "1.234,5",
        "1.234.567",
        "1,2,3",
        "1 00",
        "12 5",
        "%",
        "€",
        "--3",
        "3 - 2",
        "<script>",
        "1" * 41,
        "0x10",
        "½",
        "0 728",  # a first group of thousands cannot start with 0
        "012 345,5",
        "3 093,",
    ],
)
def test_parse_number_refuses_garbage_with_a_french_message(text):
    with pytest.raises(NumberParseError) as error:
        parse_number(text)
    assert error.value.message
    assert error.value.message[0].isupper()


def test_parse_number_names_the_ambiguity():
    with pytest.raises(NumberParseError, match="ambigu"):
        parse_number("1,234.5")


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (Decimal("10000"), "", f"10{NNBSP}000,00"),
        (Decimal("52.33"), "%", f"52,33{NNBSP}%"),
        (Decimal("20"), "€", f"20,00{NNBSP}€"),
        (Decimal("52.325"), "%", f"52,33{NNBSP}%"),  # half up
        (Decimal("-12.5"), "%", f"\u221212,50{NNBSP}%"),  # a true minus sign
        (Decimal("1234567.891"), "€", f"1{NNBSP}234{NNBSP}567,89{NNBSP}€"),
    ],
)
def test_format_quantity_is_french(value, unit, text):
    assert format_quantity(value, unit) == text


def test_format_given_shows_integers_plainly():
    assert format_given(Decimal(10000)) == f"10{NNBSP}000"
    assert format_given(Decimal(200), "€") == f"200{NNBSP}€"
    assert format_given(Decimal("2.5"), "€") == f"2,50{NNBSP}€"
    assert format_given(Decimal("0.6")) == "0,6"


def test_plain_decimal_is_the_data_value_contract():
    assert plain_decimal(Decimal(20)) == "20.00"
    assert plain_decimal(Decimal("66.665")) == "66.67"
    assert plain_decimal(Decimal("-0.005")) == "-0.01"


def test_format_number_without_decimals():
    assert format_number(Decimal("12499.5"), 0) == f"12{NNBSP}500"


decimals = st.decimals(
    min_value=Decimal("-1e12"),
    max_value=Decimal("1e12"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@given(decimals, st.sampled_from(["", "%", "€"]))
def test_parse_of_format_is_identity(value, unit):
    parsed = parse_number(format_quantity(value, unit))
    assert parsed.value == value
    assert parsed.unit == unit


@given(st.text(max_size=60))
def test_garbage_only_ever_gives_a_validation_error(text):
    try:
        parsed = parse_number(text)
    except NumberParseError as error:
        assert error.message
    else:
        assert parsed.value.is_finite()
        assert parsed.unit in {"", "%", "€"}
