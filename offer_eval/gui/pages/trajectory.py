"""The trajectory tab: an offer chooser, the salary fan, cumulative earnings, the chance of being
ahead and a summary table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from offer_eval.core.evaluate import Evaluation
from offer_eval.core.models import Scenario
from offer_eval.core.money_text import format_money
from offer_eval.core.trajectory import OfferTrajectory
from offer_eval.gui.charts.base import ChartPanel, wrap_label
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.fit_scroll import vertical_scroller
from offer_eval.gui.tables import name_corner
from offer_eval.present.labels import display_names
from offer_eval.present.outcome_rows import RESERVATION_SALARY, SEARCH

_FORMATS: Final[dict[str, Callable[[OfferTrajectory], str]]] = {
    "expected_months_to_better_offer": lambda t: f"{t.expected_months_to_better_offer:.1f}",
    "p_better_within_6": lambda t: f"{t.p_better_within_6:.0%}",
    "p_better_within_12": lambda t: f"{t.p_better_within_12:.0%}",
    "break_even_month": lambda t: (
        "never" if t.break_even_month is None else str(t.break_even_month)
    ),
    "present_value": lambda t: format_money(t.present_value),
    "expected_earnings_3y": lambda t: format_money(t.expected_earnings_3y),
}
"""The figures the summary shows, in order, and how each is written in a cell."""

SUMMARY_ROWS: Final[tuple[tuple[str, str, Callable[[OfferTrajectory], str]], ...]] = tuple(
    (SEARCH[key].name.short, SEARCH[key].name.help, write) for key, write in _FORMATS.items()
)
"""(row header, tooltip, cell text): the names are present/'s short headers, the table is narrow."""

MIN_PLOT_HEIGHT: Final = 120
"""Pixels of plotting area every chart keeps: below it the tab scrolls rather than squeeze the
curves (at 1024 x 700 the two charts on the left had about 50 each)."""

MIN_SUMMARY_ROWS: Final = 3
"""Rows of the summary table still shown when the chance-of-being-ahead chart needs the room."""


class TrajectoryPage(QWidget):
    """The trajectory tab: an offer chooser, the salary fan, cumulative earnings and a summary."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from offer_eval.gui.charts.ahead import AheadChart
        from offer_eval.gui.charts.trajectory import CumulativeChart, TrajectoryChart

        self._controller = controller
        self._evaluation: Evaluation | None = None
        self._summary_stale = False
        self._summary_headers: list[str] = []
        self._fit_side = False
        self.offer_box = QComboBox()
        self.offer_box.setAccessibleName("Offer: Trajectory")
        self.offer_box.setToolTip("Which offer's strategies to draw")
        self.offer_box.currentIndexChanged.connect(self._on_offer)
        self.fan = TrajectoryChart()
        self.cumulative = CumulativeChart()
        self.ahead = AheadChart()
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
        charts.setChildrenCollapsible(False)
        charts.addWidget(self.fan)
        charts.addWidget(self.cumulative)
        # The chance of being ahead sits under the summary (a short table): three charts in one
        # column left each too little height at 1024 x 700.
        side = QSplitter(Qt.Orientation.Vertical)
        side.setChildrenCollapsible(False)
        side.addWidget(self.summary)
        side.addWidget(self.ahead)
        # When height is short the table gives way first (it scrolls), the chart keeps its plot.
        side.setStretchFactor(0, 0)
        side.setStretchFactor(1, 1)
        side.setSizes([300, 400])
        self.side = side
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(charts)
        body.addWidget(side)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        body.setSizes([700, 420])
        self.summary.verticalHeader().setMinimumWidth(self.fontMetrics().averageCharWidth() * 26)
        self._keep_plots_readable()
        self.splitter = body
        # Below the charts' minimum height the whole tab scrolls (one scroll bar, both columns
        # together); above it the splitters share out the room as before.
        self.scroller = vertical_scroller(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(chooser)
        layout.addWidget(self.scroller, 1)
        controller.structure_changed.connect(self._fill_offers)
        controller.evaluation_settled.connect(self._on_settled)
        self._fill_offers(controller.scenario)
        if controller.evaluation is not None:
            self._on_settled(controller.evaluation)

    @property
    def charts(self) -> tuple[ChartPanel, ...]:
        return (self.fan, self.cumulative, self.ahead)

    def _keep_plots_readable(self) -> None:
        """Minimum heights, fixed from the font (never from a resize): each chart's view keeps
        `MIN_PLOT_HEIGHT` for the plot besides its axis (ticks and title, about three lines) and
        a legend of two rows (a narrow window wraps the three strategies); the summary keeps its
        header and `MIN_SUMMARY_ROWS` rows."""
        line = self.fontMetrics().height()
        reserve = 8 * line + 8  # bottom axis, a two-row legend, the layout's margins
        for chart in self.charts:
            chart.view.setMinimumHeight(MIN_PLOT_HEIGHT + reserve)
        table = self.summary
        self.summary.setMinimumHeight(
            2 * line  # the offers' names in the header take up to two lines
            + 12
            + MIN_SUMMARY_ROWS * table.verticalHeader().defaultSectionSize()
            + 2 * table.frameWidth()
            + table.horizontalScrollBar().sizeHint().height()
        )

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
        self.ahead.set_offer(offer_id)

    def show_evaluation(self, evaluation: Evaluation) -> None:
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
                [label for label, _tip, _get in SUMMARY_ROWS] + [RESERVATION_SALARY.short]
            )
            for row, (_label, tip, _get) in enumerate(SUMMARY_ROWS):
                self.summary.verticalHeaderItem(row).setToolTip(tip)
            self.summary.verticalHeaderItem(len(SUMMARY_ROWS)).setToolTip(RESERVATION_SALARY.help)
            # One figure for the whole search, not for the first offer: it spans every column.
            self.summary.clearSpans()
            if len(headers) > 1:
                self.summary.setSpan(len(SUMMARY_ROWS), 0, 1, len(headers))
            self._fit_side = True
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
        if self._fit_side:
            self._fit_side = False
            self._give_summary_its_height()

    def _give_summary_its_height(self) -> None:
        """The table as tall as its rows (once per new layout), the chart below taking the rest;
        the user's own drag of the divider stands until offers are added or removed."""
        table = self.summary
        table.resizeRowsToContents()
        needed = (
            table.horizontalHeader().sizeHint().height()
            + sum(table.rowHeight(row) for row in range(table.rowCount()))
            + 2 * table.frameWidth()
            + table.horizontalScrollBar().sizeHint().height()
        )
        total = sum(self.side.sizes()) or 700
        self.side.setSizes([needed, max(total - needed, 1)])

    def _set_cell(self, row: int, column: int, text: str, tip: str) -> None:
        cell = self.summary.item(row, column)
        if cell is None:
            cell = QTableWidgetItem(text)
            cell.setToolTip(tip)
            self.summary.setItem(row, column, cell)
        elif cell.text() != text:
            cell.setText(text)
