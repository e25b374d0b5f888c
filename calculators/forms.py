"""The calculator form: one French number field per input of a KPI."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from calculators.kpis import Calculation, Kpi, Quantity
from calculators.numbers import NumberParseError, parse_number

UNIT_NAMES = {"%": "un pourcentage", "€": "un montant en euros"}


class FrenchNumberField(forms.Field):
    """A number typed the French way (`10 000`, `0,6`, `200 €`); the unit, if typed, must fit."""

    def __init__(self, *, quantity: Quantity, **kwargs: Any) -> None:
        self.quantity = quantity
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values or not str(value).strip():
            return None
        try:
            parsed = parse_number(str(value))
        except NumberParseError as exc:
            raise forms.ValidationError(exc.message, code="invalid") from exc
        if parsed.unit and parsed.unit != self.quantity.unit:
            expected = UNIT_NAMES.get(self.quantity.unit, "un nombre sans unité")
            raise forms.ValidationError(
                f"Unité inattendue ({parsed.unit}) : ce champ attend {expected}.", code="unit"
            )
        return parsed.value


class KpiForm(forms.Form):
    """Inputs of one KPI. With `quiet_missing`, an empty field is not an error (live typing)."""

    def __init__(self, kpi: Kpi, data: Any = None, *, quiet_missing: bool = False) -> None:
        super().__init__(data)
        self.kpi = kpi
        self.quiet_missing = quiet_missing
        for quantity in kpi.inputs:
            self.fields[quantity.name] = FrenchNumberField(
                quantity=quantity,
                label=quantity.label,
                help_text=quantity.help_text,
                required=not quiet_missing,
                error_messages={"required": "Ce champ est obligatoire."},
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        values = {name: cleaned[name] for name in self.fields if cleaned.get(name) is not None}
        for name, message in self.kpi.validate(values).items():
            if name in self.errors or (name not in values and self.quiet_missing):
                continue
            self.add_error(name, message)
        return cleaned

    def calculation(self) -> Calculation | None:
        """The result and its working, when every input is present and valid."""
        if not self.is_bound or not self.is_valid():
            return None
        values = {name: self.cleaned_data[name] for name in self.fields}
        if any(value is None for value in values.values()):
            return None
        return self.kpi.compute(values)
