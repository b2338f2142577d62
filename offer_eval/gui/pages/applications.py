"""The Applications tab: the user's own log in a table, what it says about their rates, and charts.

Every change to the log is one undoable edit (add, duplicate, remove, a cell, a paste, an
import). Reading a CSV runs in the background; its refused rows are listed by file line beside
the table and the good rows are added as one step. "Set rates from my applications" puts the
log's counts into the search history, and the forecast follows.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.evaluate import Evaluation
from offer_eval.core.models import Scenario
from offer_eval.editing.applications import (
    add_application_after,
    duplicate_application,
    new_application,
    remove_applications,
    set_rates_from_applications,
)
from offer_eval.gui.applications_model import (
    ApplicationsModel,
    ApplicationsProxy,
)
from offer_eval.gui.background import JobControl, JobKind
from offer_eval.gui.charts.applications import (
    CallbackRateChart,
    ChannelChart,
    FunnelChart,
    MonthlyApplicationsChart,
)
from offer_eval.gui.charts.base import ChartPanel
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.delegates import FieldDelegate
from offer_eval.gui.file_tasks import (
    work_out_log,
)
from offer_eval.gui.fit_scroll import FitScrollArea
from offer_eval.gui.pages.applications_files import LogFiles
from offer_eval.gui.tables import ProblemLabel, make_button, make_table
from offer_eval.gui.worker_process import run_in_process
from offer_eval.present.applications import (
    APPLICATION_FIELD,
    APPLICATIONS_PER_MONTH_LABEL,
    NO_EXPERIENCED_DATE,
    NONE_EXPERIENCED,
    NONE_SINCE_EXPERIENCED,
    RATE_ROWS,
    SET_RATES_HELP,
    SET_RATES_LABEL,
    LogReport,
    experienced_from_text,
    figures_key,
    log_report,
    per_month_text,
    rates_in_use,
    remember_figures,
    summary_rate_text,
)

LOG_FIGURES: Final = JobKind(
    "applications-figures", "Working out your applications", cancellable=False
)
SYNC_ROWS: Final = (
    1_000  # a log this long is worked out at once (~40 ms); a longer one in the background
)
SLICE_MS: Final = 1  # between two charts' redraws: the window paints the first (and takes
# input) before the second starts; a zero delay would let both run before the paint
NARROW_PX: Final = 1_100  # below this page width the charts go two to a row
PAGE: Final = "Applications"
# As wide as the figures of the rates box get.
WIDEST_FIGURES: Final = (
    "88.8% (likely 88.8–88.8%), 8,888 of 8,888",
    NO_EXPERIENCED_DATE,
    NONE_EXPERIENCED,
    NONE_SINCE_EXPERIENCED,
)


class ApplicationsPage(LogFiles, QWidget):
    """The log, its rates and its charts."""

    def __init__(
        self,
        controller: DocumentController,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self.today = today or dt.date.today()
        self.model = ApplicationsModel(controller, self, today=self.today)
        self.proxy = ApplicationsProxy(self.model, self)
        self.view = make_table(f"Table: {PAGE}")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.delegate = FieldDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self._size_columns()
        # Wide enough for row 10,000 from the start: a header that widens as rows arrive makes
        # the whole tab lay itself out again.
        rows = self.view.verticalHeader()
        rows.setFixedWidth(rows.fontMetrics().horizontalAdvance("88888") + 12)
        self.problem = ProblemLabel(PAGE)
        self.delegate.problem.connect(self.problem.show_text)
        self.model.edit_rejected.connect(self.problem.show_text)
        self.model.edit_accepted.connect(self.problem.clear_text)
        self.notice = QLabel("")
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(f"Status: {PAGE}")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._import_report = ""

        self.add_button = make_button(
            "Add", "Add application", "Add an application sent today", self.add
        )
        self.duplicate_button = make_button(
            "Duplicate",
            "Duplicate application",
            "Copy the selected application (another role at the same employer, say)",
            self.duplicate,
        )
        self.remove_button = make_button(
            "Remove", "Remove application", "Remove the selected applications (Delete)", self.remove
        )
        self.paste_button = make_button(
            "Paste rows",
            "Paste applications",
            "Add rows copied from a spreadsheet (Ctrl+V in the table): with a header row, or "
            "in this table's column order",
            self.paste,
        )
        self.import_button = make_button(
            "Import CSV…",
            "Import applications from CSV",
            "Add the rows of a CSV log (dates as 2025-03-14, 14/03/2025 or 14 Mar 2025)",
            self.import_csv,
        )
        self.export_button = make_button(
            "Export CSV…",
            "Export applications to CSV",
            "Write the log to a CSV file",
            self.export_csv,
        )
        self.filter_edit = QLineEdit()
        self.filter_edit.setAccessibleName(f"Filter: {PAGE}")
        self.filter_edit.setPlaceholderText("employer, role, stage…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setToolTip("Show only the rows containing every word typed here")
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter_edit.textChanged.connect(lambda _text: self._filter_timer.start())
        filter_label = QLabel("F&ilter")
        filter_label.setBuddy(self.filter_edit)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.duplicate_button,
            self.remove_button,
            self.paste_button,
            self.import_button,
            self.export_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(filter_label)
        buttons.addWidget(self.filter_edit)
        self.empty_hint = QLabel(
            "No applications yet. Add them one by one, paste rows from a spreadsheet or import "
            "a CSV: your own callback rate is the best guide to your next months."
        )
        self.empty_hint.setWordWrap(True)
        self._paste_action = QAction("Paste rows", self.view)
        self._paste_action.setShortcut(QKeySequence.StandardKey.Paste)
        self._paste_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._paste_action.triggered.connect(self.paste)
        self.view.addAction(self._paste_action)
        self._delete_action = QAction("Remove", self.view)
        self._delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self._delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._delete_action.triggered.connect(self.remove)
        self.view.addAction(self._delete_action)

        table_side = QWidget()
        table_layout = QVBoxLayout(table_side)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addLayout(buttons)
        table_layout.addWidget(self.empty_hint)
        table_layout.addWidget(self.view, 1)
        table_layout.addWidget(self.problem)
        table_layout.addWidget(self.notice)

        self.rates_box = self._build_rates()
        self.funnel = FunnelChart()
        self.monthly = MonthlyApplicationsChart()
        self.callback_rate = CallbackRateChart()
        self.channels = ChannelChart()
        for chart in self.charts:
            chart.setMinimumHeight(210)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        self._grid = grid
        self._narrow: bool | None = None
        self.arrange(narrow=False)
        chart_side = QWidget()
        chart_side.setLayout(grid)
        self.chart_area = FitScrollArea()
        self.chart_area.setAccessibleName(f"Rates and charts: {PAGE}")
        self.chart_area.setWidget(chart_side)
        self.chart_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(table_side)
        self.splitter.addWidget(self.chart_area)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

        self._report: LogReport | None = None
        self._report_key: tuple[object, ...] | None = None
        self._pending_report = False
        self._latest: Evaluation | None = None
        self._waiting: list[ChartPanel] = []  # charts yet to draw a long log that changed
        self._slice_timer = QTimer(self)
        self._slice_timer.setSingleShot(True)
        self._slice_timer.setInterval(SLICE_MS)
        self._slice_timer.timeout.connect(self._hand_next)
        self._drawn_log_key: tuple[object, ...] | None = None
        self.model.modelReset.connect(self._sync)
        self.view.selectionModel().selectionChanged.connect(lambda *_args: self._sync())
        self.view.selectionModel().currentChanged.connect(lambda *_args: self._sync())
        controller.scenario_changed.connect(self._follow_log)
        self._follow_log(controller.scenario)
        self._sync()

    # --- the Page protocol ------------------------------------------------------------------------

    @property
    def charts(self) -> tuple[ChartPanel, ...]:
        return (self.funnel, self.channels, self.monthly, self.callback_rate)

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """Hand the charts a new evaluation: at once when the log is short or unchanged (a
        slider leaves it alone, and they skip the redraw); when a long log changed, one chart per
        slice (see `SLICE_MS`), the first after the edit itself has been shown, since drawing and
        painting four charts with new axes at once takes several frames. A chart still waiting
        for its turn takes the newest evaluation then."""
        scenario = evaluation.scenario
        key = figures_key(scenario.applications, scenario.search)
        changed = key != self._drawn_log_key
        self._drawn_log_key = key
        self._latest = evaluation
        if changed and len(scenario.applications) > SYNC_ROWS:
            self._redraw_in_slices()
            return
        if changed:
            self._waiting = []
        for chart in self.charts:
            if chart not in self._waiting:
                chart.set_evaluation(evaluation)

    def _redraw_in_slices(self) -> None:
        """Every chart redraws, one per slice, so that the window paints each before the next."""
        self._waiting = list(self.charts)
        for chart in self._waiting:
            chart.mark_stale()  # out of date (and so redrawn) until its turn
        if not self._slice_timer.isActive():
            self._slice_timer.start()

    @Slot()
    def _hand_next(self) -> None:
        """The next waiting chart draws the newest evaluation; the rest wait for a slice more."""
        if self._waiting:
            chart = self._waiting.pop(0)
            if self._latest is not None:
                chart.set_evaluation(self._latest)
            else:
                chart.force_refresh()
        if self._waiting:
            self._slice_timer.start()

    # --- layout -----------------------------------------------------------------------------------

    def arrange(self, *, narrow: bool) -> None:
        """Wide: the rates, the funnel and the channels in a row, the two charts by month below.
        Narrow: the rates alone on top, then the charts two by two (three in a row would leave
        each too little room for its labels)."""
        if narrow == self._narrow:
            return
        self._narrow = narrow
        grid = self._grid
        for widget in (self.rates_box, *self.charts):
            grid.removeWidget(widget)
        if narrow:
            places = (
                (self.rates_box, 0, 0, 1, 6),
                (self.funnel, 1, 0, 1, 3),
                (self.channels, 1, 3, 1, 3),
                (self.monthly, 2, 0, 1, 3),
                (self.callback_rate, 2, 3, 1, 3),
            )
        else:
            places = (
                (self.rates_box, 0, 0, 1, 2),
                (self.funnel, 0, 2, 1, 2),
                (self.channels, 0, 4, 1, 2),
                (self.monthly, 1, 0, 1, 3),
                (self.callback_rate, 1, 3, 1, 3),
            )
        for widget, row, column, rows, columns in places:
            grid.addWidget(widget, row, column, rows, columns)
        for column in range(6):
            grid.setColumnStretch(column, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.arrange(narrow=event.size().width() < NARROW_PX)

    def _size_columns(self) -> None:
        header = self.view.horizontalHeader()
        metrics = self.view.fontMetrics()
        char = metrics.averageCharWidth()
        for number, column in enumerate(self.model.columns):
            width = max(
                char * column.width,
                metrics.horizontalAdvance(column.sample) + 14,
                header.fontMetrics().horizontalAdvance(column.spec.label) + 28,  # + sort arrow
            )
            self.view.setColumnWidth(number, width)
            header.setSectionResizeMode(number, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

    def _build_rates(self) -> QGroupBox:
        box = QGroupBox("Your rates from the log")
        box.setAccessibleName(f"Rates: {PAGE}")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.rate_labels: dict[str, QLabel] = {}
        for key, label, tip in (
            *RATE_ROWS,
            (
                "applications_per_month",
                APPLICATIONS_PER_MONTH_LABEL,
                "Over the 3 months ending at your latest application; the likely range is "
                "that of a steady rate that gives such a count (10th to 90th percentile).",
            ),
            (
                "experienced_from",
                "Counted as experienced from",
                "The experience threshold "
                "after the day you started work in the new field (set both on Assumptions).",
            ),
        ):
            value = QLabel("–")  # one line each: the box's least height is then exact
            value.setTextFormat(Qt.TextFormat.PlainText)
            # As wide as the widest figure from the start, whatever it shows: a box that widens
            # when a log arrives resizes the charts beside and below it, all at once.
            metrics = value.fontMetrics()
            value.setMinimumWidth(max(metrics.horizontalAdvance(t) for t in WIDEST_FIGURES) + 4)
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            value.setAccessibleName(f"{label}: {PAGE}")
            value.setToolTip(tip)
            caption = QLabel(label)
            caption.setToolTip(tip)
            form.addRow(caption, value)
            self.rate_labels[key] = value
        self.in_use = QLabel("")
        self.in_use.setAccessibleName(f"Rates in use: {PAGE}")
        form.addRow(self.in_use)
        self.set_rates_button = make_button(
            SET_RATES_LABEL, SET_RATES_LABEL, SET_RATES_HELP, self.set_rates
        )
        form.addRow(self.set_rates_button)
        return box

    # --- showing ----------------------------------------------------------------------------------

    def _follow_log(self, scenario: Scenario) -> None:
        """Work the log out again when it (or what splits it) changed: here for a log of a few
        hundred rows, in the background for a big one, so the window never stalls on it."""
        key = (*figures_key(scenario.applications, scenario.search), self.today)
        if self._report_key is not None and all(
            a is b or a == b for a, b in zip(key, self._report_key, strict=True)
        ):
            if self._pending_report and self._report is not None:
                self._pending_report = False
                self._take_report(self._report)
            elif self._report is not None:
                self._show_in_use(scenario)
            return
        self._report_key = key
        applications, search, today = scenario.applications, scenario.search, self.today
        if len(applications) <= SYNC_ROWS:
            self._controller.background.supersede(LOG_FIGURES)
            self._take_report(log_report(applications, search, today))
            return
        self._report = None
        for label in self.rate_labels.values():
            label.setText("working out…")

        def work(control: JobControl) -> LogReport:
            return run_in_process(control, work_out_log, applications, search, today)

        def arrived(report: LogReport) -> None:
            remember_figures(applications, search, report.figures)
            if self._report_key == key:
                self._take_report(report)
                self._redraw_in_slices()

        self._controller.background.submit(LOG_FIGURES, work, arrived)

    def _prime(self, scenario: Scenario, report: LogReport) -> None:
        """Take a report worked out elsewhere as that of `scenario`'s log (shown once it is
        current), so that making it current starts no second piece of work."""
        remember_figures(scenario.applications, scenario.search, report.figures)
        self._report_key = (*figures_key(scenario.applications, scenario.search), self.today)
        self._controller.background.supersede(LOG_FIGURES)
        self._report = report
        self._pending_report = True

    def _take_report(self, report: LogReport) -> None:
        self._report = report
        figures = report.figures
        self.set_rates_button.setEnabled(figures is not None)
        if figures is None:
            for label in self.rate_labels.values():
                label.setText("–")
        else:
            for key, _label, _tip in RATE_ROWS:
                self.rate_labels[key].setText(summary_rate_text(figures, key))
            per_month = figures.per_month
            self.rate_labels["applications_per_month"].setText(
                per_month_text(per_month) if per_month is not None else "–"
            )
            self.rate_labels["experienced_from"].setText(experienced_from_text(figures))
        self._show_in_use(self._controller.scenario)
        self._show_warnings()

    def _show_in_use(self, scenario: Scenario) -> None:
        report = self._report
        if report is None or report.figures is None:
            text = "The forecast uses the Assumptions tab's rates."
        elif rates_in_use(scenario.search, report.novice):
            text = "The forecast uses these counts."
        else:
            text = "The forecast uses the Assumptions tab's rates, not these."
        if self.in_use.text() != text:
            self.in_use.setText(text)

    @Slot()
    def _sync(self) -> None:
        self.empty_hint.setVisible(self.model.rowCount() == 0)
        selected = self.selected_ids()
        self.duplicate_button.setEnabled(len(selected) == 1)
        self.remove_button.setEnabled(bool(selected))
        self.export_button.setEnabled(self.model.rowCount() > 0)

    def _show_warnings(self) -> None:
        found = self._report.warnings if self._report is not None else ()
        parts = [self._import_report] if self._import_report else []
        if found:
            shown = [
                f"row {row + 1} {APPLICATION_FIELD[key].label}: {reason}"
                for row, key, reason in found[:5]
            ]
            more = len(found) - len(shown)
            parts.append(
                f"{len(found):,} cells to check: "
                + "; ".join(shown)
                + (f"; and {more:,} more." if more else ".")
            )
        text = " ".join(parts)
        if self.notice.text() != text:
            self.notice.setText(text)
        self.notice.setVisible(bool(text))

    @Slot()
    def _apply_filter(self) -> None:
        self.proxy.set_filter_text(self.filter_edit.text())

    # --- selection --------------------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        """The applications with a selected cell (or the current one), in table order."""
        rows = {index.row() for index in self.view.selectionModel().selectedIndexes()}
        current = self.view.currentIndex()
        if not rows and current.isValid():
            rows = {current.row()}
        ids = []
        for row in sorted(rows):
            source = self.proxy.mapToSource(self.proxy.index(row, 0))
            if source.isValid():
                ids.append(self.model.record_id(self.model.record(source.row())))
        return ids

    def select(self, application_id: str, column: int = 0) -> None:
        row = self.model.row_of(application_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, column))
        if not index.isValid():  # filtered out: show it
            self.filter_edit.clear()
            self._apply_filter()
            index = self.proxy.mapFromSource(self.model.index(row, column))
        self.view.setCurrentIndex(index)
        self.view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)
        self._sync()

    # --- edits ------------------------------------------------------------------------------------

    @Slot()
    def add(self) -> None:
        scenario = self._controller.scenario
        row = new_application(scenario, self.today)
        selected = self.selected_ids()
        after = selected[-1] if selected else None
        try:
            changed = add_application_after(scenario, row, after)
        except InvalidValueError as error:
            self.problem.show_text(error.rule)
            return
        self._controller.edit(changed, "Add application")
        self.select(row.id, 1)

    @Slot()
    def duplicate(self) -> None:
        selected = self.selected_ids()
        if len(selected) != 1:
            return
        try:
            scenario, new_id = duplicate_application(self._controller.scenario, selected[0])
        except InvalidValueError as error:
            self.problem.show_text(error.rule)
            return
        self._controller.edit(scenario, "Duplicate application")
        self.select(new_id)

    @Slot()
    def remove(self) -> None:
        selected = self.selected_ids()
        if not selected:
            return
        text = (
            "Remove application" if len(selected) == 1 else f"Remove {len(selected)} applications"
        )
        self._controller.edit(remove_applications(self._controller.scenario, selected), text)
        self._sync()

    @Slot()
    def set_rates(self) -> None:
        try:
            changed = set_rates_from_applications(self._controller.scenario)
        except ValueError as error:
            self.problem.show_text(str(error))
            return
        self._controller.edit(changed, SET_RATES_LABEL)
