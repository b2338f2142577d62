"""Model values to cell values and back, for the input columns of the workbook.

A cell is unchanged when it still holds what the export wrote; import keeps the scenario's own
value then (exactly, with any precision or text the cell could not hold), and parses the cell
only when the user changed it.
"""

from __future__ import annotations

import math
import re
from typing import Any

from offer_eval.persistence.excel._layout import Column
from offer_eval.persistence.excel._text import decode_text, encode_text

CellValue = str | float | int | bool | None

_REL_TOLERANCE = 1e-9


class CellError(Exception):
    """A cell's content breaks a rule; the reader adds the sheet and cell."""

    def __init__(self, rule: str) -> None:
        super().__init__(rule)
        self.rule = rule


def model_value(column: Column, record: object) -> Any:
    """The value of `column`'s field on a position or benchmark (None for equity it lacks)."""
    if column.kind == "role":
        raise KeyError("the role is not a field")
    holder: object | None = record
    if column.is_equity:
        holder = getattr(record, "equity", None)
        if holder is None:
            return None
    return getattr(holder, column.attribute)


def to_cell(column: Column, value: Any) -> CellValue:
    """What the export writes for a model value (text is the text itself, not yet escaped)."""
    if value is None:
        return None
    kind = column.kind
    if kind in ("id", "text", "optional_text", "role"):
        return str(value) or None
    if kind == "pct":
        return float(value) / 100.0
    if kind == "schedule":
        return "/".join(f"{share:.10g}" for share in value) or None
    if kind == "bool":
        return bool(value)
    if kind in ("int", "optional_int"):
        return int(value)
    return float(value)


def unchanged(column: Column, written: CellValue, raw: CellValue) -> bool:
    """Does the cell still hold what the export wrote?

    Spreadsheets round-trip some values in their own way: LibreOffice stores booleans as
    ``=TRUE()`` (read here through its saved value), writes blanks as empty text, turns line
    breaks into line feeds and may store a decoded ``_xHHHH_`` without re-escaping it, so each of
    those counts as unchanged.
    """
    if written is None or raw is None or written == "" or raw == "":
        return _blank(written) and _blank(raw)
    if isinstance(written, str):
        if not isinstance(raw, str):
            return False
        if raw in (written, encode_text(written)) or decode_text(raw) == written:
            return True
        # LibreOffice keeps line breaks as line feeds: "\r\n" in a cell comes back as "\n".
        lines = _line_feeds(written)
        return lines in (_line_feeds(raw), _line_feeds(decode_text(raw)))
    if isinstance(written, bool):
        return isinstance(raw, bool | int | float) and bool(raw) == written and raw in (0, 1)
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return False
    return math.isclose(float(raw), float(written), rel_tol=_REL_TOLERANCE, abs_tol=1e-12)


def _line_feeds(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and value == "")


def from_cell(column: Column, raw: CellValue) -> Any:
    """The model value a (changed) cell stands for; raises `CellError` with the rule."""
    kind = column.kind
    if _blank(raw):
        if kind in ("text", "schedule"):
            return "" if kind == "text" else ()
        if kind in ("optional_text", "optional_int", "optional_money"):
            return None
        if kind == "money" and column.field in ("p10", "p25", "median", "p75", "p90"):
            return None
        raise CellError("must not be blank")
    if kind in ("id", "text", "optional_text", "role"):
        if isinstance(raw, bool):
            return "TRUE" if raw else "FALSE"
        if isinstance(raw, int | float):
            return _number_text(raw)
        text = decode_text(str(raw))
        return text.strip() if kind == "role" else text
    if kind == "schedule":
        return _schedule(raw)
    if kind == "bool":
        return _boolean(raw)
    number = _number(raw)
    if kind == "pct":
        return _clean(number * 100.0)
    if kind in ("int", "optional_int"):
        if not number.is_integer():
            raise CellError("must be a whole number")
        return int(number)
    return number


def _number(raw: CellValue) -> float:
    if isinstance(raw, bool):
        raise CellError("must be a number, not TRUE or FALSE")
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = decode_text(str(raw)).strip().replace(",", "").replace("£", "")
        try:
            value = float(text.removesuffix("%")) / (100.0 if text.endswith("%") else 1.0)
        except ValueError:
            raise CellError(f"must be a number, not '{_short(str(raw))}'") from None
    if not math.isfinite(value):
        raise CellError("must be a finite number")
    return value


def _clean(value: float) -> float:
    """Drop binary noise from a scaled number (0.07 × 100 is 7.000000000000001)."""
    return float(f"{value:.12g}")


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _boolean(raw: CellValue) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        word = raw.strip().lower()
        if word in ("true", "yes", "y", "1"):
            return True
        if word in ("false", "no", "n", "0"):
            return False
    raise CellError("must be TRUE or FALSE")


def _schedule(raw: CellValue) -> tuple[float, ...]:
    if isinstance(raw, bool):
        raise CellError("must be yearly shares in %, such as 25/25/25/25")
    if isinstance(raw, int | float):
        return (float(raw),)
    parts = [part for part in re.split(r"[/;,\s]+", decode_text(str(raw)).strip()) if part]
    try:
        return tuple(float(part.removesuffix("%")) for part in parts)
    except ValueError:
        raise CellError("must be yearly shares in %, such as 25/25/25/25") from None


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
