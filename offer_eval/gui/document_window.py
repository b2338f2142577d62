"""The window's file commands: open, save, revert, export, import and crash recovery.

`MainWindow` builds on this; keeping the file dialogs and their error messages here leaves the
window module to the layout, the menus and reacting to the document.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Final

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFileDialog, QMainWindow

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.models import Scenario
from offer_eval.gui import dialogs
from offer_eval.gui.background import JobControl, JobKind
from offer_eval.gui.charts.base import ChartPanel
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.file_tasks import (
    PROCESS_DOCUMENT_BYTES,
    PROCESS_WORKBOOK_BYTES,
    prepare_worker,
    read_document,
    read_workbook_file,
    reading_job,
    workbook_for,
)
from offer_eval.gui.settings import WindowState
from offer_eval.gui.worker_process import WarmProcess
from offer_eval.persistence.document import SUFFIX, DocumentError
from offer_eval.persistence.outputs import resolve_output, write_atomically

FILE_FILTER: Final = f"Offer Eval comparisons (*{SUFFIX});;JSON files (*.json);;All files (*)"


def _describe(error: BaseException) -> str:
    """A file error as the user reads it: where in the file, and the rule it breaks."""
    if isinstance(error, DocumentError):
        return f"{error.path}: {error.rule}" if error.path else error.rule
    return str(error)


# Reading a file for this window: a newer open, import or revert supersedes one still running.
READ_FILE = JobKind(
    "read-file",
    "Reading the file",
    expected=(DocumentError, OSError, InvalidValueError),
    describe=_describe,
)
WRITE_WORKBOOK = JobKind("export", "Writing the workbook", expected=(DocumentError, OSError))
WRITE_PDF = JobKind(
    "pdf", "Writing the PDF summary", expected=(DocumentError, OSError), describe=_describe
)


class DocumentWindow(QMainWindow):
    """A window over one comparison document and the file it came from."""

    controller: DocumentController
    window_state: WindowState
    _file_worker: WarmProcess | None = None

    def _document_name(self) -> str:
        path = self.controller.file_path
        return (
            path.name
            if path is not None
            else self.controller.scenario.name or "Untitled comparison"
        )

    @Slot()
    def _update_title(self, *args: object) -> None:
        self.setWindowTitle(f"{self._document_name()}[*] — Offer Eval")
        self.setWindowModified(self.controller.is_modified)

    # --- files --------------------------------------------------------------------------------------

    def maybe_save(self, action: str) -> bool:
        """True when it is fine to drop the current document (saved, or the user said so)."""
        if not self.controller.is_modified:
            return True
        choice = dialogs.ask_save_changes(self, self._document_name(), action)
        if choice is dialogs.SaveChoice.SAVE:
            return self.save()
        return choice is dialogs.SaveChoice.DISCARD

    def open_dialog(self) -> None:
        if not self.maybe_save("opening another comparison"):
            return
        path, _ = QFileDialog.getOpenFileName(
            self, "Open comparison", self.window_state.last_directory, FILE_FILTER
        )
        if path:
            self.open_path(Path(path), ask=False)

    def open_path(self, path: Path, *, ask: bool = True) -> bool:
        """Start opening a scenario file; True when started (the result arrives later).

        A bad file gives a message and changes nothing; Cancel leaves the current document.
        """
        if ask and not self.maybe_save("opening another comparison"):
            return False

        def opened(scenario: Scenario) -> None:
            self.controller.replace_document(scenario, path)
            self.window_state.add_recent_file(path)
            self.window_state.last_directory = str(path.parent)

        def failed(message: str) -> None:
            if not path.exists():
                self.window_state.remove_recent_file(path)
            dialogs.show_error(
                self, "Cannot open the comparison", f"{path.name} could not be opened.\n\n{message}"
            )

        self.controller.background.submit(
            READ_FILE,
            reading_job(read_document, path, PROCESS_DOCUMENT_BYTES, self.file_worker()),
            opened,
            failed=failed,
        )
        return True

    def save(self) -> bool:
        if self.controller.file_path is None:
            return self.save_as()
        return self._save_to(self.controller.file_path)

    def save_as(self) -> bool:
        suggested = self.controller.file_path or Path(
            self.window_state.last_directory or Path.home()
        ) / (_file_stem(self.controller.scenario.name) + SUFFIX)
        path, _ = QFileDialog.getSaveFileName(self, "Save comparison", str(suggested), FILE_FILTER)
        if not path:
            return False
        target = Path(path)
        if not target.name.endswith((SUFFIX, ".json")):
            target = target.with_name(target.name + SUFFIX)
        return self._save_to(target)

    def _save_to(self, path: Path) -> bool:
        try:
            self.controller.save(path)
        except DocumentError as error:
            dialogs.show_error(
                self, "Cannot save", f"The comparison was not saved to {path}.\n\n{error.rule}"
            )
            return False
        self.window_state.add_recent_file(path)
        self.window_state.last_directory = str(path.parent)
        self.statusBar().showMessage(f"Saved {path.name}", 5_000)
        self._update_title()
        return True

    def revert(self) -> None:
        path = self.controller.file_path
        if path is None:
            return
        if self.controller.is_modified and not dialogs.confirm(
            self, "Revert", f"Throw away every change since {path.name} was last saved?", "Revert"
        ):
            return

        def reverted(scenario: Scenario) -> None:
            self.controller.replace_document(scenario, path)

        self.controller.background.submit(
            READ_FILE,
            reading_job(read_document, path, PROCESS_DOCUMENT_BYTES, self.file_worker()),
            reverted,
            failed=lambda message: dialogs.show_error(
                self, "Cannot revert", f"{path.name} could not be read.\n\n{message}"
            ),
        )

    def export_chart(self, chart: ChartPanel) -> None:
        suggested = (
            Path(self.window_state.last_directory or Path.home()) / f"{_file_stem(chart.title)}.png"
        )
        path, _ = QFileDialog.getSaveFileName(
            self,
            f"Export {chart.title} chart",
            str(suggested),
            "PNG image (*.png);;SVG image (*.svg)",
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in (".png", ".svg"):
            target = target.with_name(target.name + ".png")
        try:
            chart.export_image(target)
        except OSError as error:
            dialogs.show_error(self, "Cannot export the chart", str(error))
            return
        self.window_state.last_directory = str(target.parent)
        self.statusBar().showMessage(f"Exported {target.name}", 5_000)

    def _ask_output_path(self, suffix: str, title: str, file_filter: str) -> Path | None:
        """Ask where to write an export, suggesting the comparison's name in the last folder;
        a name typed without `suffix` gets it. None when the user cancels."""
        suggested = Path(self.window_state.last_directory or Path.home()) / (
            _file_stem(self.controller.scenario.name) + suffix
        )
        chosen, _ = QFileDialog.getSaveFileName(self, title, str(suggested), file_filter)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        return path

    def _submit_export(
        self,
        kind: JobKind,
        target: Path,
        make: Callable[[JobControl], bytes],
        failure_title: str,
    ) -> None:
        """Run an export in the background: `make` gives the file's bytes (every progress report
        a cancel point), then `target` is replaced whole, so a cancelled or failed export leaves
        any existing file as it was. The status bar says how it ended."""

        def export(control: JobControl) -> None:
            data = make(control)
            control.check()  # cancelled while the bytes came back: write nothing
            write_atomically(target, data)

        def exported(_: None) -> None:
            self.window_state.last_directory = str(target.parent)
            self.statusBar().showMessage(f"Exported {target.name}", 5_000)

        self.controller.background.submit(
            kind,
            export,
            exported,
            failed=lambda message: dialogs.show_error(
                self, failure_title, f"{target.name}: {message}"
            ),
            cancelled=lambda: self.statusBar().showMessage("Export cancelled", 5_000),
        )

    def export_excel(self, path: Path | None = None) -> bool:
        """Start writing the workbook (every figure, live) from a full-resolution evaluation.

        Returns True when started. The evaluation is the window's own (worked out in a worker
        thread if not shown yet); openpyxl builds the workbook in the window's worker process,
        where it cannot hold up the window. Progress and Cancel as for any background work.
        """
        if path is None:
            path = self._ask_output_path(".xlsx", "Export to Excel", "Excel workbook (*.xlsx)")
            if path is None:
                return False
        evaluation_work = self.controller.full_evaluation_work()
        searches_for = self.controller.searches_for
        worker = self.file_worker()

        def make(control: JobControl) -> bytes:
            evaluation = evaluation_work(control)
            searches = searches_for(evaluation.scenario)
            return worker.run(control, workbook_for, evaluation, searches)

        self._submit_export(WRITE_WORKBOOK, path, make, "Cannot export the workbook")
        return True

    def export_pdf(self, path: Path | None = None) -> bool:
        """Start writing the one- or two-page PDF summary; True when started.

        The window's full-resolution evaluation, with its searches (worked out in a worker
        thread if not done yet), is drawn in the window's worker process: charts are widgets,
        painted only by a GUI thread, and in a process of its own that thread is not the
        window's.
        """
        if path is None:
            path = self._ask_output_path(".pdf", "Export summary as PDF", "PDF document (*.pdf)")
            if path is None:
                return False
        # Drawn by the worker process, which imports it by name; here it is only named. It
        # brings the other tabs' charts, so the window does not import it before its first paint.
        from offer_eval.gui.summary_pdf import summary_for

        target = path
        evaluation_work = self.controller.full_evaluation_work()
        searches_for = self.controller.searches_for
        worker = self.file_worker()

        def make(control: JobControl) -> bytes:
            resolve_output(target)  # a folder or a missing one: say so before drawing
            evaluation = evaluation_work(control)
            searches = searches_for(evaluation.scenario)
            return worker.run(control, summary_for, evaluation, searches)

        self._submit_export(WRITE_PDF, target, make, "Cannot export the summary")
        return True

    def file_worker(self) -> WarmProcess:
        """The process that reads and writes big files and draws PDF summaries for this window;
        started after the first paint (`start_file_worker`), or on first need."""
        if self._file_worker is None:
            self._file_worker = WarmProcess(prepare_worker)
        return self._file_worker

    def start_file_worker(self) -> None:
        """Have the worker process started and prepared before the user asks for an export.

        In the background: spawning it from this thread would stall the window."""
        self.file_worker().start_in_background()

    def close_file_worker(self) -> None:
        if self._file_worker is not None:
            self._file_worker.close()
            self._file_worker = None

    def import_excel(self, path: Path | None = None) -> bool:
        """Start reading a workbook back as a new, unsaved comparison; True when started."""
        if not self.maybe_save("importing a workbook"):
            return False
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self,
                "Import from Excel",
                self.window_state.last_directory,
                "Excel workbook (*.xlsx)",
            )
            if not chosen:
                return False
            path = Path(chosen)
        source = path

        def imported(scenario: Scenario) -> None:
            self.controller.replace_document(scenario, None, unsaved=True)
            self.statusBar().showMessage(f"Imported {source.name}: save it to keep it", 8_000)

        self.controller.background.submit(
            READ_FILE,
            reading_job(read_workbook_file, source, PROCESS_WORKBOOK_BYTES, self.file_worker()),
            imported,
            failed=lambda message: dialogs.show_error(
                self,
                "Cannot import the workbook",
                f"{source.name} could not be read.\n\n{message}",
            ),
        )
        return True

    # --- crash recovery -----------------------------------------------------------------------------

    def check_for_recovery(self) -> None:
        """Offer back autosaves left by sessions that did not close properly."""
        store = self.controller.autosave_store
        if store is None:
            return
        from offer_eval.gui.autosave import AutosaveStore

        for leftover in store.leftovers():
            choice = dialogs.ask_recover(self, leftover)
            if choice is dialogs.RecoverChoice.RESTORE:
                self._restore(leftover)
                AutosaveStore.discard(leftover)
                return
            if choice is dialogs.RecoverChoice.DISCARD:
                AutosaveStore.discard(leftover)
            else:
                return

    def _restore(self, leftover: object) -> None:
        from offer_eval.gui.autosave import Leftover
        from offer_eval.persistence.document import load

        assert isinstance(leftover, Leftover)
        try:
            scenario = load(leftover.path)
        except DocumentError as error:
            dialogs.show_error(
                self, "Cannot recover", f"The autosave could not be read.\n\n{error.rule}"
            )
            return
        saved = None
        if leftover.original is not None and leftover.original.exists():
            try:
                saved = load(leftover.original)
            except DocumentError:
                saved = None
        self.controller.replace_document(
            scenario, leftover.original if saved is not None else None, unsaved=True, saved=saved
        )
        self.statusBar().showMessage("Recovered unsaved changes: save them to keep them", 10_000)


def _file_stem(name: str) -> str:
    """A file name from a comparison's name: letters, digits and dashes only."""
    stem = "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-")
    while "--" in stem:
        stem = stem.replace("--", "-")
    return stem[:60] or "comparison"
