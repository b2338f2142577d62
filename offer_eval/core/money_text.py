"""Reading and writing amounts the way people type them: "45k", "£45,000", "45000"."""

from __future__ import annotations

import math
import re
from typing import Final

from offer_eval.core.errors import InvalidValueError

_AMOUNT: Final = re.compile(
    r"^(?P<sign>[-−])?\s*£?\s*(?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)\s*(?P<suffix>[kKmM])?$"
)
_SCALE: Final = {"k": 1_000.0, "m": 1_000_000.0}


def parse_money(text: str, *, field: str = "amount") -> float:
    """Parse "45k", "£45,000", "45,000.50", "1.2m" or "45000" into pounds.

    Commas must group thousands properly ("4,50" is refused) so that a typo is caught, not guessed.
    """
    cleaned = text.strip().replace("\u00a0", " ").replace("GBP", "").strip()
    match = _AMOUNT.match(cleaned)
    if not match:
        raise InvalidValueError(
            field, f"'{text.strip()}' is not an amount (try 45000, £45,000 or 45k)"
        )
    value = float(match.group("number").replace(",", ""))
    suffix = match.group("suffix")
    if suffix:
        value *= _SCALE[suffix.lower()]
    if match.group("sign"):
        value = -value
    if not math.isfinite(value):
        raise InvalidValueError(field, "is not a finite amount")
    return value


def format_money(value: float | None, *, pence: bool = False, sign: bool = False) -> str:
    """en-GB money: "£45,000", "-£1,234.50"; a dash for no value."""
    if value is None or not math.isfinite(value):
        return "–"
    magnitude = f"£{abs(value):,.2f}" if pence else f"£{abs(round(value)):,.0f}"
    if value < 0 and magnitude.strip("£0.,"):
        return f"-{magnitude}"
    if sign and value > 0 and magnitude.strip("£0.,"):
        return f"+{magnitude}"
    return magnitude


def format_pct(value: float | None, *, decimals: int = 1, sign: bool = True) -> str:
    """A percentage with an explicit sign for changes: "+4.2%", "-13.5%"; a dash for no value."""
    if value is None or not math.isfinite(value):
        return "–"
    text = f"{value:+.{decimals}f}%" if sign else f"{value:.{decimals}f}%"
    return text.replace("+0.0%", "0.0%").replace("-0.0%", "0.0%")
