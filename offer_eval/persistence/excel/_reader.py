"""Import a workbook (possibly edited) back into a `Scenario`.

The hidden `_scenario` sheet gives the scenario as exported; the visible sheets give offers,
benchmarks, ratings, weights, anchors, criterion labels and the application log. A visible cell still holding what
the export wrote keeps the scenario's own value; a changed cell is parsed and validated. Nothing
in the workbook is executed: formulas are never evaluated here (a changed input that holds a
formula contributes the result the spreadsheet saved with it), and the archive is checked for
size, zip bombs and XML entity declarations before openpyxl parses it. Each sheet is read by its
own module in `sheets/`; this module loads the cells and runs them in order.
"""

from __future__ import annotations

import contextlib
import io
import os
import warnings

from openpyxl import load_workbook

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.limits import over_limit
from offer_eval.core.models import Scenario
from offer_eval.persistence.document import DocumentError
from offer_eval.persistence.excel import _layout as lay
from offer_eval.persistence.excel._context import (
    MAX_COLUMNS,
    MAX_ROWS,
    Grid,
    ImportContext,
    Progress,
    WorkbookError,
)
from offer_eval.persistence.excel._safety import MAX_WORKBOOK_BYTES, ArchiveError, check_archive
from offer_eval.persistence.excel.sheets import applications as applications_sheet
from offer_eval.persistence.excel.sheets import benchmarks as benchmarks_sheet
from offer_eval.persistence.excel.sheets import offers as offers_sheet
from offer_eval.persistence.excel.sheets import scenario as scenario_sheet
from offer_eval.persistence.excel.sheets import scores as scores_sheet
from offer_eval.persistence.inputs import InputError, read_regular_file
from offer_eval.persistence.progress import CancelCheck, checked

__all__ = ["MAX_WORKBOOK_BYTES", "WorkbookError", "read_workbook", "read_workbook_bytes"]


def _load(reading: ImportContext, data: bytes) -> None:
    """Check the archive, then read the cells (and saved formula results) of the sheets import
    uses into `reading.grids`."""
    reading.step(0.0, "Checking the file")
    try:
        check_archive(data)
    except ArchiveError as problem:
        raise reading.fail(None, str(problem)) from None
    reading.step(0.1, "Reading the workbook")
    wanted = (lay.DATA, lay.OFFERS, lay.BENCHMARKS, lay.SCORES, lay.APPLICATIONS)
    for data_only in (False, True):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it drops
            try:
                book = load_workbook(
                    io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False
                )
            except Exception as error:  # a damaged workbook is bad input, never a crash
                raise reading.fail(
                    None, f"cannot be read as a workbook ({type(error).__name__}: {error})"
                ) from None
        try:
            for name in wanted:
                if name not in book.sheetnames:
                    continue
                grid = reading.grids.setdefault(name, Grid(name))
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
            raise reading.fail(
                None, f"cannot be read as a workbook ({type(error).__name__}: {error})"
            ) from None
        finally:
            book.close()
        reading.step(0.3 if not data_only else 0.5, "Reading the workbook")


def _read(data: bytes, source: str, progress: Progress | None) -> Scenario:
    """The scenario the workbook holds: the stored one with the visible sheets' edits."""
    reading = ImportContext(source, progress)
    _load(reading, data)
    stored = scenario_sheet.read(reading)
    current, offers = offers_sheet.read(reading, stored)
    benchmarks = benchmarks_sheet.read(reading, stored)
    criteria, offers = scores_sheet.read(reading, stored, offers)
    applications = applications_sheet.read(reading, stored)
    reading.step(0.95, "Checking the scenario")
    try:
        scenario = stored.replace(
            current=current,
            offers=offers,
            benchmarks=benchmarks,
            criteria=criteria,
            applications=applications,
        )
    except InvalidValueError as error:
        raise _place(reading, error) from None
    reading.step(1.0, "Done")
    return scenario


def _place(reading: ImportContext, error: InvalidValueError) -> WorkbookError:
    """A scenario-level rule (references, missing ratings) on the record it is about."""
    path = error.field
    for prefix, (sheet, row, column) in sorted(reading.places.items(), key=lambda i: -len(i[0])):
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
            return reading.fail(sheet, rule, row, place)
    if path.startswith("criteria"):
        layout = lay.ScoresGrid(0, 0)
        return reading.fail(lay.SCORES, error.rule, layout.WEIGHT_ROW, layout.FIRST_RAW_COLUMN)
    if "benchmark" in path:  # the target role's or the search's benchmark was deleted
        return reading.fail(
            lay.BENCHMARKS,
            f"{path}: {error.rule} (keep that benchmark's row, or choose another in the app)",
            lay.HEADER_ROW,
            1,
        )
    return reading.fail(lay.OFFERS, f"{path}: {error.rule}", lay.HEADER_ROW, 1)


def read_workbook_bytes(
    data: bytes,
    *,
    source: str = "<workbook>",
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Scenario:
    """Import a workbook from bytes; raises only `WorkbookError` (a `DocumentError`).

    `cancelled()` is asked at each progress step; once it says so, `Cancelled` is raised.
    """
    try:
        scenario = _read(bytes(data), source, checked(progress, cancelled))
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
    for key, sheet, items in (
        ("offers", lay.OFFERS, scenario.offers),
        ("benchmarks", lay.BENCHMARKS, scenario.benchmarks),
        ("applications", lay.APPLICATIONS, scenario.applications),
    ):
        problem = over_limit(key, len(items))
        if problem:
            raise WorkbookError(source, sheet, problem)
    return scenario


def read_workbook(
    path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Scenario:
    """Import the workbook at `path` (never modified); raises only `WorkbookError`."""
    source = str(path)
    try:
        data = read_regular_file(path, MAX_WORKBOOK_BYTES, what="workbook")
    except InputError as error:
        raise WorkbookError(source, None, error.rule) from None
    return read_workbook_bytes(data, source=source, progress=progress, cancelled=cancelled)
