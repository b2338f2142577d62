"""The benchmarks tab: market benchmarks in a table, the shipped sourced figures and CSV import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton, QWidget

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.evaluate import Evaluation
from offer_eval.core.models import Benchmark
from offer_eval.editing.edits import add_benchmarks, new_benchmark, remove_benchmark
from offer_eval.gui import dialogs
from offer_eval.gui.background import JobControl, JobKind
from offer_eval.gui.charts.base import ChartPanel
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.file_tasks import read_benchmarks
from offer_eval.gui.record_models import BenchmarksModel
from offer_eval.gui.record_panels import RecordPanel
from offer_eval.gui.tables import make_button

READ_BENCHMARKS = JobKind(
    "benchmark-csv", "Reading benchmarks", expected=(OSError, ValueError, InvalidValueError)
)


class BenchmarksPanel(RecordPanel):
    """Market benchmarks: a table, the shipped sourced figures and CSV import."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(controller, BenchmarksModel(controller), "Benchmarks", parent)
        self.add_button = make_button(
            "Add benchmark", "Add benchmark", "Add a benchmark to fill in yourself", self.add
        )
        self.shipped_button = QToolButton()
        self.shipped_button.setText("Add published figures")
        self.shipped_button.setAccessibleName("Add published figures")
        self.shipped_button.setToolTip(
            "Sourced figures that ship with Offer Eval (ONS ASHE, ITJobsWatch)"
        )
        self.shipped_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.shipped_menu = QMenu(self.shipped_button)
        self.shipped_menu.aboutToShow.connect(self._fill_shipped)
        self.shipped_button.setMenu(self.shipped_menu)
        self.import_button = make_button(
            "Import CSV…",
            "Import benchmarks from CSV",
            "Read benchmarks from a CSV file (one row each)",
            self.import_csv,
        )
        self.remove_button = make_button(
            "Remove", "Remove benchmark", "Remove the selected benchmark", self.remove
        )
        for widget in (
            self.add_button,
            self.shipped_button,
            self.import_button,
            self.remove_button,
        ):
            self.buttons.addWidget(widget)
        self.buttons.addStretch(1)
        self.empty_hint.setText(
            "No benchmarks yet. Add published figures, import a CSV, or add your own: "
            "a benchmark tells you whether an offer is low or high for the role."
        )
        self._sync()

    @property
    def charts(self) -> tuple[ChartPanel, ...]:
        """No charts on this page."""
        return ()

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """Nothing here depends on results beyond what the table's model follows itself."""

    def _sync(self, *args: object) -> None:
        super()._sync()
        self.remove_button.setEnabled(self.selected_id() is not None)

    @Slot()
    def add(self) -> None:
        row = new_benchmark(self._controller.scenario)
        if self._add([row], "Add benchmark"):
            self.select(row.id)

    def _add(self, rows: list[Benchmark], what: str) -> bool:
        """Add `rows` as one undoable step, or say why not (the most benchmarks a comparison
        holds); True if they were added."""
        try:
            changed = add_benchmarks(self._controller.scenario, rows)
        except InvalidValueError as error:
            dialogs.show_error(self, "Cannot add benchmarks", error.rule.capitalize() + ".")
            return False
        self._controller.edit(changed, what)
        return True

    def _fill_shipped(self) -> None:
        from offer_eval.core.benchmarks import shipped_benchmarks

        self.shipped_menu.clear()
        have = {b.id for b in self._controller.scenario.benchmarks}
        for row in shipped_benchmarks():
            action = self.shipped_menu.addAction(row.label)
            action.setEnabled(row.id not in have)
            action.setToolTip(row.source)
            action.triggered.connect(lambda _checked=False, r=row: self._add_shipped(r))

    def _add_shipped(self, row: object) -> None:
        from offer_eval.core.models import Benchmark

        assert isinstance(row, Benchmark)
        if self._add([row], f"Add benchmark {row.label}"):
            self.select(row.id)

    @Slot()
    def remove(self) -> None:
        benchmark_id = self.selected_id()
        if benchmark_id is None:
            return
        label = self._controller.scenario.benchmark(benchmark_id)
        self._controller.edit(
            remove_benchmark(self._controller.scenario, benchmark_id),
            f"Remove benchmark {label.label if label else benchmark_id}",
        )

    @Slot()
    def import_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import benchmarks", "", "CSV files (*.csv);;All files (*)"
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        """Start reading a CSV file; every valid row is added later as one undoable step.

        Returns True when the read started. The rows are added to the scenario as it is when
        they arrive, so an edit made meanwhile is kept (an id taken meanwhile gets a fresh one).
        """
        from offer_eval.gui.document_window import DocumentWindow

        controller = self._controller
        scenario = controller.scenario
        window = self.window()
        # In the window's worker process: a thousand rows of pure Python in a thread would share
        # the interpreter lock with the window in turns (and importing the reader here would
        # stall it); a panel outside a window reads in the thread.
        worker = window.file_worker() if isinstance(window, DocumentWindow) else None

        def read(control: JobControl) -> tuple[list[Benchmark], list[str]]:
            if worker is not None:
                return worker.run(control, read_benchmarks, str(path), scenario)
            return read_benchmarks(str(path), scenario, progress=control.progress)

        def arrived(outcome: tuple[list[Benchmark], list[str]]) -> None:
            rows, problems = outcome
            if rows and self._add(rows, f"Import {len(rows)} benchmarks from {path.name}"):
                self.select(rows[-1].id)
            if problems:
                text = f"Imported {len(rows)} of {len(rows) + len(problems)} rows from {path.name}."
                dialogs.show_error(self, "Some rows were not imported", text, "\n".join(problems))

        controller.background.submit(
            READ_BENCHMARKS,
            read,
            arrived,
            failed=lambda message: dialogs.show_error(
                self, "Cannot import benchmarks", f"{path.name}: {message}"
            ),
        )
        return True
