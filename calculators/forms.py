"""The calculator form: one French number field per input of a KPI, read from the query string.

Plain Python rather than a Django `Form`: the form is re-validated at every keystroke (htmx), and
Django's form machinery (deep-copied fields, bound fields, widgets we do not render) cost more than
the whole calculation. The rules themselves live in the catalogue (`Kpi.validate`) and in
`calculators.numbers`; this class only ties them to the fields and their messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from calculators.kpis import Calculation, Kpi, Quantity
from calculators.numbers import NumberParseError, parse_number

UNIT_NAMES = {"%": "un pourcentage", "€": "un montant en euros"}
REQUIRED = "Ce champ est obligatoire."
MAX_ECHO_LENGTH = 100  # what is typed is shown back in the field, but not megabytes of it


def read_quantity(text: str, quantity: Quantity) -> Decimal:
    """Parse a typed value for `quantity`; a unit, if typed, must be the quantity's own."""
    parsed = parse_number(text)
    if parsed.unit and parsed.unit != quantity.unit:
        expected = UNIT_NAMES.get(quantity.unit, "un nombre sans unité")
        raise NumberParseError(
            f"Unité inattendue ({parsed.unit})\u00a0: ce champ attend {expected}."
        )
    return parsed.value


@dataclass
class NumberField:
    quantity: Quantity
    raw: str
    error: str = ""

    @property
    def name(self) -> str:
        return self.quantity.name

    @property
    def id(self) -> str:
        return f"id_{self.quantity.name}"


class CalculatorForm:
    """Inputs of one KPI. With `quiet_missing`, an empty field is not an error (live typing)."""

    def __init__(
        self, kpi: Kpi, data: Mapping[str, str] | None, *, quiet_missing: bool = False
    ) -> None:
        self.kpi = kpi
        self.is_bound = data is not None
        source = data or {}
        self.fields = [
            NumberField(quantity, str(source.get(quantity.name, ""))[:MAX_ECHO_LENGTH])
            for quantity in kpi.inputs
        ]
        self.values: dict[str, Decimal] = {}
        self.errors: dict[str, str] = {}
        if self.is_bound:
            self._validate(quiet_missing)
            self.errors = {field.name: field.error for field in self.fields if field.error}

    def _validate(self, quiet_missing: bool) -> None:
        by_name = {field.name: field for field in self.fields}
        for field in self.fields:
            if not field.raw.strip():
                field.error = "" if quiet_missing else REQUIRED
                continue
            try:
                self.values[field.name] = read_quantity(field.raw, field.quantity)
            except NumberParseError as error:
                field.error = error.message
        for name, message in self.kpi.validate(self.values).items():
            field = by_name[name]
            if name in self.values and not field.error:
                field.error = message

    @property
    def input_ids(self) -> str:
        """The `for` attribute of the result's `<output>`: the ids of the inputs it depends on."""
        return " ".join(field.id for field in self.fields)

    def calculation(self) -> Calculation | None:
        """The result and its working, when every input is present and valid."""
        if not self.is_bound or self.errors or len(self.values) != len(self.fields):
            return None
        return self.kpi.compute(self.values)
