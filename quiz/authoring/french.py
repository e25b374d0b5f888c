"""Tolerances and points read and written the French way (`0,05`, `5 %`, `1 000`), for the quiz form
and the preview. Pure: no Django here (the form wraps these in its fields)."""

from __future__ import annotations

from decimal import Decimal

from calculators.numbers import NumberParseError, format_number, format_quantity, parse_number

RELATIVE = "relative"
MAX_ABSOLUTE = Decimal(1000)  # the field holds 8 digits, 4 after the point
TOLERANCE_PLACES = Decimal("0.0001")


def tolerance_text(kind: str, value: Decimal) -> str:
    """`0,05` (absolute, in the result's unit) or `5 %` (relative), without useless zeros."""
    if kind == RELATIVE:
        return format_quantity(value * 100, "%", _decimals(value * 100))
    return format_number(value, _decimals(value))


def tolerance_display(kind: str, value: Decimal, unit: str = "") -> str:
    """`±0,05 %` (points of a rate), `±0,50 €`, `±5 % du résultat`: what the preview shows."""
    if kind == RELATIVE:
        return f"±{tolerance_text(kind, value)} du résultat"
    text = tolerance_text(kind, value)
    return f"±{text}\u202f{unit}" if unit else f"±{text}"


def parse_tolerance(kind: str, text: str) -> Decimal:
    """A typed tolerance, as stored: relative `5 %` or `0,05` → 0.05; absolute `0,05` → 0.05
    (a `%` or `€` typed after an absolute tolerance is the result's unit). NumberParseError (French
    message) when it is not a tolerance a teacher could mean."""
    parsed = parse_number(text)
    value = parsed.value
    if value < 0:
        raise NumberParseError("La tolérance ne peut pas être négative.")
    if kind == RELATIVE:
        if parsed.unit == "%":
            value = value / 100
        elif parsed.unit:
            raise NumberParseError("Une tolérance relative s’écrit en pourcentage : 5 %.")
        elif value > 1:
            raise NumberParseError(
                "Tolérance relative trop grande : écrivez 5 % (ou 0,05) pour ±5 % du résultat."
            )
        if value > 1:
            raise NumberParseError("Une tolérance relative ne dépasse pas 100 %.")
    elif value >= MAX_ABSOLUTE:
        raise NumberParseError("Cette tolérance est trop grande (moins de 1 000).")
    if value != value.quantize(TOLERANCE_PLACES):
        raise NumberParseError("Quatre décimales au plus (0,0001).")
    return value.quantize(TOLERANCE_PLACES)


def parse_points(text: str, maximum: int = 10_000) -> int:
    """Points typed as a whole number (`1 000` accepted), between 0 and `maximum`."""
    parsed = parse_number(text)
    if parsed.unit:
        raise NumberParseError("Les points s’écrivent sans unité.")
    if parsed.value != parsed.value.to_integral_value():
        raise NumberParseError("Les points sont un nombre entier.")
    if not 0 <= parsed.value <= maximum:
        raise NumberParseError(f"Entre 0 et {format_number(maximum, 0)} points.")
    return int(parsed.value)


def _decimals(value: Decimal) -> int:
    """The decimals worth showing: as many as the value has (0,05), from 1 to 4."""
    if value == value.to_integral_value():
        return 0
    exponent = value.normalize().as_tuple().exponent
    return max(1, min(4, -exponent)) if isinstance(exponent, int) else 2
