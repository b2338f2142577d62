"""The take-home tab: for any job, how much of each extra £1,000 gross it keeps, and where."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from offer_eval.core.evaluate import Evaluation
from offer_eval.gui.charts.base import ChartPanel


class TakeHomePage(QWidget):
    """The marginal-rate chart of one job at a time (chosen above the chart), with the
    personal-allowance taper, the Child Benefit charge and loan thresholds marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from offer_eval.gui.charts.marginal import MarginalRateChart

        self.marginal = MarginalRateChart()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.marginal)

    @property
    def charts(self) -> tuple[ChartPanel, ...]:
        return (self.marginal,)

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """The chart redraws when what it shows changed (a job's pay, the tax, the household)."""
        self.marginal.set_evaluation(evaluation)
