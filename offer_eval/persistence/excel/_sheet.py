"""A thin writer over an openpyxl worksheet: text always as text, numbers with their format."""

from __future__ import annotations

import math
from collections.abc import Mapping
from copy import copy
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from offer_eval.persistence.excel._styles import WRAP
from offer_eval.persistence.excel._text import encode_text

StyleKey = tuple[int, int, int, str | None]

DEFAULT_WIDTH = 8.43  # characters: a column without a width of its own
LINE_POINTS = 15.0  # the height of one line of 11-point text, in points
MAX_ROW_POINTS = 409.0  # the tallest row a spreadsheet allows


def text_lines(text: str, width: float, size: float = 11.0) -> int:
    """About how many lines `text` takes, wrapped in a cell `width` characters wide.

    A column's width counts digits; ordinary text is narrower (LibreOffice fits about 1.2 of
    its characters per digit), less the space word wrapping leaves at the ends of lines.
    """
    per_line = max(1.0, 1.15 * width * 11.0 / size)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


class SheetWriter:
    """Writes cells of one worksheet; every string goes in as a text cell, never as a formula."""

    def __init__(self, worksheet: Worksheet, styles: dict[StyleKey, Any] | None = None) -> None:
        self.ws = worksheet
        # Resolved styles of this workbook (they index its own font, fill and format lists).
        self.styles: dict[StyleKey, Any] = {} if styles is None else styles

    def text(
        self,
        row: int,
        column: int,
        value: str | None,
        *,
        font: Font | None = None,
        fill: PatternFill | None = None,
        align: Alignment | None = None,
    ) -> None:
        """A text cell holding exactly `value` (blank for None or ""), even if it starts with "="."""
        cell = self.ws.cell(row=row, column=column)
        if value:
            cell.value = encode_text(value)
            cell.data_type = "s"  # openpyxl guesses "f" for "=..." and "e" for "#N/A": undo it
        self._style(cell, font, fill, align, None)

    def number(
        self,
        row: int,
        column: int,
        value: float | int | bool | None,
        number_format: str | None = None,
        *,
        font: Font | None = None,
        fill: PatternFill | None = None,
        align: Alignment | None = None,
    ) -> None:
        """A number (or TRUE/FALSE) cell; None leaves it blank but still styled."""
        cell = self.ws.cell(row=row, column=column)
        if value is not None:
            cell.value = value
        self._style(cell, font, fill, align, number_format)

    def formula(
        self,
        row: int,
        column: int,
        formula: str,
        number_format: str | None = None,
        *,
        font: Font | None = None,
        fill: PatternFill | None = None,
    ) -> None:
        """A formula cell; `formula` starts with "=" and uses only our own references."""
        cell = self.ws.cell(row=row, column=column)
        cell.value = formula
        cell.data_type = "f"
        self._style(cell, font, fill, None, number_format)

    def widths(self, widths: Mapping[int, float]) -> None:
        """Column widths in characters, by 1-based column."""
        for column, width in widths.items():
            self.ws.column_dimensions[get_column_letter(column)].width = width

    def column_width(self, first: int, last: int) -> float:
        """The width of columns `first` to `last`, in characters."""
        total = 0.0
        for column in range(first, last + 1):
            dimension = self.ws.column_dimensions.get(get_column_letter(column))
            width = dimension.width if dimension is not None else None
            total += width or DEFAULT_WIDTH
        return total

    def paragraph(
        self, row: int, first: int, last: int, text: str | None, *, font: Font | None = None
    ) -> None:
        """Text across columns `first` to `last` (merged), wrapped, its row tall enough for it.

        Long text would otherwise run past the last column, where printing cuts it off, or be
        hidden behind the next filled cell. Column widths must be set before.
        """
        self.text(row, first, text, font=font, align=WRAP)
        if last > first:
            self.ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        size = float(font.sz) if font is not None and font.sz else 11.0
        lines = text_lines(text or "", self.column_width(first, last), size)
        if lines > 1:
            self.ws.row_dimensions[row].height = min(
                MAX_ROW_POINTS, lines * LINE_POINTS * size / 11.0
            )

    def _style(
        self,
        cell: Any,
        font: Font | None,
        fill: PatternFill | None,
        align: Alignment | None,
        number_format: str | None,
    ) -> None:
        """Style a cell; each combination is resolved once, then copied (openpyxl hashes every
        style object on each assignment, which dominated writing large sheets)."""
        if font is None and fill is None and align is None and number_format is None:
            return
        key = (id(font), id(fill), id(align), number_format)
        known = self.styles.get(key)
        if known is not None:
            cell._style = copy(known)
            return
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if align is not None:
            cell.alignment = align
        if number_format is not None:
            cell.number_format = number_format
        self.styles[key] = copy(cell._style)
