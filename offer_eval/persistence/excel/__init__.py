"""Excel export and import: a workbook a spreadsheet user can keep working in.

    workbook_bytes(evaluation, progress=None) -> bytes       the .xlsx, built from one evaluate()
    write_workbook(evaluation, path, progress=None, cancelled=None)  the same, written atomically
    read_workbook(path, progress=None, cancelled=None) -> Scenario   import: edits in the sheets
    read_workbook_bytes(data, source=..., progress=None, cancelled=None)  the same from bytes

Problems on import raise `WorkbookError` (a `DocumentError` whose path is the sheet and cell,
e.g. ``Offers!J3``). `progress(fraction, what)` is called as the work advances, for a GUI bar;
`cancelled()` is asked at each step and, once it says so, `Cancelled` is raised with every file
left as it was. Neither needs Qt, so a worker thread or process can run them.
"""

from __future__ import annotations

import os

from offer_eval.core.evaluate import Evaluation, Searches
from offer_eval.persistence.atomic import atomic_write
from offer_eval.persistence.excel._reader import (
    MAX_WORKBOOK_BYTES,
    WorkbookError,
    read_workbook,
    read_workbook_bytes,
)
from offer_eval.persistence.excel._writer import Progress, workbook_bytes
from offer_eval.persistence.progress import CancelCheck, Cancelled, check_cancel, checked

SUFFIX = ".xlsx"

__all__ = [
    "MAX_WORKBOOK_BYTES",
    "SUFFIX",
    "CancelCheck",
    "Cancelled",
    "Progress",
    "WorkbookError",
    "read_workbook",
    "read_workbook_bytes",
    "workbook_bytes",
    "write_workbook",
]


def write_workbook(
    evaluation: Evaluation,
    path: str | os.PathLike[str],
    *,
    searches: Searches | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> None:
    """Write the workbook for `evaluation` to `path` atomically (built in memory first).

    A cancel (`cancelled()` asked at each progress step) raises `Cancelled` before the file is
    touched.
    """
    data = workbook_bytes(evaluation, searches=searches, progress=checked(progress, cancelled))
    check_cancel(cancelled)
    atomic_write(path, data)
