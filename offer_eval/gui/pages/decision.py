"""The decision tab: the criteria and weights table above, the score and its stability below."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from offer_eval.core.evaluate import Evaluation
from offer_eval.gui.charts.base import ChartPanel
from offer_eval.gui.controller import DocumentController


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

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """Both charts redraw; the criteria table follows settled results through its model."""
        for chart in self.charts:
            chart.set_evaluation(evaluation)
