"""Excel export and import: a workbook a spreadsheet user can keep working in.

    workbook_bytes(evaluation, progress=None) -> bytes       the .xlsx, built from one evaluate()
    write_workbook(evaluation, path, progress=None)          the same, written atomically
    read_workbook(path, progress=None) -> Scenario           import: edits in the visible sheets
    read_workbook_bytes(data, source=..., progress=None)     the same from bytes

Problems on import raise `WorkbookError` (a `DocumentError` whose path is the sheet and cell,
e.g. ``Offers!J3``). `progress(fraction, what)` is called as the work advances, for a GUI bar.
"""

from __future__ import annotations

import os

from offer_eval.core.evaluate import Evaluation
from offer_eval.persistence.atomic import atomic_write
from offer_eval.persistence.excel._reader import (
    MAX_WORKBOOK_BYTES,
    WorkbookError,
    read_workbook,
    read_workbook_bytes,
)
from offer_eval.persistence.excel._writer import Progress, workbook_bytes

SUFFIX = ".xlsx"

__all__ = [
    "MAX_WORKBOOK_BYTES",
    "SUFFIX",
    "Progress",
    "WorkbookError",
    "read_workbook",
    "read_workbook_bytes",
    "workbook_bytes",
    "write_workbook",
]


def write_workbook(
    evaluation: Evaluation, path: str | os.PathLike[str], *, progress: Progress | None = None
) -> None:
    """Write the workbook for `evaluation` to `path` atomically (built in memory first)."""
    atomic_write(path, workbook_bytes(evaluation, progress=progress))
