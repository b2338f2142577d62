"""Reading and writing files for the window in the background: in a worker thread, or in the
window's worker process (no Qt at import: the process imports this module to find its entry
points).

`json.loads` of a 15 MB document holds the interpreter lock for ~185 ms, openpyxl reading a
4 MB workbook for most of a second and writing a 50-offer workbook for over a second, and even
plain Python over a thousand CSV rows shares the lock in turns with the window; in a thread of
the window's process any of them would stop the window repainting. The window keeps one worker
process ready (started once after its first paint), so such work costs the window only sending
the inputs and receiving the result. Small documents parse in a few milliseconds and stay in a
thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final

from offer_eval.core.application import Application
from offer_eval.core.assumptions import SearchAssumptions
from offer_eval.core.models import Scenario
from offer_eval.gui.worker_process import JobControl, Progress, WarmProcess, run_in_process

if TYPE_CHECKING:
    import datetime as dt

    from offer_eval.core.evaluate import Evaluation, Searches
    from offer_eval.core.models import Benchmark
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
    function: Callable[..., Scenario],
    path: Path,
    process_from_bytes: int,
    worker: WarmProcess | None = None,
) -> Callable[[JobControl], Scenario]:
    """A job that runs `function(path)`: in a process when the file is big (the window's
    `worker` when given, else a fresh one), else in the thread."""

    def work(control: JobControl) -> Scenario:
        try:
            size = path.stat().st_size
        except OSError:
            size = 0  # the reader gives the proper message for a missing or unreadable file
        if size >= process_from_bytes:
            if worker is not None:
                return worker.run(control, function, str(path))
            return run_in_process(control, function, str(path))
        return function(str(path), progress=control.progress)

    return work


def prepare_worker() -> None:
    """Make the window's worker process ready for every job it runs, before the first.

    Imports the workbook reader and writer and builds what the PDF summary draws with (Qt and
    the four charts): together over a second the user would otherwise wait on the first export.
    """
    import offer_eval.persistence.benchmark_csv
    import offer_eval.persistence.excel  # noqa: F401  (openpyxl with it)
    from offer_eval.gui.summary_pdf import prepare_summary

    prepare_summary()


def workbook_for(evaluation: Evaluation, searches: Searches, *, progress: Progress) -> bytes:
    """The workbook of `evaluation` and its background `searches` as .xlsx bytes (the window
    writes them atomically)."""
    from offer_eval.persistence.excel import workbook_bytes

    return workbook_bytes(evaluation, searches=searches, progress=progress)


def read_benchmarks(
    path: str, scenario: Scenario, *, progress: Progress
) -> tuple[list[Benchmark], list[str]]:
    """Benchmarks read from a CSV file for `scenario`, and the rows refused (with reasons)."""
    from offer_eval.persistence.benchmark_csv import read_benchmarks_csv

    progress(0.0, "Reading benchmarks")
    return read_benchmarks_csv(Path(path), scenario)


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
