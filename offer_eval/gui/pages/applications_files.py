"""The Applications tab's rows from elsewhere: pasted from a spreadsheet, read from a CSV file
(in the background, a big one in a worker process), and the log written back out as CSV.

A mixin of `ApplicationsPage`, kept apart so that each file reads in one sitting.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from offer_eval.core.application import Application
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.models import Scenario
from offer_eval.editing.applications import add_applications
from offer_eval.gui import dialogs
from offer_eval.gui.applications_model import COLUMN_KEYS
from offer_eval.gui.background import JobControl, JobKind
from offer_eval.gui.file_tasks import PROCESS_APPLICATIONS, PROCESS_LOG_BYTES, read_log_csv
from offer_eval.gui.worker_process import run_in_process
from offer_eval.persistence.applications_csv import CsvImport, RowProblem
from offer_eval.present.applications import LogReport

if TYPE_CHECKING:
    from offer_eval.gui.controller import DocumentController
    from offer_eval.gui.tables import ProblemLabel

READ_APPLICATIONS: Final = JobKind(
    "applications-csv", "Reading applications", expected=(OSError, ValueError, InvalidValueError)
)
WRITE_APPLICATIONS: Final = JobKind(
    "applications-csv-export", "Writing applications", expected=(OSError,)
)
MOST_PROBLEMS_SHOWN: Final = 8
SELECT_ROWS: Final = 200  # rows added at once up to which the last one is selected


def problems_text(what: str, result: CsvImport, offered: int) -> str:
    """One plain paragraph: how many rows were added and why the others were not."""
    added = len(result.applications)
    lines = [f"Added {added:,} of {offered:,} rows from {what}."]

    def listed(title: str, problems: tuple[RowProblem, ...]) -> None:
        if not problems:
            return
        shown = [f"line {p.line}: {p.reason}" for p in problems[:MOST_PROBLEMS_SHOWN]]
        more = len(problems) - len(shown)
        lines.append(f"{title} " + "; ".join(shown) + (f"; and {more:,} more." if more else "."))

    listed("Refused:", result.refused)
    listed("Kept, but check:", result.warnings)
    return " ".join(lines)


class LogFiles:
    """Paste, import and export for the Applications tab (see `ApplicationsPage`)."""

    _controller: DocumentController
    today: dt.date
    problem: ProblemLabel
    _import_report: str

    def _show_warnings(self) -> None:
        raise NotImplementedError

    def select(self, application_id: str, column: int = 0) -> None:
        raise NotImplementedError

    def _prime(self, scenario: Scenario, report: LogReport) -> None:
        raise NotImplementedError

    def _parent_widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    @Slot()
    def paste(self) -> None:
        clipboard = QGuiApplication.clipboard()
        text = clipboard.text() if clipboard is not None else ""
        self.paste_text(text)

    def paste_text(self, text: str) -> None:
        """Add pasted rows as one step; the rows refused are listed by pasted line."""
        from offer_eval.persistence.applications_csv import read_pasted
        from offer_eval.persistence.document import DocumentError

        if not text.strip():
            self.problem.show_text("Nothing to paste: copy rows from a spreadsheet first.")
            return
        scenario = self._controller.scenario
        try:
            result = read_pasted(
                text,
                COLUMN_KEYS,
                today=self.today,
                existing=(a.id for a in scenario.applications),
                existing_count=len(scenario.applications),
            )
        except DocumentError as error:
            self.problem.show_text(f"Cannot paste: {error.rule}")
            return
        offered = len(result.applications) + len(result.refused)
        self._add_rows(result, "the pasted rows", offered, "Paste")

    def _add_rows(
        self,
        result: CsvImport,
        what: str,
        offered: int,
        verb: str,
        report: tuple[tuple[Application, ...], LogReport] | None = None,
    ) -> None:
        """Add the rows read as one step; `report`, when given, is the figures of the log they
        make, worked out with them (for that log, as `(log it was worked out for, figures)`)."""
        controller = self._controller
        self._import_report = problems_text(what, result, offered)
        if result.applications:
            rows = result.applications
            taken = {a.id for a in controller.scenario.applications}
            if any(a.id in taken for a in rows):  # an id taken while the file was read
                self._import_report += " Some ids were taken meanwhile; nothing was added."
                self._show_warnings()
                return
            try:
                changed = add_applications(controller.scenario, rows)
            except InvalidValueError as error:  # rows added by hand while the file was read
                self._import_report += f" Nothing was added: the log holds {error.rule}."
                self._show_warnings()
                return
            if report is not None and report[0] == changed.applications:
                self._prime(changed, report[1])
            controller.edit(
                changed, f"{verb} {len(rows):,} application{'' if len(rows) == 1 else 's'}"
            )
            if len(rows) <= SELECT_ROWS:
                self.select(rows[-1].id)
            else:  # moving the cursor through a long table costs more than a frame
                self._import_report += " They are at the end of the table."
        self._show_warnings()

    @Slot()
    def import_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._parent_widget(),
            "Import applications",
            "",
            "CSV files (*.csv *.txt *.tsv);;All files (*)",
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Read a CSV log in the background; its good rows are added later as one undoable step.

        A big file is read, and the log it makes worked out, in a separate process: thousands of
        rows of pure Python in a thread would hold the interpreter lock in turns with the window.
        """
        scenario = self._controller.scenario
        today = self.today
        existing, search = scenario.applications, scenario.search

        def read(control: JobControl) -> tuple[CsvImport, LogReport]:
            control.progress(0.0, f"Reading {path.name}")
            try:
                size = path.stat().st_size
            except OSError:
                size = 0  # the reader says what is wrong with a missing or unreadable file
            if size >= PROCESS_LOG_BYTES or len(existing) > PROCESS_APPLICATIONS:
                return run_in_process(control, read_log_csv, str(path), existing, search, today)
            return read_log_csv(str(path), existing, search, today, progress=control.progress)

        def arrived(outcome: tuple[CsvImport, LogReport]) -> None:
            result, report = outcome
            offered = len(result.applications) + len(result.refused)
            made = (*existing, *result.applications)
            self._add_rows(result, path.name, offered, "Import", (made, report))

        self._controller.background.submit(
            READ_APPLICATIONS,
            read,
            arrived,
            failed=lambda message: dialogs.show_error(
                self._parent_widget(), "Cannot import applications", f"{path.name}: {message}"
            ),
        )

    @Slot()
    def export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self._parent_widget(), "Export applications", "applications.csv", "CSV files (*.csv)"
        )
        if path:
            self.export_file(Path(path))

    def export_file(self, path: Path) -> None:
        """Write the log as CSV in the background (atomically: a failed write leaves no file)."""
        from offer_eval.persistence.applications_csv import applications_csv
        from offer_eval.persistence.atomic import atomic_write

        rows = self._controller.scenario.applications

        def write(control: JobControl) -> Path:
            control.progress(0.0, f"Writing {path.name}")
            atomic_write(path, applications_csv(rows))
            return path

        def written(target: Path) -> None:
            self._import_report = f"Wrote {len(rows):,} applications to {target.name}."
            self._show_warnings()

        self._controller.background.submit(
            WRITE_APPLICATIONS,
            write,
            written,
            failed=lambda message: dialogs.show_error(
                self._parent_widget(), "Cannot export applications", f"{path.name}: {message}"
            ),
        )
