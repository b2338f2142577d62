"""Import a workbook (possibly edited) back into a `Scenario` (DESIGN 6.1 `import`, 6.5).

The hidden `_scenario` sheet gives the scenario as exported; the visible sheets give offers,
benchmarks, ratings, weights, anchors and criterion labels. A visible cell still holding what
the export wrote keeps the scenario's own value; a changed cell is parsed and validated. Nothing
in the workbook is executed: formulas are never evaluated here (a changed input that holds a
formula contributes the result the spreadsheet saved with it), and the archive is checked for
size, zip bombs and XML entity declarations before openpyxl parses it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from openpyxl import load_workbook

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.models import Benchmark, Criterion, Equity, Position, Scenario
from offer_eval.persistence.document import DocumentError, loads
from offer_eval.persistence.excel import _layout as lay
from offer_eval.persistence.excel._safety import MAX_WORKBOOK_BYTES, ArchiveError, check_archive
from offer_eval.persistence.excel._values import (
    CellError,
    CellValue,
    from_cell,
    model_value,
    to_cell,
    unchanged,
)

Progress = Callable[[float, str], None]

MAX_ROWS: Final = 10_000
MAX_COLUMNS: Final = 400
MAX_CHUNKS: Final = 5_000
_CHUNK_ROW: Final = 10  # first `_scenario` row holding scenario JSON (see the writer)
_DATA_ROWS: Final = {
    "format": 2,
    "workbook_version": 3,
    "schema_version": 4,
    "app_version": 5,
    "chunks": 6,
    "sha256": 7,
}

__all__ = ["MAX_WORKBOOK_BYTES", "WorkbookError", "read_workbook", "read_workbook_bytes"]


class WorkbookError(DocumentError):
    """A workbook cannot be imported: `source` (file), `path` (sheet and cell) and `rule`."""

    def __init__(
        self,
        source: str,
        sheet: str | None,
        rule: str,
        row: int | None = None,
        column: int | None = None,
    ) -> None:
        if sheet is None:
            path = "$"
        elif row is None or column is None:
            path = sheet
        else:
            path = lay.where(sheet, row, column)
        super().__init__(source, path, rule)
        self.sheet = sheet
        self.row = row
        self.column = column


# --- reading cells ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Grid:
    """One sheet's cells: constants and formulas, and the values a spreadsheet saved for formulas."""

    name: str
    cells: dict[tuple[int, int], tuple[Any, str]] = field(default_factory=dict)
    saved: dict[tuple[int, int], Any] = field(default_factory=dict)
    max_row: int = 0

    def raw(self, row: int, column: int) -> CellValue:
        """The cell's value: a constant as stored, a formula's saved result; text undecoded."""
        value, kind = self.cells.get((row, column), (None, "n"))
        if kind == "f":
            result = self.saved.get((row, column))
            if result is None:
                raise CellError(
                    "holds a formula without a saved result; type a value, or open and save "
                    "the workbook in a spreadsheet first"
                )
            value, kind = result, "n"
        if kind == "e":
            raise CellError(f"holds the error {value}")
        if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
            return str(value)
        if value is None or isinstance(value, str | bool | int | float):
            return value
        return str(value)

    def is_blank(self, row: int, column: int) -> bool:
        value, _ = self.cells.get((row, column), (None, "n"))
        return value is None or value == ""


class _Reader:
    """Reads one workbook; every problem becomes a `WorkbookError` naming sheet and cell."""

    def __init__(self, data: bytes, source: str, progress: Progress | None) -> None:
        self.data = data
        self.source = source
        self.progress = progress
        self.grids: dict[str, _Grid] = {}
        self.stored: Scenario | None = None
        self.written: dict[str, Any] = {}
        # JSON path prefix of each record -> (sheet, row), to place scenario-level problems.
        self.places: dict[str, tuple[str, int, int]] = {}

    def fail(
        self, sheet: str | None, rule: str, row: int | None = None, column: int | None = None
    ) -> WorkbookError:
        return WorkbookError(self.source, sheet, rule, row, column)

    def _step(self, fraction: float, what: str) -> None:
        if self.progress is not None:
            self.progress(fraction, what)

    # --- the archive and its sheets -----------------------------------------------------------

    def load(self) -> None:
        self._step(0.0, "Checking the file")
        try:
            check_archive(self.data)
        except ArchiveError as problem:
            raise self.fail(None, str(problem)) from None
        self._step(0.1, "Reading the workbook")
        wanted = (lay.DATA, lay.OFFERS, lay.BENCHMARKS, lay.SCORES)
        for data_only in (False, True):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl warns about features it drops
                try:
                    book = load_workbook(
                        io.BytesIO(self.data), read_only=True, data_only=data_only, keep_links=False
                    )
                except Exception as error:  # a damaged workbook is bad input, never a crash
                    raise self.fail(
                        None, f"cannot be read as a workbook ({type(error).__name__}: {error})"
                    ) from None
            try:
                for name in wanted:
                    if name not in book.sheetnames:
                        continue
                    grid = self.grids.setdefault(name, _Grid(name))
                    sheet = book[name]
                    with contextlib.suppress(Exception):
                        sheet.reset_dimensions()  # sizes saved by other programs can be wrong
                    for row in sheet.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS):
                        for cell in row:
                            value = getattr(cell, "value", None)
                            if value is None:
                                continue
                            key = (cell.row, cell.column)
                            if data_only:
                                grid.saved[key] = value
                            else:
                                grid.cells[key] = (value, cell.data_type)
                                grid.max_row = max(grid.max_row, cell.row)
            except Exception as error:
                raise self.fail(
                    None, f"cannot be read as a workbook ({type(error).__name__}: {error})"
                ) from None
            finally:
                book.close()
            self._step(0.3 if not data_only else 0.5, "Reading the workbook")

    def grid(self, name: str) -> _Grid:
        grid = self.grids.get(name)
        if grid is None:
            raise self.fail(
                name,
                f"the {name} sheet is missing (it must keep its name; export again from the app)",
            )
        return grid

    def cell(self, grid: _Grid, row: int, column: int) -> CellValue:
        try:
            return grid.raw(row, column)
        except CellError as problem:
            raise self.fail(grid.name, problem.rule, row, column) from None

    # --- _scenario ------------------------------------------------------------------------------

    def stored_scenario(self) -> Scenario:
        """The scenario as exported, from the hidden sheet, checked against its checksum."""
        self._step(0.55, "Reading the stored scenario")
        if lay.DATA not in self.grids:
            raise self.fail(
                lay.DATA,
                "the hidden _scenario sheet is missing, so this is not a workbook exported by "
                "Offer Eval (or the sheet was deleted); export it again from the app",
                1,
                1,
            )
        grid = self.grids[lay.DATA]

        def key(name: str) -> CellValue:
            return self.cell(grid, _DATA_ROWS[name], 2)

        if key("format") != lay.WORKBOOK_FORMAT:
            raise self.fail(
                lay.DATA,
                f"must be '{lay.WORKBOOK_FORMAT}': this is not a workbook exported by Offer Eval",
                _DATA_ROWS["format"],
                2,
            )
        version = key("workbook_version")
        if isinstance(version, bool) or not isinstance(version, int | float):
            raise self.fail(lay.DATA, "must be a whole number", _DATA_ROWS["workbook_version"], 2)
        if version > lay.WORKBOOK_VERSION:
            raise self.fail(
                lay.DATA,
                f"this workbook is format version {version:g}, newer than this Offer Eval reads "
                f"({lay.WORKBOOK_VERSION}); please update Offer Eval",
                _DATA_ROWS["workbook_version"],
                2,
            )
        count = key("chunks")
        if (
            isinstance(count, bool)
            or not isinstance(count, int | float)
            or not 1 <= count <= MAX_CHUNKS
        ):
            raise self.fail(
                lay.DATA, "the scenario data is damaged (bad chunk count)", _DATA_ROWS["chunks"], 2
            )
        checksum = key("sha256")
        parts: list[str] = []
        for offset in range(int(count)):
            row = _CHUNK_ROW + offset
            part = self.cell(grid, row, 1)
            if not isinstance(part, str) or not part:
                raise self.fail(
                    lay.DATA, "the scenario data is damaged (a part is missing)", row, 1
                )
            parts.append(part)
        payload = "".join(parts)
        try:
            encoded = payload.encode("ascii")
        except UnicodeEncodeError:
            raise self.fail(
                lay.DATA, "the scenario data is damaged (unexpected characters)", _CHUNK_ROW, 1
            ) from None
        if hashlib.sha256(encoded).hexdigest() != checksum:
            raise self.fail(
                lay.DATA,
                "the scenario data is damaged (its checksum does not match); export again from the app",
                _CHUNK_ROW,
                1,
            )
        try:
            body = json.loads(payload)
        except (ValueError, RecursionError):
            raise self.fail(
                lay.DATA, "the scenario data is damaged (not valid JSON)", _CHUNK_ROW, 1
            ) from None
        if not isinstance(body, dict) or not isinstance(body.get("document"), dict):
            raise self.fail(
                lay.DATA, "the scenario data is damaged (no scenario in it)", _CHUNK_ROW, 1
            )
        written = body.get("written")
        self.written = written if isinstance(written, dict) else {}
        document = json.dumps(body["document"], ensure_ascii=False).encode("utf-8")
        try:
            self.stored = loads(document, source=f"{self.source} ({lay.DATA})")
        except DocumentError as error:
            raise self.fail(
                lay.DATA,
                f"the stored scenario is invalid at {error.path}: {error.rule}",
                _CHUNK_ROW,
                1,
            ) from None
        return self.stored

    # --- Offers and Benchmarks ------------------------------------------------------------------

    def _check_headers(self, grid: _Grid, columns: tuple[lay.Column, ...]) -> None:
        for index, column in enumerate(columns, start=1):
            found = self.cell(grid, lay.HEADER_ROW, index)
            if not isinstance(found, str) or found.strip().lower() != column.header.lower():
                raise self.fail(
                    grid.name,
                    f"expected the column '{column.header}' here; columns must not be moved, "
                    "inserted or deleted",
                    lay.HEADER_ROW,
                    index,
                )

    def _record_rows(self, grid: _Grid, columns: tuple[lay.Column, ...]) -> Iterator[int]:
        """Rows below the header with anything in our columns (empty rows are skipped)."""
        for row in range(lay.FIRST_RECORD_ROW, grid.max_row + 1):
            if any(not grid.is_blank(row, c) for c in range(1, len(columns) + 1)):
                yield row

    def _edits(
        self,
        grid: _Grid,
        row: int,
        columns: tuple[lay.Column, ...],
        original: object | None,
    ) -> dict[str, Any]:
        """Field -> new value for every changed cell of a row (every filled cell if new)."""
        edits: dict[str, Any] = {}
        for index, column in enumerate(columns, start=1):
            if column.kind == "role":
                continue
            raw = self.cell(grid, row, index)
            if original is not None:
                if unchanged(column, to_cell(column, model_value(column, original)), raw):
                    continue
            elif raw is None or raw == "":
                continue
            if column.is_equity and (raw is None or raw == ""):
                edits[column.field] = None
                continue
            try:
                edits[column.field] = from_cell(column, raw)
            except CellError as problem:
                raise self.fail(grid.name, problem.rule, row, index) from None
        return edits

    def _invalid(
        self,
        grid: _Grid,
        row: int,
        columns: tuple[lay.Column, ...],
        error: InvalidValueError,
        prefix: str = "",
    ) -> WorkbookError:
        """Place a model's rule on the cell of the field it names (else the id cell)."""
        name = error.field.split(".")[0].split("[")[0]
        index = next(
            (i for i, c in enumerate(columns, start=1) if c.field in (name, f"{prefix}{name}")),
            next(i for i, c in enumerate(columns, start=1) if c.field == "id"),
        )
        return self.fail(grid.name, error.rule, row, index)

    def positions(self, stored: Scenario) -> tuple[Position, tuple[Position, ...]]:
        """The current job and the offers, in the Offers sheet's order."""
        self._step(0.65, "Reading offers")
        grid = self.grid(lay.OFFERS)
        columns = lay.POSITION_COLUMNS
        self._check_headers(grid, columns)
        by_id = {p.id: p for p in stored.positions}
        current: Position | None = None
        offers: list[Position] = []
        seen: dict[str, int] = {}
        id_column = lay.column_index(columns, "id")
        for row in self._record_rows(grid, columns):
            try:
                role = from_cell(columns[0], self.cell(grid, row, 1))
            except CellError:
                raise self.fail(grid.name, "must be current or offer", row, 1) from None
            if role not in ("current", "offer"):
                raise self.fail(grid.name, "must be current or offer", row, 1)
            try:
                position_id = from_cell(columns[id_column - 1], self.cell(grid, row, id_column))
            except CellError as problem:
                raise self.fail(grid.name, problem.rule, row, id_column) from None
            if position_id in seen:
                raise self.fail(
                    grid.name,
                    f"duplicate id '{position_id}' (also in row {seen[position_id]})",
                    row,
                    id_column,
                )
            seen[position_id] = row
            position = self._position(grid, row, by_id.get(position_id), position_id)
            if role == "current":
                if current is not None:
                    raise self.fail(grid.name, "only one row can be the current job", row, 1)
                current = position
                self.places["current"] = (grid.name, row, id_column)
            else:
                self.places[f"offers[{len(offers)}]"] = (grid.name, row, id_column)
                offers.append(position)
        if current is None:
            raise self.fail(
                grid.name, "one row must have the role 'current' (the job you have now)", 2, 1
            )
        return current, tuple(offers)

    def _position(
        self, grid: _Grid, row: int, original: Position | None, position_id: str
    ) -> Position:
        columns = lay.POSITION_COLUMNS
        edits = self._edits(grid, row, columns, original)
        values: dict[str, Any]
        if original is not None:
            values = {f.name: getattr(original, f.name) for f in dataclasses.fields(Position)}
        else:
            values = {"id": position_id}
            if "base_salary" not in edits:
                raise self.fail(
                    grid.name,
                    "a new offer needs a base salary",
                    row,
                    lay.column_index(columns, "base_salary"),
                )
        equity_edits = {
            k.removeprefix("equity."): v for k, v in edits.items() if k.startswith("equity.")
        }
        values.update({k: v for k, v in edits.items() if not k.startswith("equity.")})
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
                    raise self._invalid(grid, row, columns, error, "equity.") from None
        try:
            return Position(**values)
        except InvalidValueError as error:
            raise self._invalid(grid, row, columns, error) from None

    def benchmarks(self, stored: Scenario) -> tuple[Benchmark, ...]:
        """Benchmarks in the Benchmarks sheet's order."""
        self._step(0.75, "Reading benchmarks")
        grid = self.grid(lay.BENCHMARKS)
        columns = lay.BENCHMARK_COLUMNS
        self._check_headers(grid, columns)
        by_id = {b.id: b for b in stored.benchmarks}
        out: list[Benchmark] = []
        seen: dict[str, int] = {}
        for row in self._record_rows(grid, columns):
            try:
                benchmark_id = from_cell(columns[0], self.cell(grid, row, 1))
            except CellError as problem:
                raise self.fail(grid.name, problem.rule, row, 1) from None
            if benchmark_id in seen:
                raise self.fail(
                    grid.name,
                    f"duplicate id '{benchmark_id}' (also in row {seen[benchmark_id]})",
                    row,
                    1,
                )
            seen[benchmark_id] = row
            original = by_id.get(benchmark_id)
            edits = self._edits(grid, row, columns, original)
            values: dict[str, Any] = (
                {f.name: getattr(original, f.name) for f in dataclasses.fields(Benchmark)}
                if original is not None
                else {"id": benchmark_id, "label": ""}
            )
            values.update(edits)
            try:
                benchmark = Benchmark(**values)
            except InvalidValueError as error:
                raise self._invalid(grid, row, columns, error) from None
            self.places[f"benchmarks[{len(out)}]"] = (grid.name, row, 1)
            out.append(benchmark)
        return tuple(out)

    # --- Scores ---------------------------------------------------------------------------------

    def scores(
        self, stored: Scenario, offers: tuple[Position, ...]
    ) -> tuple[tuple[Criterion, ...], tuple[Position, ...]]:
        """Criteria with the sheet's weights, labels and anchors; offers with its ratings."""
        self._step(0.85, "Reading scores")
        grid = self.grid(lay.SCORES)
        layout = lay.ScoresGrid(len(stored.criteria), 0)
        criteria = {c.id: c for c in stored.criteria}
        columns: dict[str, int] = {}
        column = layout.FIRST_RAW_COLUMN
        while column < MAX_COLUMNS and not grid.is_blank(layout.ID_ROW, column):
            raw = self.cell(grid, layout.ID_ROW, column)
            criterion_id = str(raw)
            if criterion_id not in criteria:
                raise self.fail(
                    grid.name,
                    f"no criterion with id '{criterion_id}' (add or rename criteria in the app)",
                    layout.ID_ROW,
                    column,
                )
            if criterion_id in columns:
                raise self.fail(
                    grid.name, f"duplicate criterion id '{criterion_id}'", layout.ID_ROW, column
                )
            columns[criterion_id] = column
            column += 1
        anchors = self.written.get("anchors", {})
        updated: list[Criterion] = []
        for index, criterion in enumerate(stored.criteria):
            column = columns.get(criterion.id, 0)
            if not column:
                updated.append(criterion)
                continue
            self.places[f"criteria[{index}]"] = (grid.name, layout.WEIGHT_ROW, column)
            changes: dict[str, Any] = {}
            weight = self.cell(grid, layout.WEIGHT_ROW, column)
            number = lay.Column("weight", "Weight", "number")
            if not unchanged(number, criterion.weight, weight):
                changes["weight"] = self._parse(grid, layout.WEIGHT_ROW, column, number, weight)
            label_column = lay.Column("label", "Criterion", "text")
            label = self.cell(grid, layout.HEADER_ROW, column)
            if not unchanged(label_column, criterion.label, label):
                changes["label"] = self._parse(grid, layout.HEADER_ROW, column, label_column, label)
            if criterion.kind == "money":
                changes.update(
                    self._anchors(grid, layout, column, criterion, anchors.get(criterion.id))
                )
            if changes:
                try:
                    updated.append(dataclasses.replace(criterion, **changes))
                except InvalidValueError as error:
                    row = {
                        "weight": layout.WEIGHT_ROW,
                        "label": layout.HEADER_ROW,
                        "anchor_low": layout.LOW_ROW,
                        "anchor_high": layout.HIGH_ROW,
                    }.get(error.field, layout.WEIGHT_ROW)
                    raise self.fail(grid.name, error.rule, row, column) from None
            else:
                updated.append(criterion)
        meanings = self._meanings(grid, layout, {c.id: c for c in updated})
        updated = [meanings.get(c.id, c) for c in updated]
        return tuple(updated), self._ratings(grid, layout, stored, offers, columns)

    def _parse(self, grid: _Grid, row: int, column: int, spec: lay.Column, raw: CellValue) -> Any:
        try:
            return from_cell(spec, raw)
        except CellError as problem:
            raise self.fail(grid.name, problem.rule, row, column) from None

    def _anchors(
        self,
        grid: _Grid,
        layout: lay.ScoresGrid,
        column: int,
        criterion: Criterion,
        written: Any,
    ) -> dict[str, Any]:
        """Anchor edits: a changed anchor cell becomes the criterion's own anchor (blank: derived)."""
        scale = 100.0 if criterion.metric == "vs_benchmark" else 1.0
        if not isinstance(written, list) or len(written) != 2:
            written = [
                None if criterion.anchor_low is None else criterion.anchor_low / scale,
                None if criterion.anchor_high is None else criterion.anchor_high / scale,
            ]
        spec = lay.Column("anchor", "Anchor", "optional_text")
        number = lay.Column("anchor", "Anchor", "number")
        changes: dict[str, Any] = {}
        for name, row, before in (
            ("anchor_low", layout.LOW_ROW, written[0]),
            ("anchor_high", layout.HIGH_ROW, written[1]),
        ):
            raw = self.cell(grid, row, column)
            kind = spec if isinstance(before, str) else number
            if unchanged(kind, before, raw):
                continue
            if raw is None or raw == "":
                changes[name] = None
                continue
            value = self._parse(grid, row, column, number, raw)
            changes[name] = float(f"{value * scale:.12g}") if scale != 1.0 else value
        return changes

    def _ratings(
        self,
        grid: _Grid,
        layout: lay.ScoresGrid,
        stored: Scenario,
        offers: tuple[Position, ...],
        columns: dict[str, int],
    ) -> tuple[Position, ...]:
        by_id = {o.id: o for o in offers}
        before = {o.id: o for o in stored.offers}
        ratings_ids = [c.id for c in stored.criteria if c.kind == "rating" and c.id in columns]
        spec = lay.Column("rating", "Rating", "number")
        seen: set[str] = set()
        end = self._meanings_title_row(grid, layout) or grid.max_row + 1
        for row in range(layout.FIRST_OFFER_ROW, end):
            if grid.is_blank(row, layout.OFFER_ID_COLUMN):
                continue  # a row the user inserted or emptied
            offer_id = self.cell(grid, row, layout.OFFER_ID_COLUMN)
            offer_id = str(offer_id) if not isinstance(offer_id, str) else offer_id
            if offer_id not in by_id:
                raise self.fail(
                    grid.name,
                    f"no offer with id '{offer_id}' on the Offers sheet",
                    row,
                    layout.OFFER_ID_COLUMN,
                )
            if offer_id in seen:
                raise self.fail(
                    grid.name, f"duplicate offer id '{offer_id}'", row, layout.OFFER_ID_COLUMN
                )
            seen.add(offer_id)
            offer = by_id[offer_id]
            old = before.get(offer_id)
            ratings = dict(offer.ratings)
            for criterion_id in ratings_ids:
                column = columns[criterion_id]
                raw = self.cell(grid, row, column)
                if (
                    old is not None
                    and criterion_id in old.ratings
                    and unchanged(spec, old.ratings[criterion_id], raw)
                ):
                    continue
                if raw is None or raw == "":
                    raise self.fail(grid.name, "missing rating (0 to 10)", row, column)
                value = self._parse(grid, row, column, spec, raw)
                if not 0 <= value <= 10:
                    raise self.fail(grid.name, "a rating must be between 0 and 10", row, column)
                ratings[criterion_id] = value
            if ratings != dict(offer.ratings):
                by_id[offer_id] = dataclasses.replace(offer, ratings=FrozenMap(ratings))
        return tuple(by_id[o.id] for o in offers)

    @staticmethod
    def _meanings_title_row(grid: _Grid, layout: lay.ScoresGrid) -> int | None:
        """Row of the block saying what ratings mean (it ends the offers' rows)."""
        return next(
            (
                row
                for row in range(layout.FIRST_OFFER_ROW, grid.max_row + 1)
                if grid.cells.get((row, 1), (None, ""))[0] == lay.MEANINGS_TITLE
            ),
            None,
        )

    def _meanings(
        self, grid: _Grid, layout: lay.ScoresGrid, criteria: dict[str, Criterion]
    ) -> dict[str, Criterion]:
        """Edits to what ratings of 0, 5 and 10 mean, from the block below the offers."""
        title_row = self._meanings_title_row(grid, layout)
        if title_row is None:
            return {}
        out: dict[str, Criterion] = {}
        columns = lay.MEANING_COLUMNS
        id_column = lay.column_index(columns, "id")
        for row in range(title_row + 2, grid.max_row + 1):
            if grid.is_blank(row, id_column):
                break
            criterion_id = str(self.cell(grid, row, id_column))
            criterion = criteria.get(criterion_id)
            if criterion is None:
                raise self.fail(grid.name, f"no criterion with id '{criterion_id}'", row, id_column)
            changes: dict[str, Any] = {}
            for index, column in enumerate(columns, start=1):
                if column.field not in ("meaning_0", "meaning_5", "meaning_10"):
                    continue
                raw = self.cell(grid, row, index)
                if not unchanged(column, getattr(criterion, column.field) or None, raw):
                    changes[column.field] = self._parse(grid, row, index, column, raw)
            if changes:
                try:
                    out[criterion_id] = dataclasses.replace(criterion, **changes)
                except InvalidValueError as error:
                    index = (
                        lay.column_index(columns, error.field)
                        if error.field in {c.field for c in columns}
                        else id_column
                    )
                    raise self.fail(grid.name, error.rule, row, index) from None
        return out

    # --- the whole scenario ---------------------------------------------------------------------

    def scenario(self) -> Scenario:
        self.load()
        stored = self.stored_scenario()
        current, offers = self.positions(stored)
        benchmarks = self.benchmarks(stored)
        criteria, offers = self.scores(stored, offers)
        self._step(0.95, "Checking the scenario")
        try:
            scenario = stored.replace(
                current=current, offers=offers, benchmarks=benchmarks, criteria=criteria
            )
        except InvalidValueError as error:
            raise self._place(error) from None
        self._step(1.0, "Done")
        return scenario

    def _place(self, error: InvalidValueError) -> WorkbookError:
        """A scenario-level rule (references, missing ratings) on the record it is about."""
        path = error.field
        for prefix, (sheet, row, column) in sorted(self.places.items(), key=lambda i: -len(i[0])):
            if path == prefix or path.startswith((f"{prefix}.", f"{prefix}[")):
                rest = path[len(prefix) :].lstrip(".")
                rule = error.rule
                if rest.startswith("ratings."):
                    rule = (
                        f"{rule} for criterion '{rest.removeprefix('ratings.')}': give this offer "
                        "a row on the Scores sheet"
                    )
                place = column
                if sheet == lay.OFFERS and rest and not rest.startswith("ratings."):
                    with contextlib.suppress(KeyError):
                        place = lay.column_index(lay.POSITION_COLUMNS, rest.split(".")[0])
                return self.fail(sheet, rule, row, place)
        if path.startswith("criteria"):
            layout = lay.ScoresGrid(0, 0)
            return self.fail(lay.SCORES, error.rule, layout.WEIGHT_ROW, layout.FIRST_RAW_COLUMN)
        if "benchmark" in path:  # the target role's or the search's benchmark was deleted
            return self.fail(
                lay.BENCHMARKS,
                f"{path}: {error.rule} (keep that benchmark's row, or choose another in the app)",
                lay.HEADER_ROW,
                1,
            )
        return self.fail(lay.OFFERS, f"{path}: {error.rule}", lay.HEADER_ROW, 1)


def read_workbook_bytes(
    data: bytes, *, source: str = "<workbook>", progress: Progress | None = None
) -> Scenario:
    """Import a workbook from bytes; raises only `WorkbookError` (a `DocumentError`)."""
    try:
        return _Reader(bytes(data), source, progress).scenario()
    except DocumentError:
        raise
    except (RecursionError, MemoryError):
        raise WorkbookError(
            source, None, "the workbook is too large or too deeply nested"
        ) from None
    except Exception as error:  # whatever else a hostile file provokes is bad input, not a crash
        raise WorkbookError(
            source, None, f"cannot be read ({type(error).__name__}: {error})"
        ) from None


def read_workbook(path: str | os.PathLike[str], *, progress: Progress | None = None) -> Scenario:
    """Import the workbook at `path` (never modified); raises only `WorkbookError`."""
    source = str(path)
    target = Path(path)
    try:
        if target.is_dir():
            raise WorkbookError(source, None, "is a folder, not a workbook")
        if target.stat().st_size > MAX_WORKBOOK_BYTES:
            raise WorkbookError(
                source, None, f"the file is larger than {MAX_WORKBOOK_BYTES // (1024 * 1024)} MB"
            )
        data = target.read_bytes()
    except FileNotFoundError:
        raise WorkbookError(source, None, "no such file") from None
    except PermissionError:
        raise WorkbookError(source, None, "permission denied") from None
    except OSError as error:
        raise WorkbookError(source, None, f"cannot read: {error.strerror or error}") from None
    return read_workbook_bytes(data, source=source, progress=progress)
