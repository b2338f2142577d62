"""The main window: banner, verdict, tabs of editors and charts, the what-if dock, menus and files.

Only the first tab is built before the window first paints; the others are built the first time
they are shown (or by `build_all_tabs`, for tests and the self-test), which keeps start-up fast.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Final

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.evaluate import Evaluation
from offer_eval.core.models import Scenario
from offer_eval.core.money_text import format_money
from offer_eval.core.trajectory import OfferTrajectory
from offer_eval.gui import dialogs
from offer_eval.gui.charts.base import ChartPanel, wrap_label
from offer_eval.gui.charts.compensation import CompensationChart
from offer_eval.gui.charts.paycut import PayCutChart
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.edits import display_names, set_negotiation
from offer_eval.gui.settings import Preferences, WindowState
from offer_eval.gui.tables import PositionsPanel, name_corner
from offer_eval.gui.theme import (
    banner_colors,
    chart_theme,
    cut_gain_colors,
    dark_palette,
    install_visible_checks,
    is_dark,
)
from offer_eval.gui.verdict import VerdictStrip
from offer_eval.gui.whatif import WhatIfPanel
from offer_eval.persistence.document import SUFFIX, DocumentError

FILE_FILTER: Final = f"Offer Eval comparisons (*{SUFFIX});;JSON files (*.json);;All files (*)"
TAB_OFFERS, TAB_TRAJECTORY, TAB_DECISION, TAB_BENCHMARKS, TAB_ASSUMPTIONS = range(5)
TAB_TITLES: Final = ("Offers", "Trajectory", "Decision", "Benchmarks", "Assumptions")


class DemoBanner(QFrame):
    """Says plainly that the figures on screen are an illustrative example, and how to start."""

    def __init__(self, on_start: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demo_banner")
        self.setAccessibleName("Illustrative example banner")
        self.label = QLabel(
            "<b>Illustrative example.</b> This comparison is a worked example: figures marked "
            "“illustrative” were not published anywhere. Start your own to use your figures."
        )
        self.label.setWordWrap(True)
        self.start_button = QPushButton("Start my own comparison…")
        self.start_button.setAccessibleName("Start my own comparison")
        self.start_button.clicked.connect(on_start)
        self.hide_button = QToolButton()
        self.hide_button.setText("Hide")
        self.hide_button.setAccessibleName("Hide illustrative example banner")
        self.hide_button.clicked.connect(self.dismiss)
        self.dismissed = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.start_button)
        layout.addWidget(self.hide_button)

    def dismiss(self) -> None:
        self.dismissed = True
        self.hide()

    def set_dark(self, dark: bool) -> None:
        background, text = banner_colors(dark)
        self.setStyleSheet(
            f"#demo_banner {{ background: {background}; border-radius: 4px; }}"
            f" #demo_banner QLabel {{ color: {text}; }}"
        )


SUMMARY_ROWS: Final[tuple[tuple[str, str, Callable[[OfferTrajectory], str]], ...]] = (
    (
        "Months to a better offer",
        "Expected months until you accept an offer paying more than this job would then.",
        lambda t: f"{t.expected_months_to_better_offer:.1f}",
    ),
    (
        "Better offer within 6 months",
        "Chance of accepting a better-paid offer within 6 months, searching on.",
        lambda t: f"{t.p_better_within_6:.0%}",
    ),
    (
        "Better offer within 12 months",
        "Chance of accepting a better-paid offer within 12 months, searching on.",
        lambda t: f"{t.p_better_within_12:.0%}",
    ),
    (
        "Pays off from month",
        "From this month on, accepting and searching has earned more on average than declining.",
        lambda t: "never" if t.break_even_month is None else str(t.break_even_month),
    ),
    (
        "Present value",
        "Net earnings of accepting and searching over the horizon, discounted to today.",
        lambda t: format_money(t.present_value),
    ),
    (
        "Net earnings over 3 years",
        "Average net earnings over the first 36 months when you accept and keep searching.",
        lambda t: format_money(t.expected_earnings_3y),
    ),
)


class TrajectoryPage(QWidget):
    """The trajectory tab: an offer chooser, the salary fan, cumulative earnings and a summary."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from offer_eval.gui.charts.trajectory import CumulativeChart, TrajectoryChart

        self._controller = controller
        self._evaluation: Evaluation | None = None
        self._summary_stale = False
        self._summary_headers: list[str] = []
        self.offer_box = QComboBox()
        self.offer_box.setAccessibleName("Offer: Trajectory")
        self.offer_box.setToolTip("Which offer's strategies to draw")
        self.offer_box.currentIndexChanged.connect(self._on_offer)
        self.fan = TrajectoryChart()
        self.cumulative = CumulativeChart()
        self.summary = QTableWidget()
        self.summary.setAccessibleName("Table: Trajectory summary")
        self.summary.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary.setTabKeyNavigation(False)
        self.summary.setCornerButtonEnabled(False)
        name_corner(self.summary)
        self.summary.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.summary.horizontalHeader().setMinimumSectionSize(
            self.fontMetrics().horizontalAdvance("£888,888") + 24
        )
        chooser = QHBoxLayout()
        label = QLabel("Offer")
        label.setBuddy(self.offer_box)
        chooser.addWidget(label)
        chooser.addWidget(self.offer_box)
        chooser.addStretch(1)
        charts = QSplitter(Qt.Orientation.Vertical)
        charts.addWidget(self.fan)
        charts.addWidget(self.cumulative)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(charts)
        body.addWidget(self.summary)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        body.setSizes([700, 420])
        self.summary.verticalHeader().setMinimumWidth(self.fontMetrics().averageCharWidth() * 26)
        self.splitter = body
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(chooser)
        layout.addWidget(body, 1)
        controller.structure_changed.connect(self._fill_offers)
        controller.evaluation_settled.connect(self._on_settled)
        self._fill_offers(controller.scenario)
        if controller.evaluation is not None:
            self._on_settled(controller.evaluation)

    @property
    def charts(self) -> tuple[ChartPanel, ...]:
        return (self.fan, self.cumulative)

    def _on_settled(self, evaluation: Evaluation) -> None:
        """The summary table is text: it follows settled results, not every slider step."""
        self._evaluation = evaluation
        self._summary_stale = True
        if self.isVisible():
            self._fill_summary()

    def _fill_offers(self, scenario: Scenario) -> None:
        names = display_names(scenario)
        wanted = self.offer_box.currentData()
        self.offer_box.blockSignals(True)
        self.offer_box.clear()
        for offer in scenario.offers:
            self.offer_box.addItem(names[offer.id], offer.id)
        index = self.offer_box.findData(wanted)
        self.offer_box.setCurrentIndex(index if index >= 0 else 0)
        self.offer_box.blockSignals(False)
        self._on_offer()

    def _on_offer(self) -> None:
        offer_id = self.offer_box.currentData()
        self.fan.set_offer(offer_id)
        self.cumulative.set_offer(offer_id)

    def set_evaluation(self, evaluation: Evaluation) -> None:
        """Take a new evaluation for the charts (the summary table waits for settled results)."""
        for chart in self.charts:
            chart.set_evaluation(evaluation)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._summary_stale:
            self._fill_summary()

    def _fill_summary(self) -> None:
        evaluation = self._evaluation
        if evaluation is None:
            return
        self._summary_stale = False
        trajectory = evaluation.trajectory
        names = display_names(evaluation.scenario)
        offers = [o.id for o in evaluation.scenario.offers]
        headers = [wrap_label(names[o], 16) for o in offers] or ["–"]
        if self.summary.columnCount() != len(headers) or self._summary_headers != headers:
            self._summary_headers = headers
            self.summary.setRowCount(len(SUMMARY_ROWS) + 1)
            self.summary.setColumnCount(len(headers))
            self.summary.setHorizontalHeaderLabels(headers)
            self.summary.setVerticalHeaderLabels(
                [label for label, _tip, _get in SUMMARY_ROWS] + ["Lowest offer worth taking"]
            )
            for row, (_label, tip, _get) in enumerate(SUMMARY_ROWS):
                self.summary.verticalHeaderItem(row).setToolTip(tip)
            self.summary.verticalHeaderItem(len(SUMMARY_ROWS)).setToolTip(
                "If you were searching without a job, an offer below this is worth turning down."
            )
            # One figure for the whole search, not for the first offer: it spans every column.
            self.summary.clearSpans()
            if len(headers) > 1:
                self.summary.setSpan(len(SUMMARY_ROWS), 0, 1, len(headers))
        for row, (_label, tip, get) in enumerate(SUMMARY_ROWS):
            for column, offer_id in enumerate(offers):
                item = trajectory.offers.get(offer_id) if trajectory is not None else None
                self._set_cell(row, column, get(item) if item is not None else "–", tip)
        reservation = trajectory.reservation_salary if trajectory is not None else None
        self._set_cell(
            len(SUMMARY_ROWS),
            0,
            format_money(reservation) if reservation else "–",
            "The same for every offer: it comes from the job search, not from an offer.",
        )

    def _set_cell(self, row: int, column: int, text: str, tip: str) -> None:
        cell = self.summary.item(row, column)
        if cell is None:
            cell = QTableWidgetItem(text)
            cell.setToolTip(tip)
            self.summary.setItem(row, column, cell)
        elif cell.text() != text:
            cell.setText(text)


class DecisionPage(QWidget):
    """The decision tab: criteria and weights above, the score and its stability below."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from offer_eval.gui.charts.decision import ScoreChart, StabilityChart
        from offer_eval.gui.record_panels import CriteriaPanel

        self.criteria = CriteriaPanel(controller)
        self.score = ScoreChart()
        self.stability = StabilityChart()
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(self.score)
        charts.addWidget(self.stability)
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(self.criteria)
        body.addWidget(charts)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 1)
        self.splitter = body
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(body)

    @property
    def charts(self) -> tuple[ChartPanel, ...]:
        return (self.score, self.stability)

    def set_evaluation(self, evaluation: Evaluation) -> None:
        for chart in self.charts:
            chart.set_evaluation(evaluation)


class MainWindow(QMainWindow):
    """One comparison in a window."""

    def __init__(
        self,
        controller: DocumentController,
        *,
        preferences: Preferences | None = None,
        window_state: WindowState | None = None,
        check_recovery: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        application = QApplication.instance()
        if isinstance(application, QApplication):
            install_visible_checks(application)
        self.controller = controller
        self.preferences = preferences if preferences is not None else Preferences()
        self.window_state = window_state if window_state is not None else WindowState()
        self.dark = is_dark()
        self.charts: list[ChartPanel] = []
        self.pages: dict[int, QWidget] = {}
        self._closing_ok = False
        self._check_recovery = check_recovery
        self.setObjectName("main_window")
        self.setWindowTitle("Offer Eval")

        self.banner = DemoBanner(self.new_comparison)
        self.verdict = VerdictStrip()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Views")
        for title in TAB_TITLES:
            placeholder = QWidget()
            placeholder.setObjectName(f"placeholder_{title.lower()}")
            self.tabs.addTab(placeholder, title)
        self._build_offers_page()
        self.tabs.currentChanged.connect(self._on_tab_changed)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(6, 6, 6, 0)
        column.setSpacing(6)
        column.addWidget(self.banner)
        column.addWidget(self.verdict)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.whatif = WhatIfPanel(controller, build=False)  # filled in after the first paint
        self.whatif_dock = QDockWidget("What if…", self)
        self.whatif_dock.setObjectName("whatif_dock")
        self.whatif_dock.setAccessibleName("What if")
        self.whatif_dock.setWidget(self.whatif)
        self.whatif_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.whatif_dock)

        self.status_label = QLabel("")
        self.status_label.setAccessibleName("Calculation status")
        self.statusBar().addPermanentWidget(self.status_label)
        self._build_actions()
        self._build_menus()

        controller.evaluation_changed.connect(self._on_evaluation)
        controller.evaluation_settled.connect(self._on_evaluation_settled)
        controller.evaluation_failed.connect(self._on_evaluation_failed)
        controller.refining_changed.connect(self._on_refining)
        controller.modified_changed.connect(self._update_title)
        controller.file_changed.connect(self._update_title)
        controller.scenario_changed.connect(self._on_scenario)
        controller.structure_changed.connect(self._update_actions)
        controller.undo_stack.indexChanged.connect(self._update_actions)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.apply_color_scheme)

        self._first_paint = _FirstPaint(self._after_first_paint)
        for chart in self.charts:
            chart.view.viewport().installEventFilter(self._first_paint)
        self._apply_theme()
        self._restore_window()
        self._on_scenario(controller.scenario)
        self._update_title()
        if controller.evaluation is not None:
            self._on_evaluation(controller.evaluation)
            self._on_evaluation_settled(controller.evaluation)

    # --- pages ------------------------------------------------------------------------------------

    def _build_offers_page(self) -> None:
        self.positions = PositionsPanel(self.controller)
        self.positions.negotiation_requested.connect(self.edit_negotiation)
        self.compensation = CompensationChart(
            basis=self.preferences.chart_basis, period=self.preferences.chart_period
        )
        self.compensation.options_changed.connect(self._remember_chart_options)
        self.paycut = PayCutChart()
        charts = QSplitter(Qt.Orientation.Vertical)
        charts.addWidget(self.compensation)
        charts.addWidget(self.paycut)
        page = QSplitter(Qt.Orientation.Horizontal)
        page.setObjectName("offers_splitter")
        page.addWidget(self.positions)
        page.addWidget(charts)
        page.setStretchFactor(0, 5)
        page.setStretchFactor(1, 4)
        self.offers_splitter = page
        self._install_page(TAB_OFFERS, page, (self.compensation, self.paycut))

    def _install_page(self, index: int, page: QWidget, charts: tuple[ChartPanel, ...]) -> None:
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        old = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, page, TAB_TITLES[index])
        self.tabs.setCurrentIndex(current if current >= 0 else 0)
        self.tabs.blockSignals(False)
        if old is not None:
            old.deleteLater()
        self.pages[index] = page
        for chart in charts:
            chart.apply_theme(chart_theme(self.dark))
            chart.export_button.clicked.connect(
                lambda _checked=False, c=chart: self.export_chart(c)
            )
            self.charts.append(chart)
            if self.controller.evaluation is not None:
                chart.set_evaluation(self.controller.evaluation)
        self._set_cell_colors()

    def build_tab(self, index: int) -> QWidget:
        """Build a tab's page if it has not been built yet; returns it."""
        if index in self.pages:
            return self.pages[index]
        if index == TAB_TRAJECTORY:
            page: QWidget = TrajectoryPage(self.controller)
            charts: tuple[ChartPanel, ...] = page.charts  # type: ignore[attr-defined]
        elif index == TAB_DECISION:
            page = DecisionPage(self.controller)
            charts = page.charts
        elif index == TAB_BENCHMARKS:
            from offer_eval.gui.record_panels import BenchmarksPanel

            page = BenchmarksPanel(self.controller)
            charts = ()
        elif index == TAB_ASSUMPTIONS:
            from offer_eval.gui.assumptions import AssumptionsPanel

            page = AssumptionsPanel(self.controller)
            charts = ()
        else:
            return self.pages[TAB_OFFERS]
        self._install_page(index, page, charts)
        if self.controller.evaluation is not None and hasattr(page, "set_evaluation"):
            page.set_evaluation(self.controller.evaluation)
        return page

    def build_all_tabs(self) -> None:
        """Build every tab now (tests, the self-test, screenshots)."""
        for index in range(len(TAB_TITLES)):
            self.build_tab(index)

    @Slot(int)
    def _on_tab_changed(self, index: int) -> None:
        self.build_tab(index)

    # --- actions and menus ------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(
            "&New comparison…",
            self.new_comparison,
            QKeySequence.StandardKey.New,
            "Start a comparison of your own job and an offer",
        )
        self.open_action = self._action(
            "&Open…", self.open_dialog, QKeySequence.StandardKey.Open, "Open a saved comparison"
        )
        self.save_action = self._action(
            "&Save", self.save, QKeySequence.StandardKey.Save, "Save this comparison"
        )
        self.save_as_action = self._action(
            "Save &as…",
            self.save_as,
            QKeySequence.StandardKey.SaveAs,
            "Save this comparison under a new name",
        )
        self.revert_action = self._action(
            "&Revert", self.revert, None, "Throw away unsaved changes and reload the file"
        )
        self.export_excel_action = self._action(
            "Export to &Excel…",
            self.export_excel,
            None,
            "Write a workbook with every figure, for a partner or mentor",
        )
        self.import_excel_action = self._action(
            "&Import from Excel…",
            self.import_excel,
            None,
            "Read a workbook written by Offer Eval, possibly edited",
        )
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.undo_action = self.controller.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(_shortcuts(QKeySequence.StandardKey.Undo, "Ctrl+Z"))
        self.redo_action = self.controller.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(
            _shortcuts(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y")
        )
        self.add_offer_action = self._action("Add &offer", self.positions.add, "Ctrl+Shift+N")
        self.duplicate_offer_action = self._action("&Duplicate offer", self.positions.duplicate)
        self.remove_offer_action = self._action("Re&move offer", self.positions.remove)
        self.reset_whatif_action = self._action(
            "Reset &what-if",
            self.whatif.reset,
            None,
            "Put the what-if figures back to the last saved file",
        )
        self.about_action = self._action("&About Offer Eval", self.about)
        for action in (self.undo_action, self.redo_action):
            self.addAction(action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        examples = file_menu.addMenu("Open e&xample")
        examples.addAction(
            self._action(
                "Geophysicist to machine learning (demo)",
                lambda: self.open_example("demo.offers.json"),
            )
        )
        examples.addAction(
            self._action("PhD stipend ending", lambda: self.open_example("phd-stipend.offers.json"))
        )
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addAction(self.revert_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_excel_action)
        file_menu.addAction(self.import_excel_action)
        self.export_charts_menu = file_menu.addMenu("Export &chart")
        self.export_charts_menu.aboutToShow.connect(self._fill_chart_exports)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.add_offer_action)
        edit_menu.addAction(self.duplicate_offer_action)
        edit_menu.addAction(self.remove_offer_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.reset_whatif_action)
        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.whatif_dock.toggleViewAction())
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)

    @Slot()
    def _update_actions(self, *args: object) -> None:
        self.revert_action.setEnabled(self.controller.file_path is not None)
        has_offer = self.positions.selected_offer() is not None
        self.duplicate_offer_action.setEnabled(has_offer)
        self.remove_offer_action.setEnabled(has_offer)
        self.reset_whatif_action.setEnabled(self.whatif.reset_button.isEnabled())

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.window_state.recent_files
        for path in recent:
            self.recent_menu.addAction(
                self._action(str(path), functools.partial(self.open_path, path))
            )
        if not recent:
            empty = self.recent_menu.addAction("No recent files")
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(
                self._action("Clear list", self.window_state.clear_recent_files)
            )

    def _fill_chart_exports(self) -> None:
        self.build_all_tabs()
        self.export_charts_menu.clear()
        for chart in self.charts:
            self.export_charts_menu.addAction(
                self._action(f"{chart.title}…", functools.partial(self.export_chart, chart))
            )

    # --- reacting to the document -----------------------------------------------------------------

    @Slot(object)
    def _on_evaluation_settled(self, evaluation: Evaluation) -> None:
        """The verdict follows settled, complete results (a money-only preview has no verdict)."""
        if evaluation.complete:
            self.verdict.set_evaluation(evaluation)

    @Slot(object)
    def _on_evaluation(self, evaluation: Evaluation) -> None:
        for index, page in self.pages.items():
            if index != TAB_OFFERS and hasattr(page, "set_evaluation"):
                page.set_evaluation(evaluation)
        self.compensation.set_evaluation(evaluation)
        self.paycut.set_evaluation(evaluation)
        if evaluation.resolution == "full" and not self.controller.is_refining:
            seconds = self.controller.last_full_seconds
            self.status_label.setText(
                f"Up to date ({seconds * 1000:.0f} ms)" if seconds else "Up to date"
            )

    @Slot(str)
    def _on_evaluation_failed(self, message: str) -> None:
        self.statusBar().showMessage(f"Could not work this out: {message}", 10_000)

    @Slot(bool)
    def _on_refining(self, refining: bool) -> None:
        if refining:
            self.status_label.setText("Refining with every simulated future…")

    @Slot(object)
    def _on_scenario(self, scenario: Scenario) -> None:
        self.banner.setVisible(scenario.is_illustrative and not self.banner.dismissed)
        self._update_title()
        self._update_actions()

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

    # --- look ---------------------------------------------------------------------------------------

    @Slot(Qt.ColorScheme)
    def apply_color_scheme(self, scheme: Qt.ColorScheme) -> None:
        """Follow the system's light or dark scheme (the signal carries the new scheme)."""
        self.dark = is_dark(scheme)
        application = QApplication.instance()
        if isinstance(application, QApplication):
            window = application.palette().color(application.palette().ColorRole.Window)
            if self.dark and window.lightness() >= 128:
                application.setPalette(dark_palette())
            elif not self.dark and window.lightness() < 128:
                application.setPalette(application.style().standardPalette())
        self._apply_theme()

    def _apply_theme(self) -> None:
        theme = chart_theme(self.dark)
        for chart in self.charts:
            chart.apply_theme(theme)
        self.banner.set_dark(self.dark)
        self.verdict.set_dark(self.dark)
        self._set_cell_colors()

    def _set_cell_colors(self) -> None:
        cut, gain = cut_gain_colors(self.dark)
        self.positions.delegate.set_colors(cut, gain)
        self.positions.view.viewport().update()

    @Slot(str, str)
    def _remember_chart_options(self, basis: str, period: str) -> None:
        self.preferences.chart_basis = basis
        self.preferences.chart_period = period

    # --- files --------------------------------------------------------------------------------------

    def maybe_save(self, action: str) -> bool:
        """True when it is fine to drop the current document (saved, or the user said so)."""
        if not self.controller.is_modified:
            return True
        choice = dialogs.ask_save_changes(self, self._document_name(), action)
        if choice is dialogs.SaveChoice.SAVE:
            return self.save()
        return choice is dialogs.SaveChoice.DISCARD

    def new_comparison(self) -> None:
        from offer_eval.gui.wizard import NewComparisonDialog

        dialog = NewComparisonDialog(self)
        if dialog.exec() != NewComparisonDialog.DialogCode.Accepted:
            return
        try:
            scenario = dialog.scenario()
        except InvalidValueError as error:
            dialogs.show_error(self, "Cannot start the comparison", str(error))
            return
        if self.maybe_save("starting a new comparison"):
            self.controller.replace_document(scenario, None, unsaved=True)
            self.tabs.setCurrentIndex(TAB_OFFERS)

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

    def open_example(self, name: str) -> None:
        from offer_eval.persistence.examples import example

        if not self.maybe_save("opening an example"):
            return
        self.controller.replace_document(example(name), None)
        self.banner.dismissed = False
        self._on_scenario(self.controller.scenario)

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
        """Write the workbook (DESIGN 6.5) from a full-resolution evaluation, with progress."""
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

    @Slot(str)
    def edit_negotiation(self, offer_id: str) -> None:
        from offer_eval.gui.negotiation import NegotiationDialog

        scenario = self.controller.scenario
        name = display_names(scenario)[offer_id]
        dialog = NegotiationDialog(scenario.offer(offer_id), name, self)
        if dialog.exec() != NegotiationDialog.DialogCode.Accepted:
            return
        try:
            changed = set_negotiation(
                scenario, offer_id, dialog.steps(), apply_final=dialog.apply_final.isChecked()
            )
        except InvalidValueError as error:
            dialogs.show_error(self, "Cannot change the negotiation", str(error))
            return
        self.controller.edit(changed, f"Edit negotiation of {name}")

    def about(self) -> None:
        """Version, the tax years and the benchmark sources this build ships."""
        from offer_eval.core.build_info import build_info

        dialogs.show_info(self, "About Offer Eval", build_info().about_text())

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

    # --- window state -------------------------------------------------------------------------------

    def _restore_window(self) -> None:
        geometry = self.window_state.bytes_value("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            screen = QGuiApplication.primaryScreen()
            available = screen.availableGeometry() if screen is not None else None
            width, height = 1440, 900
            if available is not None and available.width() > 0:
                width = min(width, int(available.width() * 0.94))
                height = min(height, int(available.height() * 0.92))
            self.resize(width, height)
        state = self.window_state.bytes_value("state")
        if state is not None:
            self.restoreState(state)
        else:
            self.resizeDocks(
                [self.whatif_dock],
                [self.fontMetrics().averageCharWidth() * 44],
                Qt.Orientation.Horizontal,
            )
        splitter = self.window_state.bytes_value("offers_splitter")
        if splitter is not None:
            self.offers_splitter.restoreState(splitter)
        else:
            self.offers_splitter.setSizes([580, 420])

    def save_window_state(self) -> None:
        self.window_state.set_bytes_value("geometry", self.saveGeometry())
        self.window_state.set_bytes_value("state", self.saveState())
        self.window_state.set_bytes_value("offers_splitter", self.offers_splitter.saveState())
        self.window_state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self._closing_ok and not self.maybe_save("closing"):
            event.ignore()
            return
        self._closing_ok = True
        self.save_window_state()
        self.controller.shutdown()
        event.accept()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        QTimer.singleShot(1_000, self._first_paint.fire)  # in case no chart is on screen

    def _after_first_paint(self) -> None:
        """Work that waits until the window is on screen: refining the results, crash recovery."""
        for chart in self.charts:
            chart.view.viewport().removeEventFilter(self._first_paint)
        self.whatif.ensure_built()
        self._update_actions()
        evaluation = self.controller.evaluation
        if (
            evaluation is None or evaluation.resolution != "full"
        ) and not self.controller.is_refining:
            self.controller.request_full()
        if self._check_recovery:
            self._check_recovery = False
            self.check_for_recovery()


class _FirstPaint(QObject):
    """Calls back once, just after the first chart has painted."""

    def __init__(self, callback: Callable[[], None]) -> None:
        super().__init__()
        self._callback: Callable[[], None] | None = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.fire()
        return False

    def fire(self) -> None:
        """Run the callback soon, unless it already ran."""
        if self._callback is not None:
            callback, self._callback = self._callback, None
            QTimer.singleShot(0, callback)


def _shortcuts(standard: QKeySequence.StandardKey, *usual: str) -> list[QKeySequence]:
    """The platform's keys for an action plus the usual ones, each once."""
    keys = [*QKeySequence.keyBindings(standard), *(QKeySequence(text) for text in usual)]
    unique: list[QKeySequence] = []
    for key in keys:
        if not key.isEmpty() and key not in unique:
            unique.append(key)
    return unique


def _file_stem(name: str) -> str:
    """A file name from a comparison's name: letters, digits and dashes only."""
    stem = "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-")
    while "--" in stem:
        stem = stem.replace("--", "-")
    return stem[:60] or "comparison"
