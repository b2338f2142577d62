"""Text cells that stay text: OOXML escaping so every string comes back exactly as written.

Spreadsheets run a cell as a formula only when its type says so, never because of its first
character, so text is always written with an explicit string type. What XML cannot carry is
escaped the way Excel and LibreOffice expect (``_xHHHH_``): carriage returns (an XML parser turns
them into line feeds), control characters, lone surrogates, and any literal ``_xHHHH_`` in the
text itself (its underscore becomes ``_x005F_``).
"""

from __future__ import annotations

import re
from typing import Final

MAX_CELL_TEXT: Final = 32_767  # Excel's limit on the characters of one cell
FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")

_LITERAL_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_PARTIAL_ESCAPE_AT_END = re.compile(r"_(x[0-9A-Fa-f]{0,4})?$")


def encode_text(text: str) -> str:
    """The cell content that a spreadsheet reads back as exactly `text` (up to the cell limit)."""
    encoded = _UNSAFE.sub(
        lambda match: f"_x{ord(match.group()):04X}_", _LITERAL_ESCAPE.sub("_x005F_", text)
    )
    if len(encoded) > MAX_CELL_TEXT:
        encoded = _PARTIAL_ESCAPE_AT_END.sub("", encoded[:MAX_CELL_TEXT])
    return encoded


def decode_text(raw: str) -> str:
    """The text a cell's stored content stands for (the inverse of `encode_text`)."""
    if "_x" not in raw:
        return raw
    return _ESCAPED.sub(lambda match: chr(int(match.group(1), 16)), raw)


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet, or a CSV importer, take this text for a formula if typed in?"""
    return text.startswith(FORMULA_TRIGGERS)
