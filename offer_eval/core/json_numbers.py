"""How numbers appear in the JSON contract (`report --json`): money to the penny, ratios to 4 places."""

from __future__ import annotations

import math


def money(value: float | None) -> float | None:
    """Money in JSON: a number rounded to 2 decimals (None, NaN and infinities become null)."""
    return ratio(value, 2)


def ratio(value: float | None, digits: int = 4) -> float | None:
    """Percentages, fractions and months in JSON, rounded to `digits` decimals (None stays null)."""
    if value is None or not math.isfinite(value):
        return None
    return round(float(value) + 0.0, digits)
