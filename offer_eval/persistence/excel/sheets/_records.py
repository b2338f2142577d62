"""Record tables (Offers, Benchmarks): a header row, then one editable input row per record.

Writing puts every field in its own input cell; reading checks the headers are where the layout
says, then parses only the cells the user changed, so values the cell could not hold exactly
(precision, text) come back as the scenario had them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from openpyxl.utils import get_column_letter

from offer_eval.core.errors import InvalidValueError
from offer_eval.persistence.excel import _layout as lay
from offer_eval.persistence.excel._context import ExportContext, Grid, ImportContext, WorkbookError
from offer_eval.persistence.excel._print import set_up_printing
from offer_eval.persistence.excel._sheet import (
    LINE_POINTS,
    MAX_ROW_POINTS,
    SheetWriter,
    text_lines,
)
from offer_eval.persistence.excel._styles import (
    BOLD,
    DECIMAL,
    HEADER_ALIGN,
    HEADER_FILL,
    INPUT_FILL,
    PERCENT,
    TOP,
    WHOLE,
    WRAP,
)
from offer_eval.persistence.excel._values import model_value, to_cell, unchanged

# --- writing ------------------------------------------------------------------------------------


def write_records(
    sheet: SheetWriter,
    columns: tuple[lay.Column, ...],
    records: Sequence[tuple[str | None, object]],
    export: ExportContext,
    *,
    freeze_column: int,
) -> None:
    """One header row, then one input row per record: every cell is an editable input.

    The columns left of `freeze_column` (what names a record) stay in view, on screen and on
    every printed page, and so does the header row.
    """
    for column_index, column in enumerate(columns, start=1):
        sheet.text(
            lay.HEADER_ROW,
            column_index,
            column.header,
            font=BOLD,
            fill=HEADER_FILL,
            align=HEADER_ALIGN,
        )
    formats = {
        "money": export.money.whole,
        "pct": PERCENT,
        "int": WHOLE,
        "optional_int": WHOLE,
        "number": DECIMAL,
    }
    wraps = {"text", "optional_text"}
    for offset, (role, record) in enumerate(records):
        row = lay.FIRST_RECORD_ROW + offset
        values = [
            role if column.kind == "role" else to_cell(column, model_value(column, record))
            for column in columns
        ]
        # Long text wraps in its cell, and the row grows to hold it: run on, it would hide
        # behind the next cell or, in the last column, stretch the printed page.
        lines = (
            max(
                text_lines(value, column.width) if column.kind in wraps else 1
                for column, value in zip(columns, values, strict=True)
                if isinstance(value, str)
            )
            if any(isinstance(value, str) for value in values)
            else 1
        )
        wrap, top = (WRAP, TOP) if lines > 1 else (None, None)
        for column_index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            if isinstance(value, str) or (value is None and column.kind in ("text", "id")):
                align = wrap if column.kind in wraps else top
                sheet.text(row, column_index, value, fill=INPUT_FILL, align=align)
            else:
                number_format = formats.get(column.kind)
                sheet.number(row, column_index, value, number_format, fill=INPUT_FILL, align=top)
        if lines > 1:
            sheet.ws.row_dimensions[row].height = min(MAX_ROW_POINTS, lines * LINE_POINTS)
    last_row = lay.FIRST_RECORD_ROW + len(records) - 1
    ws = sheet.ws
    ws.freeze_panes = ws.cell(row=lay.FIRST_RECORD_ROW, column=freeze_column)
    ws.row_dimensions[lay.HEADER_ROW].height = 32
    sheet.widths({i: column.width for i, column in enumerate(columns, start=1)})
    set_up_printing(
        sheet,
        export.scenario.name,
        columns=len(columns),
        title_rows=(lay.HEADER_ROW, lay.HEADER_ROW),
        title_columns=freeze_column - 1,
    )
    if records:
        ws.auto_filter.ref = f"A{lay.HEADER_ROW}:{get_column_letter(len(columns))}{last_row}"


# --- reading ------------------------------------------------------------------------------------


def check_headers(reading: ImportContext, grid: Grid, columns: tuple[lay.Column, ...]) -> None:
    """Every column header where the export put it: a moved column would be misread."""
    for index, column in enumerate(columns, start=1):
        found = reading.cell(grid, lay.HEADER_ROW, index)
        if not isinstance(found, str) or not column.accepts(found):
            raise reading.fail(
                grid.name,
                f"expected the column '{column.header}' here; columns must not be moved, "
                "inserted or deleted",
                lay.HEADER_ROW,
                index,
            )


def record_rows(grid: Grid, columns: tuple[lay.Column, ...]) -> Iterator[int]:
    """Rows below the header with anything in our columns (empty rows are skipped)."""
    for row in range(lay.FIRST_RECORD_ROW, grid.max_row + 1):
        if any(not grid.is_blank(row, c) for c in range(1, len(columns) + 1)):
            yield row


def edits(
    reading: ImportContext,
    grid: Grid,
    row: int,
    columns: tuple[lay.Column, ...],
    original: object | None,
) -> dict[str, Any]:
    """Field -> new value for every changed cell of a row (every filled cell if new)."""
    changed: dict[str, Any] = {}
    for index, column in enumerate(columns, start=1):
        if column.kind == "role":
            continue
        raw = reading.cell(grid, row, index)
        if original is not None:
            if unchanged(column, to_cell(column, model_value(column, original)), raw):
                continue
        elif raw is None or raw == "":
            continue
        if column.is_equity and (raw is None or raw == ""):
            changed[column.field] = None
            continue
        changed[column.field] = reading.parse(grid, row, index, column, raw)
    return changed


def invalid(
    reading: ImportContext,
    grid: Grid,
    row: int,
    columns: tuple[lay.Column, ...],
    error: InvalidValueError,
    *,
    prefix: str = "",
) -> WorkbookError:
    """Place a model's rule on the cell of the field it names (else the id cell)."""
    name = error.field.split(".")[0].split("[")[0]
    index = next(
        (i for i, c in enumerate(columns, start=1) if c.field in (name, f"{prefix}{name}")),
        next(i for i, c in enumerate(columns, start=1) if c.field == "id"),
    )
    return reading.fail(grid.name, error.rule, row, index)
