"""The window's file commands: open, save, revert, export, import and crash recovery.

`MainWindow` builds on this; keeping the file dialogs and their error messages here leaves the
window module to the layout, the menus and reacting to the document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QFileDialog, QMainWindow, QProgressDialog

from offer_eval.gui import dialogs
from offer_eval.gui.charts.base import ChartPanel
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.settings import WindowState
from offer_eval.persistence.document import SUFFIX, DocumentError

FILE_FILTER: Final = f"Offer Eval comparisons (*{SUFFIX});;JSON files (*.json);;All files (*)"


class DocumentWindow(QMainWindow):
    """A window over one comparison document and the file it came from."""

    controller: DocumentController
    window_state: WindowState

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
        """Open a scenario file; a bad file gives a message and changes nothing."""
        if ask and not self.maybe_save("opening another comparison"):
            return False
        try:
            self.controller.open(path)
        except DocumentError as error:
            if error.rule == "no such file":
                self.window_state.remove_recent_file(path)
            dialogs.show_error(
                self,
                "Cannot open the comparison",
                f"{path.name} could not be opened.\n\n{error.path}: {error.rule}",
            )
            return False
        self.window_state.add_recent_file(path)
        self.window_state.last_directory = str(path.parent)
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
        try:
            self.controller.revert()
        except DocumentError as error:
            dialogs.show_error(
                self, "Cannot revert", f"{path.name} could not be read.\n\n{error.rule}"
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

    def export_excel(self, path: Path | None = None) -> bool:
        """Write the workbook from a full-resolution evaluation, with progress (every figure, live)."""
        if path is None:
            suggested = Path(self.window_state.last_directory or Path.home()) / (
                _file_stem(self.controller.scenario.name) + ".xlsx"
            )
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export to Excel", str(suggested), "Excel workbook (*.xlsx)"
            )
            if not chosen:
                return False
            path = Path(chosen)
            if path.suffix.lower() != ".xlsx":
                path = path.with_name(path.name + ".xlsx")
        progress = self._progress("Writing the workbook…")
        try:
            from offer_eval.persistence.excel import write_workbook

            evaluation = self.controller.full_evaluation()
            write_workbook(
                evaluation,
                path,
                progress=lambda fraction, what: self._advance(progress, fraction, what),
            )
        except (DocumentError, OSError) as error:
            dialogs.show_error(self, "Cannot export the workbook", f"{path.name}: {error}")
            return False
        finally:
            progress.close()
        self.window_state.last_directory = str(path.parent)
        self.statusBar().showMessage(f"Exported {path.name}", 5_000)
        return True

    def import_excel(self, path: Path | None = None) -> bool:
        """Read a workbook back as a new, unsaved comparison."""
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
        progress = self._progress("Reading the workbook…")
        try:
            from offer_eval.persistence.excel import read_workbook

            scenario = read_workbook(
                path, progress=lambda fraction, what: self._advance(progress, fraction, what)
            )
        except DocumentError as error:
            dialogs.show_error(
                self,
                "Cannot import the workbook",
                f"{path.name} could not be read.\n\n{error.path}: {error.rule}",
            )
            return False
        finally:
            progress.close()
        self.controller.replace_document(scenario, None, unsaved=True)
        self.statusBar().showMessage(f"Imported {path.name}: save it to keep it", 8_000)
        return True

    def _progress(self, text: str) -> QProgressDialog:
        dialog = QProgressDialog(text, "", 0, 100, self)
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAccessibleName("Progress")
        dialog.setValue(0)
        return dialog

    @staticmethod
    def _advance(dialog: QProgressDialog, fraction: float, what: str) -> None:
        dialog.setLabelText(what)
        dialog.setValue(int(max(0.0, min(1.0, fraction)) * 100))

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
