"""What the sheet modules share while a workbook is written or read.

Writing: `ExportContext` holds the evaluation and the few things one sheet leaves for another
(the Scores grid the Summary links to, the anchors the hidden sheet records, the number blocks
spliced in after saving). Reading: `ImportContext` holds the cells of every sheet import reads,
turns a broken rule into a `WorkbookError` naming sheet and cell, and remembers where each
record sits so that a scenario-level problem can be placed on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

from offer_eval.core.decision import DecisionResult
from offer_eval.core.evaluate import Evaluation, Searches
from offer_eval.core.models import Scenario
from offer_eval.core.trajectory import TrajectoryResult
from offer_eval.persistence.document import DocumentError
from offer_eval.persistence.excel import _layout as lay
from offer_eval.persistence.excel._bulk import NumberBlock
from offer_eval.persistence.excel._styles import MoneyFormats
from offer_eval.persistence.excel._values import CellError, CellValue, from_cell

Progress = Callable[[float, str], None]
"""Called with the fraction done (0 to 1) and what is being written or read, for a progress bar."""


# --- writing ------------------------------------------------------------------------------------


class ExportContext:
    """One export: the evaluation every sheet shows, and what sheets hand on to later ones."""

    def __init__(self, evaluation: Evaluation, searches: Searches | None = None) -> None:
        self.evaluation = evaluation
        # The background searches, when they ran for this very scenario.
        self.searches = searches if searches and searches.scenario == evaluation.scenario else None
        self.scenario: Scenario = evaluation.scenario
        self.money = MoneyFormats.for_currency(self.scenario.currency)
        self.decision: DecisionResult | None = evaluation.decision
        self.trajectory: TrajectoryResult | None = evaluation.trajectory
        self.grid = lay.ScoresGrid(len(self.scenario.criteria), len(self.scenario.offers))
        # Money anchors as the Scores sheet wrote them; the hidden sheet records them for import.
        self.written_anchors: dict[str, list[float | str | None]] = {}
        # Number blocks spliced into the saved XML; built after saving, when sheet paths exist.
        self.blocks: list[Callable[[], NumberBlock]] = []

    def benchmark_label(self, benchmark_id: str | None) -> str | None:
        """The label of a benchmark, or None when there is no such benchmark."""
        benchmark = self.scenario.benchmark(benchmark_id)
        return benchmark.label if benchmark is not None else None


# --- reading ------------------------------------------------------------------------------------

MAX_ROWS: Final = max(10_000, lay.LAST_APPLICATION_ROW)  # import reads no row or column
# beyond these (a full application log ends on its row)
MAX_COLUMNS: Final = 400


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


@dataclass(slots=True)
class Grid:
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
        """Is the cell empty (or empty text)?"""
        value, _ = self.cells.get((row, column), (None, "n"))
        return value is None or value == ""


class ImportContext:
    """One import: the sheets' cells, and every problem as a `WorkbookError` naming the cell."""

    def __init__(self, source: str, progress: Progress | None) -> None:
        self.source = source
        self.progress = progress
        self.grids: dict[str, Grid] = {}
        # What the export showed in cells that are not plain model values (the money anchors).
        self.written: dict[str, Any] = {}
        # JSON path prefix of each record -> (sheet, row, column), to place scenario-level problems.
        self.places: dict[str, tuple[str, int, int]] = {}

    def fail(
        self, sheet: str | None, rule: str, row: int | None = None, column: int | None = None
    ) -> WorkbookError:
        """The error for a broken rule at a sheet's cell (or the whole file)."""
        return WorkbookError(self.source, sheet, rule, row, column)

    def step(self, fraction: float, what: str) -> None:
        """Report progress, if anyone listens."""
        if self.progress is not None:
            self.progress(fraction, what)

    def grid(self, name: str) -> Grid:
        """The cells of sheet `name`; a missing sheet is an error."""
        grid = self.grids.get(name)
        if grid is None:
            raise self.fail(
                name,
                f"the {name} sheet is missing (it must keep its name; export again from the app)",
            )
        return grid

    def cell(self, grid: Grid, row: int, column: int) -> CellValue:
        """A cell's value; a formula without a saved result or an error value is an error."""
        try:
            return grid.raw(row, column)
        except CellError as problem:
            raise self.fail(grid.name, problem.rule, row, column) from None

    def parse(self, grid: Grid, row: int, column: int, spec: lay.Column, raw: CellValue) -> Any:
        """The model value of a changed cell, read as `spec` says."""
        try:
            return from_cell(spec, raw)
        except CellError as problem:
            raise self.fail(grid.name, problem.rule, row, column) from None
