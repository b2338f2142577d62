"""Reading files for the window in the background: in a worker thread, or for big files in a
worker process (no Qt here: the process imports this module to find its entry point).

`json.loads` of a 15 MB document holds the interpreter lock for ~185 ms and openpyxl reading a
4 MB workbook for most of a second; in a thread of the window's process either would stop the
window repainting all that time. Small files parse in a few milliseconds, less than starting a
process costs, so they stay in a thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final

from offer_eval.core.application import Application
from offer_eval.core.assumptions import SearchAssumptions
from offer_eval.core.models import Scenario
from offer_eval.gui.worker_process import JobControl, Progress, run_in_process

if TYPE_CHECKING:
    import datetime as dt

    from offer_eval.persistence.applications_csv import CsvImport
    from offer_eval.present.applications import LogReport

PROCESS_DOCUMENT_BYTES: Final = 4 * 1024 * 1024
PROCESS_WORKBOOK_BYTES: Final = 1024 * 1024
# An application log this long is worked out (and a CSV this big read) in a process: pure Python
# over thousands of rows in a thread holds the interpreter lock in turns with the window.
PROCESS_APPLICATIONS: Final = 1_000
PROCESS_LOG_BYTES: Final = 100 * 1024


def read_document(path: str, *, progress: Progress) -> Scenario:
    """A scenario file, checked and migrated (raises DocumentError)."""
    from offer_eval.persistence.document import load

    progress(0.0, "Reading the comparison")
    return load(path)


def read_workbook_file(path: str, *, progress: Progress) -> Scenario:
    """A workbook written by Offer Eval, possibly edited (raises DocumentError)."""
    from offer_eval.persistence.excel import read_workbook

    return read_workbook(path, progress=progress)


def reading_job(
    function: Callable[..., Scenario], path: Path, process_from_bytes: int
) -> Callable[[JobControl], Scenario]:
    """A job that runs `function(path)`: in a process when the file is big, else in the thread."""

    def work(control: JobControl) -> Scenario:
        try:
            size = path.stat().st_size
        except OSError:
            size = 0  # the reader gives the proper message for a missing or unreadable file
        if size >= process_from_bytes:
            return run_in_process(control, function, str(path))
        return function(str(path), progress=control.progress)

    return work


def work_out_log(
    applications: tuple[Application, ...],
    search: SearchAssumptions,
    today: dt.date,
    *,
    progress: Progress,
) -> LogReport:
    """The Applications tab's figures for a log (see `present.applications.log_report`)."""
    from offer_eval.present.applications import log_report

    progress(0.0, "Working out your application log")
    return log_report(applications, search, today)


def read_log_csv(
    path: str,
    existing: tuple[Application, ...],
    search: SearchAssumptions,
    today: dt.date,
    *,
    progress: Progress,
) -> tuple[CsvImport, LogReport]:
    """A CSV log read (raises DocumentError), and the figures of the log with its rows added."""
    from offer_eval.persistence.applications_csv import read_applications_file
    from offer_eval.present.applications import log_report

    progress(0.0, "Reading the applications")
    result = read_applications_file(
        path, today=today, existing=(a.id for a in existing), existing_count=len(existing)
    )
    progress(0.6, "Working out your application log")
    return result, log_report((*existing, *result.applications), search, today)
