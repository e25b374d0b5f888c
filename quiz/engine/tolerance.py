"""How close a numeric answer must be to the exact value (KPIS.md: ±0,01, boundary included)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

DEFAULT_ABSOLUTE = Decimal("0.01")


@dataclass(frozen=True)
class Tolerance:
    """Absolute (in the display unit) or relative (a fraction of the exact value, like Moodle's)."""

    absolute: Decimal = DEFAULT_ABSOLUTE
    relative: Decimal | None = None

    def accepts(self, answer: Decimal, exact: Decimal) -> bool:
        if self.relative is not None:
            return abs(answer - exact) <= self.relative * abs(exact)
        return abs(answer - exact) <= self.absolute


DEFAULT_TOLERANCE = Tolerance()
