"""Below the offers on the Scores sheet: what ratings of 0, 5 and 10 mean for each criterion
(editable), and how far each weight can move before the app's winner changes."""

from __future__ import annotations

import dataclasses
from typing import Any

from openpyxl.utils import get_column_letter

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.models import Criterion
from offer_eval.persistence.excel import _layout as lay
from offer_eval.persistence.excel._context import ExportContext, Grid, ImportContext
from offer_eval.persistence.excel._sheet import (
    LINE_POINTS,
    MAX_ROW_POINTS,
    SheetWriter,
    text_lines,
)
from offer_eval.persistence.excel._styles import BOLD, HEADER_ALIGN, HEADER_FILL, SHARE, WRAP
from offer_eval.persistence.excel._values import unchanged


def write(sheet: SheetWriter, export: ExportContext) -> None:
    """Below the offers: what ratings of 0, 5 and 10 mean, and how far each weight can move."""
    grid, decision = export.grid, export.decision
    top = grid.meanings_title_row
    sheet.text(top, 1, lay.MEANINGS_TITLE, font=BOLD)
    header = top + 1
    columns = lay.MEANING_COLUMNS
    for index, column in enumerate(columns, start=1):
        sheet.text(header, index, column.header, font=BOLD, fill=HEADER_FILL)
    stability_column = len(columns) + 1
    if decision is not None and decision.winner is not None:
        sheet.text(
            header,
            stability_column,
            "Winner in the app stays the winner for a share from",
            font=BOLD,
            fill=HEADER_FILL,
            align=HEADER_ALIGN,
        )
        sheet.text(header, stability_column + 1, "to", font=BOLD, fill=HEADER_FILL)
    for offset, criterion in enumerate(export.scenario.criteria):
        row = header + 1 + offset
        lines = 1
        for index, column in enumerate(columns, start=1):
            if column.field == "label":  # the label is edited once, in the table's header
                letter = get_column_letter(grid.raw_column(offset))
                sheet.formula(row, index, f"={letter}${grid.HEADER_ROW}", font=BOLD)
            else:
                text = getattr(criterion, column.field)
                sheet.text(row, index, text, align=WRAP)
                lines = max(lines, text_lines(text or "", sheet.column_width(index, index)))
        if lines > 1:  # the row grows to hold the wrapped text (a spreadsheet may not)
            sheet.ws.row_dimensions[row].height = min(MAX_ROW_POINTS, lines * LINE_POINTS)
        if decision is not None and decision.winner is not None:
            interval = decision.weight_stability.get(criterion.id)
            if interval is not None:
                sheet.number(row, stability_column, interval[0], SHARE)
                sheet.number(row, stability_column + 1, interval[1], SHARE)


def title_row(grid: Grid, layout: lay.ScoresGrid) -> int | None:
    """Row of the block saying what ratings mean (it ends the offers' rows)."""
    return next(
        (
            row
            for row in range(layout.FIRST_OFFER_ROW, grid.max_row + 1)
            if grid.cells.get((row, 1), (None, ""))[0] == lay.MEANINGS_TITLE
        ),
        None,
    )


def read(
    reading: ImportContext, grid: Grid, layout: lay.ScoresGrid, criteria: dict[str, Criterion]
) -> dict[str, Criterion]:
    """Edits to what ratings of 0, 5 and 10 mean, from the block below the offers."""
    top = title_row(grid, layout)
    if top is None:
        return {}
    out: dict[str, Criterion] = {}
    columns = lay.MEANING_COLUMNS
    id_column = lay.column_index(columns, "id")
    for row in range(top + 2, grid.max_row + 1):
        if grid.is_blank(row, id_column):
            break
        criterion_id = str(reading.cell(grid, row, id_column))
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise reading.fail(grid.name, f"no criterion with id '{criterion_id}'", row, id_column)
        changes: dict[str, Any] = {}
        for index, column in enumerate(columns, start=1):
            if column.field not in ("meaning_0", "meaning_5", "meaning_10"):
                continue
            raw = reading.cell(grid, row, index)
            if not unchanged(column, getattr(criterion, column.field) or None, raw):
                changes[column.field] = reading.parse(grid, row, index, column, raw)
        if changes:
            try:
                out[criterion_id] = dataclasses.replace(criterion, **changes)
            except InvalidValueError as error:
                index = (
                    lay.column_index(columns, error.field)
                    if error.field in {c.field for c in columns}
                    else id_column
                )
                raise reading.fail(grid.name, error.rule, row, index) from None
    return out
