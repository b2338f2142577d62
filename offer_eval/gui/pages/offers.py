"""The offers tab: every position's inputs and figures on the left, the money charts on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget

from offer_eval.core.evaluate import Evaluation
from offer_eval.gui.charts.base import ChartPanel
from offer_eval.gui.charts.compensation import CompensationChart
from offer_eval.gui.charts.paycut import PayCutChart
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.fit_scroll import ColumnScroller
from offer_eval.gui.tables import PositionsPanel


class OffersPage(QSplitter):
    """The positions table beside the compensation and pay-cut charts (the first tab shown)."""

    def __init__(
        self,
        controller: DocumentController,
        *,
        basis: str,
        period: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("offers_splitter")
        self.positions = PositionsPanel(controller)
        self.compensation = CompensationChart(basis=basis, period=period)
        self.paycut = PayCutChart()
        charts = QSplitter(Qt.Orientation.Vertical)
        charts.addWidget(self.compensation)
        charts.addWidget(self.paycut)
        # In a short window the charts scroll rather than squeeze: at 1024x700 the compensation
        # chart's legend was cut to "Base …", "Benc…" over a plot 28 pixels tall.
        self.compensation.scroll_with_page(least_plot_height=120)
        self.paycut.scroll_with_page(least_plot_height=100)
        self.charts_area = ColumnScroller(charts)
        self.addWidget(self.positions)
        self.addWidget(self.charts_area)
        self.setStretchFactor(0, 5)
        self.setStretchFactor(1, 4)

    @property
    def charts(self) -> tuple[ChartPanel, ...]:
        return (self.compensation, self.paycut)

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """Both charts redraw; the table follows results through its own model."""
        for chart in self.charts:
            chart.set_evaluation(evaluation)
