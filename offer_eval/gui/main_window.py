"""The main window: banner, verdict, tabs of editors and charts, the what-if dock and menus.

Each tab's page is its own module under `gui/pages/`; the window talks to a page only through
`Page` (its charts, and each new evaluation). The file commands (open, save, export, recovery) live
in `DocumentWindow`, which this window extends.

Only the first tab is built before the window first paints; the others are built the first time
they are shown (or by `build_all_tabs`, for tests and the self-test), which keeps start-up fast.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QVBoxLayout,
    QWidget,
)

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.evaluate import Evaluation
from offer_eval.core.models import Scenario
from offer_eval.editing.edits import set_negotiation
from offer_eval.gui import dialogs
from offer_eval.gui.background import BackgroundStatus
from offer_eval.gui.banner import DemoBanner
from offer_eval.gui.charts.base import ChartPanel
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.document_window import DocumentWindow
from offer_eval.gui.pages import Page
from offer_eval.gui.pages.offers import OffersPage
from offer_eval.gui.plain_text import PlainLabel
from offer_eval.gui.settings import Preferences, WindowState
from offer_eval.gui.steady_tabs import SteadyTabWidget
from offer_eval.gui.theme import (
    chart_theme,
    cut_gain_colors,
    dark_palette,
    install_visible_checks,
    is_dark,
)
from offer_eval.gui.verdict import VerdictStrip
from offer_eval.gui.whatif import WhatIfPanel
from offer_eval.present.labels import display_names

(
    TAB_OFFERS,
    TAB_SIDE_BY_SIDE,
    TAB_TAKE_HOME,
    TAB_TRAJECTORY,
    TAB_DECISION,
    TAB_BENCHMARKS,
    TAB_ASSUMPTIONS,
    TAB_APPLICATIONS,
) = range(8)
#: The window's worker process starts this long after the first paint.
WORKER_DELAY_MS: Final = 500
TAB_TITLES: Final = (
    "Offers",
    "Side by side",
    "Take-home",
    "Trajectory",
    "Decision",
    "Benchmarks",
    "Assumptions",
    "Applications",
)


class MainWindow(DocumentWindow):
    """One comparison in a window.

    `start_worker=False` leaves the window's worker process (big files, exports) to start on
    first need rather than after the first paint: for tests that never export.
    """

    first_painted = Signal()  # once, when the first tab's charts are on screen (or a second on)

    def __init__(
        self,
        controller: DocumentController,
        *,
        preferences: Preferences | None = None,
        window_state: WindowState | None = None,
        check_recovery: bool = True,
        start_worker: bool = True,
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
        self.pages: dict[int, QWidget] = {}  # by tab index, once built
        self._pages: dict[int, Page] = {}  # the same pages, as the window talks to them
        self._closing_ok = False
        self._check_recovery = check_recovery
        self._start_worker = start_worker
        self.setObjectName("main_window")
        self.setWindowTitle("Offer Eval")

        self.banner = DemoBanner(self.new_comparison)
        self.verdict = VerdictStrip()
        self.tabs = SteadyTabWidget()
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

        self.status_label = PlainLabel("")
        self.status_label.setAccessibleName("Calculation status")
        self.statusBar().addPermanentWidget(self.status_label)
        # Long background work (an open, an import, an export) shows here, with Cancel.
        self.background_status = BackgroundStatus(controller.background)
        self.statusBar().addPermanentWidget(self.background_status)
        controller.background.error_message.connect(
            lambda message: dialogs.show_error(self, "Something did not work", message)
        )
        self._build_actions()
        self._build_menus()

        controller.evaluation_changed.connect(self._on_evaluation)
        controller.evaluation_settled.connect(self._on_evaluation_settled)
        controller.searches_changed.connect(self.verdict.set_searches)
        controller.document_replaced.connect(lambda _scenario: self.verdict.clear())
        controller.evaluation_failed.connect(self._on_evaluation_failed)
        controller.refining_changed.connect(self._on_refining)
        controller.modified_changed.connect(self._update_title)
        controller.file_changed.connect(self._update_title)
        controller.scenario_changed.connect(self._on_scenario)
        controller.structure_changed.connect(self._update_actions)
        controller.undo_stack.indexChanged.connect(self._update_actions)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.apply_color_scheme)

        self._first_paint = _FirstPaint(self._after_first_paint, self)
        for chart in self.charts:
            self._first_paint.watch(chart.view.viewport())
        self._apply_theme(charts=False)  # the first tab's charts took it as it was installed
        self._restore_window()
        self._on_scenario(controller.scenario)
        self._update_title()
        if controller.evaluation is not None:
            self._on_evaluation(controller.evaluation)
            self._on_evaluation_settled(controller.evaluation)

    # --- pages ------------------------------------------------------------------------------------

    def _build_offers_page(self) -> None:
        page = OffersPage(
            self.controller,
            basis=self.preferences.chart_basis,
            period=self.preferences.chart_period,
        )
        page.positions.negotiation_requested.connect(self.edit_negotiation)
        page.compensation.options_changed.connect(self._remember_chart_options)
        self.offers_splitter = page
        self.positions = page.positions
        self.compensation = page.compensation
        self.paycut = page.paycut
        self._install_page(TAB_OFFERS, page)

    def _new_page(self, index: int) -> Page:
        """A new page for a tab other than the first; each module is imported when first needed."""
        if index == TAB_SIDE_BY_SIDE:
            from offer_eval.gui.pages.side_by_side import SideBySidePage

            return SideBySidePage()
        if index == TAB_TAKE_HOME:
            from offer_eval.gui.pages.take_home import TakeHomePage

            return TakeHomePage()
        if index == TAB_TRAJECTORY:
            from offer_eval.gui.pages.trajectory import TrajectoryPage

            return TrajectoryPage(self.controller)
        if index == TAB_DECISION:
            from offer_eval.gui.pages.decision import DecisionPage

            return DecisionPage(self.controller)
        if index == TAB_BENCHMARKS:
            from offer_eval.gui.pages.benchmarks import BenchmarksPanel

            return BenchmarksPanel(self.controller)
        if index == TAB_APPLICATIONS:
            from offer_eval.gui.pages.applications import ApplicationsPage

            return ApplicationsPage(self.controller)
        from offer_eval.gui.pages.assumptions import AssumptionsPanel

        return AssumptionsPanel(self.controller)

    def _install_page(self, index: int, page: Page) -> None:
        assert isinstance(page, QWidget), "a page is a widget"
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
        self._pages[index] = page
        for chart in page.charts:
            chart.apply_theme(chart_theme(self.dark))
            chart.export_button.clicked.connect(
                lambda _checked=False, c=chart: self.export_chart(c)
            )
            self.charts.append(chart)
        if self.controller.evaluation is not None:
            page.show_evaluation(self.controller.evaluation)
        self._set_cell_colors()

    def build_tab(self, index: int) -> QWidget:
        """Build a tab's page if it has not been built yet; returns it."""
        if index in self.pages:
            return self.pages[index]
        if not 0 <= index < len(TAB_TITLES):
            return self.pages[TAB_OFFERS]
        page = self._new_page(index)
        self._install_page(index, page)
        return self.pages[index]

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
        self.export_pdf_action = self._action(
            "Export summary as &PDF…",
            self.export_pdf,
            "Ctrl+Shift+P",
            "Write a one- or two-page A4 summary with the verdict, the money and four charts",
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
        self.file_menu = file_menu = bar.addMenu("&File")
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
        file_menu.addAction(self.export_pdf_action)
        # The PDF is drawn in a worker process: start it while the user finds the item.
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
        for page in self._pages.values():
            page.show_evaluation(evaluation)
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

    def _apply_theme(self, *, charts: bool = True) -> None:
        theme = chart_theme(self.dark)
        for chart in self.charts if charts else ():
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

    # --- documents ----------------------------------------------------------------------------------

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

    def open_example(self, name: str) -> None:
        from offer_eval.persistence.examples import example

        if not self.maybe_save("opening an example"):
            return
        self.controller.replace_document(example(name), None)
        self.banner.dismissed = False
        self._on_scenario(self.controller.scenario)

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
            # A window opened narrow gives the room to the tabs first, as a narrowed one does.
            wanted = self.fontMetrics().averageCharWidth() * 44
            room = self.width() - self._roomy_central_width()
            self.resizeDocks(
                [self.whatif_dock], [max(1, min(wanted, room))], Qt.Orientation.Horizontal
            )
        splitter = self.window_state.bytes_value("offers_splitter")
        if splitter is not None:
            self.offers_splitter.restoreState(splitter)
        else:
            # 1024 wide, 580:420 left the compensation legend 10 px short of two columns.
            self.offers_splitter.setSizes([560, 440])

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
        self.close_file_worker()
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() > event.oldSize().width():
            self._fit_whatif_dock()
        if event.size().width() != event.oldSize().width():
            self._narrow_whatif_dock()

    def _roomy_central_width(self) -> int:
        """Narrower, the verdict's details need more lines than the strip has: the dock gives way."""
        return self.fontMetrics().averageCharWidth() * 150

    def _narrow_whatif_dock(self) -> None:
        """A narrow window takes the room from the dock first (down to its least width)."""
        if not self.whatif_dock.isVisible() or self.whatif_dock.isFloating():
            return
        room = self.width() - self._roomy_central_width()
        if self.whatif_dock.width() > room:
            self.resizeDocks([self.whatif_dock], [max(1, room)], Qt.Orientation.Horizontal)

    def _fit_whatif_dock(self) -> None:
        """Widen the what-if dock until its captions fit, when the window has room for that.

        A dock keeps its width when the window grows (the central widget takes the new room), so
        a window first shown small would otherwise keep captions cut short at any size. The dock
        never takes more than a third of the window nor the tabs' room, and is never narrowed
        here: a width the user chose by dragging the splitter is kept unless it cuts a caption.
        """
        if not self.whatif_dock.isVisible() or self.whatif_dock.isFloating():
            return
        wanted = min(
            self.whatif.preferred_width(),
            self.width() // 3,
            self.width() - self._roomy_central_width(),
        )
        if self.whatif_dock.width() < wanted:
            self.resizeDocks([self.whatif_dock], [wanted], Qt.Orientation.Horizontal)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        # In case no chart is on screen; with the helper as context, so that a window closed
        # within the second gets no call.
        QTimer.singleShot(1_000, self._first_paint, self._first_paint.fire)

    def _after_first_paint(self) -> None:
        """Work that waits until the window is on screen: refining the results, crash recovery."""
        for chart in self.charts:
            chart.view.viewport().removeEventFilter(self._first_paint)
        self.first_painted.emit()
        self.whatif.ensure_built()
        self._fit_whatif_dock()
        self._update_actions()
        evaluation = self.controller.evaluation
        if (
            evaluation is None or evaluation.resolution != "full"
        ) and not self.controller.is_refining:
            self.controller.request_full()
        if self._start_worker:
            # Ready before the first export or big file: the summary is drawn at once, and the
            # window never waits for a process to spawn while the user does. Half a second on,
            # so the process's start (a second of importing Qt and the charts on the other core)
            # does not compete with the window's own first moments.
            QTimer.singleShot(WORKER_DELAY_MS, self._start_worker_if_open)
        if self._check_recovery:
            self._check_recovery = False
            self.check_for_recovery()

    def _start_worker_if_open(self) -> None:
        if not self._closing_ok:  # closed meanwhile: no process to leave behind
            self.start_file_worker()


class _FirstPaint(QObject):
    """Calls back once, just after every watched chart has painted for the first time.

    The work it starts (refining the results, filling the what-if dock, the recovery check) must
    not come between one chart's first paint and the next one's: a window with one chart drawn
    and the other still blank is not yet on screen for the user.
    """

    def __init__(self, callback: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)  # deleted with the window, and with it any call not yet made
        self._callback: Callable[[], None] | None = callback
        self._waiting: set[int] = set()

    def watch(self, viewport: QWidget) -> None:
        """Wait for `viewport`'s first paint too."""
        self._waiting.add(id(viewport))
        viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self._waiting.discard(id(watched))
            if not self._waiting:
                self.fire()
        return False

    def fire(self) -> None:
        """Run the callback soon, unless it already ran."""
        if self._callback is not None:
            callback, self._callback = self._callback, None
            QTimer.singleShot(0, self, callback)


def _shortcuts(standard: QKeySequence.StandardKey, *usual: str) -> list[QKeySequence]:
    """The platform's keys for an action plus the usual ones, each once."""
    keys = [*QKeySequence.keyBindings(standard), *(QKeySequence(text) for text in usual)]
    unique: list[QKeySequence] = []
    for key in keys:
        if not key.isEmpty() and key not in unique:
            unique.append(key)
    return unique
