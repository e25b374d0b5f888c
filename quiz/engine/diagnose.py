"""Name the known mistake behind a wrong numeric answer — only when it is unambiguous."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from calculators.kpis import Kpi, Mistake
from quiz.engine.tolerance import Tolerance


def diagnose(
    kpi: Kpi, data: Mapping[str, Decimal], answer: Decimal, exact: Decimal, tolerance: Tolerance
) -> Mistake | None:
    """The one known mistake whose value (on the same data) the answer matches, or None.

    None when the answer is right, when no mistake matches, or when naming one would be a guess:
    - the answer is within tolerance of several mistakes' values;
    - the mistake's value is within tolerance of the right answer or of another mistake's value
      (no answer can then tell them apart);
    - the answer is nearer 0 than the mistake's value: a small value (the proportion 0,002 of a
      0,20 % rate) is recognised only at its own scale, within half of itself (0,001 to 0,003),
      so that 0, or 0,01, is never "a proportion".
    """
    if tolerance.accepts(answer, exact) or answer == 0:
        return None
    values = []
    for mistake in kpi.mistakes:
        if not mistake.formula.names() <= data.keys():
            continue  # the statement did not give what this mistake needs
        value = mistake.value(data)
        if value is not None:
            values.append((mistake, value))
    matches = [(mistake, value) for mistake, value in values if tolerance.accepts(answer, value)]
    if len(matches) != 1:
        return None
    mistake, value = matches[0]
    if abs(answer - value) * 2 > abs(value):
        return None
    if tolerance.accepts(value, exact):
        return None
    if any(other is not mistake and tolerance.accepts(value, v) for other, v in values):
        return None
    return mistake
