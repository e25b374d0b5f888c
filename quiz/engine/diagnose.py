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

    None when the answer is right, when no mistake matches, or when several distinct mistakes give
    values within tolerance of the answer (naming one would be a guess).
    """
    if tolerance.accepts(answer, exact):
        return None
    matches = []
    for mistake in kpi.mistakes:
        if not mistake.formula.names() <= data.keys():
            continue  # the statement did not give what this mistake needs
        value = mistake.value(data)
        if value is not None and tolerance.accepts(answer, value):
            matches.append(mistake)
    return matches[0] if len(matches) == 1 else None
