"""The decision tab: the criteria and weights table above; the score, how sure it is (rank
acceptability) and its stability below."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from offer_eval.core.evaluate import Evaluation
from offer_eval.gui.charts.base import ChartPanel
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.fit_scroll import vertical_scroller

MIN_CHARTS_HEIGHT = 540
"""Pixels the score, how-sure and stability charts need together to show every legend."""

MIN_SCORE_VIEW = 160
MIN_RANKS_VIEW = 110
"""The score and how-sure charts' least heights (plot, axis and legend) for two offers."""

ROW_GAP = 4
"""Pixels between the labels of two offers' bars (a row is a line of text and this): twelve
offers squeezed into a 700-pixel window ran their labels into each other."""

MIN_CRITERIA_ROWS = 4
"""Rows of the criteria table always in view: at 1024 x 700 the charts below took all but one
or two of them. The charts scroll instead."""


class DecisionPage(QWidget):
    """The decision tab: criteria and weights above; the score, how sure and stability below."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from offer_eval.gui.charts.decision import ScoreChart, StabilityChart
        from offer_eval.gui.charts.decision_ranks import RankChart
        from offer_eval.gui.record_panels import CriteriaPanel

        self.criteria = CriteriaPanel(controller)
        self.score = ScoreChart()
        self.ranks = RankChart()
        self.stability = StabilityChart()
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.score)
        left.addWidget(self.ranks)
        left.setStretchFactor(0, 4)
        left.setStretchFactor(1, 1)
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(left)
        charts.addWidget(self.stability)
        # Three charts need more height than a 700-pixel window leaves them: below this they
        # scroll instead of squeezing the score chart's legend out of sight.
        charts.setMinimumHeight(MIN_CHARTS_HEIGHT)
        self._chart_area = charts
        self._rows_for = -1
        self.scroller = vertical_scroller(charts)
        table = self.criteria.view
        table.setMinimumHeight(
            table.horizontalHeader().sizeHint().height()
            + MIN_CRITERIA_ROWS * table.verticalHeader().defaultSectionSize()
            + 2 * table.frameWidth()
            + table.horizontalScrollBar().sizeHint().height()
        )
        body = QSplitter(Qt.Orientation.Vertical)
        body.setChildrenCollapsible(False)
        body.addWidget(self.criteria)
        body.addWidget(self.scroller)
        # The table starts at its minimum (the divider moves it); a taller window gives the
        # charts the extra height, where they need it to stop scrolling.
        body.setStretchFactor(0, 0)
        body.setStretchFactor(1, 1)
        body.setSizes([1, 10_000])
        self.splitter = body
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(body)

    @property
    def charts(self) -> tuple[ChartPanel, ...]:
        return (self.score, self.ranks, self.stability)

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """The charts redraw; the criteria table follows settled results through its model."""
        count = len(evaluation.scenario.offers)
        if count != self._rows_for:
            self._rows_for = count
            self._make_room_for(count)
        for chart in self.charts:
            chart.set_evaluation(evaluation)

    def _make_room_for(self, offers: int) -> None:
        """Past two offers, a line of text (and a gap) more for each in the score and how-sure
        charts, each bar having its label beside it, and in the chart area, which scrolls: twelve
        offers in the room of two ran their labels into each other. Set when the number of
        offers changes, never on a resize or a slider step."""
        extra = (self.fontMetrics().height() + ROW_GAP) * max(offers - 2, 0)
        self.score.view.setMinimumHeight(MIN_SCORE_VIEW + extra)
        self.ranks.view.setMinimumHeight(MIN_RANKS_VIEW + extra)
        self._chart_area.setMinimumHeight(MIN_CHARTS_HEIGHT + 2 * extra)
