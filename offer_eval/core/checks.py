"""The rules every domain value checks in ``__post_init__``, and field help text.

Shared by the model modules so that a broken rule reads the same everywhere: the field's name and
the rule in plain words (``base_salary: must be between 0 and 10,000,000``).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import math
import re
from collections.abc import Iterable
from typing import Final

from offer_eval.core.errors import InvalidValueError

MAX_MONEY: Final = 10_000_000.0
MAX_TEXT: Final = 10_000
MAX_LABEL: Final = 200
MAX_ID: Final = 64


def help_text(text: str) -> dict[str, str]:
    """Field metadata: a one-line plain explanation shown as a tooltip and in reports."""
    return {"help": text}


def field_help(cls: type, name: str) -> str:
    """The plain explanation attached to a field, or an empty string."""
    for item in dataclasses.fields(cls):
        if item.name == name:
            return str(item.metadata.get("help", ""))
    raise KeyError(name)


# --- checks -------------------------------------------------------------------------------------


def _format_bound(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"


def check_number(name: str, value: object, low: float, high: float) -> float:
    """A finite number within [low, high]; booleans are not numbers here."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValueError(name, "must be a number")
    if not math.isfinite(value):
        raise InvalidValueError(name, "must be a finite number")
    if not low <= value <= high:
        raise InvalidValueError(
            name, f"must be between {_format_bound(low)} and {_format_bound(high)}"
        )
    return float(value)


def check_int(name: str, value: object, low: int, high: int) -> int:
    """A whole number within [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(name, "must be a whole number")
    if not low <= value <= high:
        raise InvalidValueError(
            name, f"must be between {_format_bound(low)} and {_format_bound(high)}"
        )
    return value


def check_text(name: str, value: object, max_length: int = MAX_LABEL) -> str:
    """A string of at most `max_length` characters, without NUL characters."""
    if not isinstance(value, str):
        raise InvalidValueError(name, "must be text")
    if len(value) > max_length:
        raise InvalidValueError(name, f"must be at most {max_length:,} characters")
    if "\x00" in value:
        raise InvalidValueError(name, "must not contain NUL characters")
    return value


def check_id(name: str, value: object) -> str:
    """Identifiers are short, non-empty and free of surrounding spaces (they key JSON objects)."""
    text = check_text(name, value, MAX_ID)
    if not text or text != text.strip():
        raise InvalidValueError(name, "must be a non-empty id without leading or trailing spaces")
    return text


def check_unique(name: str, ids: Iterable[str]) -> None:
    """Refuse the second use of an id in the list `name`, naming its index."""
    seen: set[str] = set()
    for index, item in enumerate(ids):
        if item in seen:
            raise InvalidValueError(f"{name}[{index}].id", f"duplicate id '{item}'")
        seen.add(item)


def nested(prefix: str, error: InvalidValueError) -> InvalidValueError:
    """The same error, its field placed under `prefix`."""
    return InvalidValueError(f"{prefix}.{error.field}" if error.field else prefix, error.rule)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_date(name: str, value: object) -> _dt.date:
    """A calendar date written as 2025-03-14 (the one form dates take in a scenario file)."""
    if not isinstance(value, str):
        raise InvalidValueError(name, "must be a date written as 2025-03-14")
    if not _ISO_DATE.fullmatch(value):
        raise InvalidValueError(name, "must be a date written as 2025-03-14")
    try:
        day = _dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidValueError(name, "is not a real date") from None
    if not 1900 <= day.year <= 2200:
        raise InvalidValueError(name, "must be between the years 1900 and 2200")
    return day


def check_bool(name: str, value: object) -> bool:
    """True or false, never a number standing in for one."""
    if not isinstance(value, bool):
        raise InvalidValueError(name, "must be true or false")
    return value


def check_choice(name: str, value: object, allowed: tuple[str, ...]) -> str:
    """One of a fixed set of words, listed in the rule when it is not."""
    if not isinstance(value, str) or value not in allowed:
        words = ", ".join(allowed[:-1]) + f" or {allowed[-1]}" if len(allowed) > 1 else allowed[0]
        raise InvalidValueError(name, f"must be {words}")
    return value
