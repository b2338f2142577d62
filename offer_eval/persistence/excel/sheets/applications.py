"""The Applications sheet: the user's log, one editable row per application, and a live funnel.

The funnel beside the log counts the Stage column with COUNTIFS, so a stage changed in the
spreadsheet moves the funnel there. Import reads the rows back: a cell still holding what the
export wrote keeps the scenario's own value, a changed one is parsed (a date typed as a date, a
stage written in words such as "Past the CV") and checked like any other input.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Final

from offer_eval.core.application import CHANNELS, OUTCOMES, STAGES, Application
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.models import Scenario
from offer_eval.persistence.applications_csv import (
    CHANNEL_WORDS,
    OUTCOME_WORDS,
    STAGE_WORDS,
    parse_date,
    word_key,
)
from offer_eval.persistence.excel import _layout as lay
from offer_eval.persistence.excel._context import ExportContext, Grid, ImportContext
from offer_eval.persistence.excel._print import set_up_printing
from offer_eval.persistence.excel._sheet import SheetWriter
from offer_eval.persistence.excel._styles import BOLD, HEADER_ALIGN, HEADER_FILL, INPUT_FILL, WHOLE
from offer_eval.persistence.excel._values import model_value, to_cell, unchanged
from offer_eval.persistence.excel.sheets._records import check_headers, invalid, record_rows
from offer_eval.present.applications import STAGE_WORDS as STAGE_NAMES

COLUMNS: Final = lay.APPLICATION_COLUMNS
_WORDS: Final = {"stage": STAGE_WORDS, "channel": CHANNEL_WORDS, "outcome": OUTCOME_WORDS}
_ALLOWED: Final = {"stage": STAGES, "channel": CHANNELS, "outcome": OUTCOMES}
DATE_FIELDS: Final = frozenset({"date", "screen_date", "interview_date", "offer_date"})


def funnel_formula(stages: tuple[str, ...]) -> str:
    """Applications whose Stage cell is any of `stages`, over every row a log can fill."""
    column = lay.column_index(COLUMNS, "stage")
    first = lay.absolute(lay.FIRST_RECORD_ROW, column)
    last = lay.absolute(lay.LAST_APPLICATION_ROW, column)
    return "=" + "+".join(f'COUNTIFS({first}:{last},"{stage}")' for stage in stages)


def target_formula() -> str:
    """Applications marked as in the new field."""
    column = lay.column_index(COLUMNS, "target_field")
    first = lay.absolute(lay.FIRST_RECORD_ROW, column)
    last = lay.absolute(lay.LAST_APPLICATION_ROW, column)
    return f"=COUNTIFS({first}:{last},TRUE)"


# --- writing ------------------------------------------------------------------------------------


def write(sheet: SheetWriter, export: ExportContext) -> None:
    """The log, then the funnel formulas to its right."""
    for index, column in enumerate(COLUMNS, start=1):
        sheet.text(
            lay.HEADER_ROW, index, column.header, font=BOLD, fill=HEADER_FILL, align=HEADER_ALIGN
        )
    money = export.money.whole
    for offset, application in enumerate(export.scenario.applications):
        row = lay.FIRST_RECORD_ROW + offset
        for index, column in enumerate(COLUMNS, start=1):
            value = to_cell(column, model_value(column, application))
            if column.kind == "bool":
                sheet.number(row, index, bool(value), None, fill=INPUT_FILL)
            elif column.kind == "optional_money":
                amount = value if isinstance(value, float | int) else None
                sheet.number(row, index, amount, money, fill=INPUT_FILL)
            else:
                sheet.text(row, index, value if isinstance(value, str) else None, fill=INPUT_FILL)
    label_column = lay.FUNNEL_COLUMN
    sheet.text(1, label_column, "Funnel (counts the Stage column)", font=BOLD, fill=HEADER_FILL)
    sheet.text(1, label_column + 1, "Applications", font=BOLD, fill=HEADER_FILL)
    for offset, stage in enumerate(STAGES):
        row = lay.FUNNEL_FIRST_ROW + offset
        name = next(choice.label for choice in STAGE_NAMES if choice.value == stage)
        sheet.text(row, label_column, f"{name} (or further)" if offset else name)
        sheet.formula(row, label_column + 1, funnel_formula(STAGES[offset:]), WHOLE)
    row = lay.FUNNEL_FIRST_ROW + len(STAGES)
    sheet.text(row, label_column, "In the new field")
    sheet.formula(row, label_column + 1, target_formula(), WHOLE)
    sheet.text(
        row + 2,
        label_column,
        "Stage: applied, screen (past the CV), interview or offer. Channel: job_board, "
        "referral, recruiter, direct or other. Outcome: open, rejected, withdrawn, accepted or "
        "declined. Dates as 2025-03-14.",
    )
    ws = sheet.ws
    ws.freeze_panes = ws.cell(row=lay.FIRST_RECORD_ROW, column=3)
    ws.row_dimensions[lay.HEADER_ROW].height = 32
    widths = {i: column.width for i, column in enumerate(COLUMNS, start=1)}
    widths[label_column] = 30.0
    widths[label_column + 1] = 13.0
    sheet.widths(widths)
    set_up_printing(
        sheet,
        export.scenario.name,
        columns=len(COLUMNS),
        title_rows=(lay.HEADER_ROW, lay.HEADER_ROW),
        title_columns=2,
    )


# --- reading ------------------------------------------------------------------------------------


def _cell_value(column: lay.Column, raw: Any) -> Any:
    """A cell as the column's kind expects it: a date typed as a date (which the reader gives as
    "2025-03-20 00:00:00") or as 20/03/2025 as ISO text, a stage in words as its code."""
    if column.field in DATE_FIELDS and isinstance(raw, str) and raw.strip():
        text = raw.strip().removesuffix(" 00:00:00")
        try:
            return parse_date(text).isoformat()
        except Exception:  # left as typed: the application's own check gives the reason
            return text
    if column.field in _WORDS and isinstance(raw, str):
        word = raw.strip()
        if word and word not in _ALLOWED[column.field]:
            return _WORDS[column.field].get(word_key(word), word)
    return raw


def _changes(
    reading: ImportContext, grid: Grid, row: int, original: Application | None
) -> dict[str, Any]:
    changed: dict[str, Any] = {}
    for index, column in enumerate(COLUMNS, start=1):
        raw = reading.cell(grid, row, index)
        if original is not None and unchanged(
            column, to_cell(column, model_value(column, original)), raw
        ):
            continue
        if original is None and (raw is None or raw == ""):
            continue
        changed[column.field] = reading.parse(grid, row, index, column, _cell_value(column, raw))
    return changed


def read(reading: ImportContext, stored: Scenario) -> tuple[Application, ...]:
    """The log in the sheet's order; the stored log when the workbook has no such sheet."""
    if lay.APPLICATIONS not in reading.grids:
        return stored.applications
    reading.step(0.9, "Reading applications")
    grid = reading.grid(lay.APPLICATIONS)
    check_headers(reading, grid, COLUMNS)
    by_id = {a.id: a for a in stored.applications}
    out: list[Application] = []
    seen: dict[str, int] = {}
    for row in record_rows(grid, COLUMNS):
        application_id = reading.parse(grid, row, 1, COLUMNS[0], reading.cell(grid, row, 1))
        if application_id in seen:
            raise reading.fail(
                grid.name,
                f"duplicate id '{application_id}' (also in row {seen[application_id]})",
                row,
                1,
            )
        seen[application_id] = row
        original = by_id.get(application_id)
        values: dict[str, Any] = (
            {f.name: getattr(original, f.name) for f in dataclasses.fields(Application)}
            if original is not None
            else {"id": application_id}
        )
        values.update(_changes(reading, grid, row, original))
        if "date" not in values:
            raise reading.fail(grid.name, "every application needs the day it was sent", row, 2)
        try:
            application = Application(**values)
        except InvalidValueError as error:
            raise invalid(reading, grid, row, COLUMNS, error) from None
        out.append(application)
    return tuple(out)
