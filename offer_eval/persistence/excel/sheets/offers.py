"""The Offers sheet: one editable row per position, the current job first.

Negotiation history is kept in the hidden sheet; ratings live on the Scores sheet.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.models import Equity, Position, Scenario
from offer_eval.persistence.excel import _layout as lay
from offer_eval.persistence.excel._context import ExportContext, Grid, ImportContext
from offer_eval.persistence.excel._sheet import SheetWriter
from offer_eval.persistence.excel._values import CellError, from_cell
from offer_eval.persistence.excel.sheets._records import (
    check_headers,
    edits,
    invalid,
    record_rows,
    write_records,
)


def write(sheet: SheetWriter, export: ExportContext) -> None:
    """Every position's inputs, the current job in the first row."""
    scenario = export.scenario
    records = [("current", scenario.current), *(("offer", o) for o in scenario.offers)]
    write_records(sheet, lay.POSITION_COLUMNS, records, export, freeze_column=3)


def read(reading: ImportContext, stored: Scenario) -> tuple[Position, tuple[Position, ...]]:
    """The current job and the offers, in the Offers sheet's order."""
    reading.step(0.65, "Reading offers")
    grid = reading.grid(lay.OFFERS)
    columns = lay.POSITION_COLUMNS
    check_headers(reading, grid, columns)
    by_id = {p.id: p for p in stored.positions}
    current: Position | None = None
    offers: list[Position] = []
    seen: dict[str, int] = {}
    id_column = lay.column_index(columns, "id")
    for row in record_rows(grid, columns):
        try:
            role = from_cell(columns[0], reading.cell(grid, row, 1))
        except CellError:
            raise reading.fail(grid.name, "must be current or offer", row, 1) from None
        if role not in ("current", "offer"):
            raise reading.fail(grid.name, "must be current or offer", row, 1)
        position_id = reading.parse(
            grid, row, id_column, columns[id_column - 1], reading.cell(grid, row, id_column)
        )
        if position_id in seen:
            raise reading.fail(
                grid.name,
                f"duplicate id '{position_id}' (also in row {seen[position_id]})",
                row,
                id_column,
            )
        seen[position_id] = row
        position = _position(reading, grid, row, by_id.get(position_id), position_id)
        if role == "current":
            if current is not None:
                raise reading.fail(grid.name, "only one row can be the current job", row, 1)
            current = position
            reading.places["current"] = (grid.name, row, id_column)
        else:
            reading.places[f"offers[{len(offers)}]"] = (grid.name, row, id_column)
            offers.append(position)
    if current is None:
        raise reading.fail(
            grid.name, "one row must have the role 'current' (the job you have now)", 2, 1
        )
    return current, tuple(offers)


def _position(
    reading: ImportContext, grid: Grid, row: int, original: Position | None, position_id: str
) -> Position:
    """One row as a position: the stored one with the row's edits, or a new offer."""
    columns = lay.POSITION_COLUMNS
    changed = edits(reading, grid, row, columns, original)
    values: dict[str, Any]
    if original is not None:
        values = {f.name: getattr(original, f.name) for f in dataclasses.fields(Position)}
    else:
        values = {"id": position_id}
        if "base_salary" not in changed:
            raise reading.fail(
                grid.name,
                "a new offer needs a base salary",
                row,
                lay.column_index(columns, "base_salary"),
            )
    equity_edits = {
        k.removeprefix("equity."): v for k, v in changed.items() if k.startswith("equity.")
    }
    values.update({k: v for k, v in changed.items() if not k.startswith("equity.")})
    if equity_edits:
        base = original.equity if original is not None else None
        current = (
            {f.name: getattr(base, f.name) for f in dataclasses.fields(Equity)} if base else {}
        )
        current.update(equity_edits)
        if current.get("grant_value") is None:
            values["equity"] = None
        else:
            try:
                values["equity"] = Equity(**{k: v for k, v in current.items() if v is not None})
            except InvalidValueError as error:
                raise invalid(reading, grid, row, columns, error, prefix="equity.") from None
    try:
        return Position(**values)
    except InvalidValueError as error:
        raise invalid(reading, grid, row, columns, error) from None
