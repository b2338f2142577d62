"""Build the workbook from one `Evaluation`, so it shows exactly the app's figures.

Sheets: Summary (side by side, with the assumptions), Offers (inputs), Benchmarks, Scores (live
formulas), Take-home, Trajectory, Applications (the log, with a live funnel), and the hidden
`_scenario` holding the full scenario. Each is written by its own module in `sheets/`; this
module runs them in order and saves. Text cells are always typed as text; formulas are only the
ones the sheet modules write, over our own cells.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from openpyxl import Workbook

from offer_eval.core.evaluate import Evaluation, Searches
from offer_eval.persistence.excel import _layout as lay
from offer_eval.persistence.excel._bulk import splice
from offer_eval.persistence.excel._context import ExportContext, Progress
from offer_eval.persistence.excel._sheet import SheetWriter
from offer_eval.persistence.excel.sheets import (
    applications,
    benchmarks,
    offers,
    scenario,
    scores,
    summary,
    take_home,
    trajectory,
)

__all__ = ["Progress", "workbook_bytes"]

SheetWrite = Callable[[SheetWriter, ExportContext], None]

# The order sheets are written in (their order in the workbook is `lay.SHEETS`). Scores comes
# first: the Summary links to its cells. The hidden sheet comes last: it records the anchors the
# Scores sheet wrote.
_STEPS: tuple[tuple[str, SheetWrite], ...] = (
    (lay.SCORES, scores.write),
    (lay.SUMMARY, summary.write),
    (lay.OFFERS, offers.write),
    (lay.BENCHMARKS, benchmarks.write),
    (lay.TAKE_HOME, take_home.write),
    (lay.TRAJECTORY, trajectory.write),
    (lay.APPLICATIONS, applications.write),
    (lay.DATA, scenario.write),
)


def workbook_bytes(
    evaluation: Evaluation, *, searches: Searches | None = None, progress: Progress | None = None
) -> bytes:
    """The workbook for `evaluation` as .xlsx bytes (write them with `atomic_write`).

    `searches` are the background searches for the same scenario (`evaluate_searches`): with them
    the Summary shows each offer's lowest offer worth taking; without them that row is left out.
    """

    def step(fraction: float, what: str) -> None:
        if progress is not None:
            progress(fraction, what)

    export = ExportContext(evaluation, searches)
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets = {name: workbook.create_sheet(name) for name in lay.SHEETS}
    styles: dict[Any, Any] = {}  # resolved cell styles, shared by every sheet of this workbook
    for index, (name, write) in enumerate(_STEPS):
        step(index / (len(_STEPS) + 1), f"Writing {name}")
        write(SheetWriter(sheets[name], styles), export)
    sheets[lay.DATA].sheet_state = "hidden"
    workbook.active = 0
    workbook.calculation.fullCalcOnLoad = True  # Excel recalculates every formula on open
    step(len(_STEPS) / (len(_STEPS) + 1), "Saving")
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = splice(buffer.getvalue(), [block() for block in export.blocks])
    step(1.0, "Done")
    return data
