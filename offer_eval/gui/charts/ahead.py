"""The chance of being ahead: by month, how many simulated futures favour accepting one offer.

The line is the evaluation's P(ahead) for the chosen offer (accept and keep searching against
declining every offer and searching on, on the same future), with even odds and the break-even
month marked. It is worked out at full resolution only, so while a slider is dragged the chart
keeps the last full result and catches up when the drag ends: a step costs it nothing.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from offer_eval.core.evaluate import Evaluation
from offer_eval.core.trajectory import OfferTrajectory
from offer_eval.gui.charts.base import (
    ChartPanel,
    MonthAxis,
    set_axis_ticks,
)
from offer_eval.gui.charts.line_labels import SideKeeper, line_label_fill
from offer_eval.gui.theme import ChartTheme
from offer_eval.present.labels import display_names
from offer_eval.present.outcome_rows import P_AHEAD, SEARCH
from offer_eval.present.trajectory_report import ahead_sentence

PERCENT_TICKS: Final = [(share / 100, f"{share}%") for share in (0, 25, 50, 75, 100)]
BREAK_EVEN_WORDS: Final = SEARCH["break_even_month"].name.short  # "Pays off from month"


class AheadChart(ChartPanel):
    """P(ahead) by month for the chosen offer, with 50% and the break-even month marked."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(P_AHEAD.label, bottom_axis=MonthAxis("bottom"), parent=parent)
        self.view.setToolTip(P_AHEAD.help)
        self.plot.setLabel("bottom", "Months from now")
        set_axis_ticks(self.plot.getAxis("left"), PERCENT_TICKS)
        self.offer_id: str | None = None
        self.line = pg.PlotDataItem([], [])
        self.plot.addItem(self.line)
        self.even = pg.InfiniteLine(pos=0.5, angle=0, movable=False)
        self.plot.addItem(self.even)
        self.break_even = pg.InfiniteLine(angle=90, movable=False)
        self.break_even_label = pg.InfLineLabel(
            # Low on the line, right of it: past break-even the curve is mostly above even odds.
            self.break_even,
            "",
            position=0.04,
            anchors=[(0, 1), (0, 1)],
        )
        self.plot.addItem(self.break_even)
        self._label_side = SideKeeper(self.break_even_label, self.plot.vb, vertical=1.0)
        self._shown: OfferTrajectory | None = None
        self.restyle(self.theme)

    def set_offer(self, offer_id: str | None) -> None:
        if offer_id != self.offer_id:
            self.offer_id = offer_id
            self.force_refresh()

    def restyle(self, theme: ChartTheme) -> None:
        colour = pg.mkColor(theme.series_color(0))  # accept and keep searching's colour
        self.line.setPen(pg.mkPen(colour, width=2.5))
        self.even.setPen(pg.mkPen(theme.muted, width=1, style=Qt.PenStyle.DashLine))
        self.break_even.setPen(pg.mkPen(theme.foreground, width=1.5, style=Qt.PenStyle.DotLine))
        self.break_even_label.setColor(theme.foreground)
        line_label_fill(self.break_even_label, theme)
        self.plot.showGrid(x=True, y=True, alpha=theme.grid_alpha)

    def _shown_offer(self, evaluation: Evaluation) -> str | None:
        """The chosen offer, or the first when the chosen one is gone (as the other charts)."""
        offers = [o.id for o in evaluation.scenario.offers]
        return self.offer_id if self.offer_id in offers else (offers[0] if offers else None)

    def _item(self, evaluation: Evaluation) -> OfferTrajectory | None:
        offer_id = self._shown_offer(evaluation)
        trajectory = evaluation.trajectory_of(offer_id)
        if trajectory is None or offer_id is None:
            return None
        return trajectory.offers.get(offer_id)

    def data_key(self, evaluation: Evaluation) -> tuple[object, ...] | None:
        offer_id = self._shown_offer(evaluation)
        item = self._item(evaluation)
        if (
            item is not None
            and item.p_ahead is None
            and self._shown is not None
            and self._shown.offer_id == offer_id
        ):
            # A drag's preview has no P(ahead): keep the last full result until the next one.
            return self._drawn_key
        return (
            offer_id,
            # By value (60 numbers): a full result re-run to the same figures draws nothing.
            None if item is None or item.p_ahead is None else item.p_ahead.tobytes(),
            None if item is None else item.break_even_month,
            display_names(evaluation.scenario).get(offer_id or "", ""),
            evaluation.scenario.simulation.paths,
        )

    def update_chart(self, evaluation: Evaluation) -> None:
        self.offer_id = self._shown_offer(evaluation)
        item = self._item(evaluation)
        if item is None or item.p_ahead is None:
            if (
                item is not None
                and self._shown is not None
                and self._shown.offer_id == item.offer_id
            ):
                return  # a preview without P(ahead): the last full result stays
            self._shown = None
            self.line.setData([], [])
            self.break_even.hide()
            self.set_subtitle("")
            if evaluation.trajectory_of(self.offer_id) is None:
                why = evaluation.trajectory_missing or "The job-search simulation is not available"
            elif item is None:
                why = "Add an offer to see its chances"
            else:
                why = "Worked out once the full simulation has run"
            self.set_empty_message(why)
            return
        self.set_empty_message("")
        self._shown = item
        shares = np.asarray(item.p_ahead, dtype=float)
        months = np.arange(1, shares.size + 1, dtype=float)
        self.line.setData(months, shares, skipFiniteCheck=True)
        month = item.break_even_month
        if month is not None:
            self.break_even.setPos(float(month))
            self.break_even_label.setFormat(f"{BREAK_EVEN_WORDS} {month}")
            self._label_side.place(float(month), 1.0, float(months[-1]))
            self.break_even.show()
        else:
            self.break_even.hide()
        self.plot.setXRange(1, max(float(months[-1]), 2.0), padding=0.01)
        self.plot.setYRange(-0.06, 1.06, padding=0)
        name = display_names(evaluation.scenario).get(self.offer_id or "", "")
        self.set_subtitle(
            f"{name}: accepting and searching on is {ahead_sentence(shares)}"
            f" ({evaluation.scenario.simulation.paths:,} simulated futures)."
        )

    def readout_at(self, x: float, y: float) -> str | None:
        item = self._shown
        if item is None or item.p_ahead is None:
            return None
        month = round(x)
        if not 1 <= month <= len(item.p_ahead):
            return None
        share = float(item.p_ahead[month - 1])
        return f"Month {month}\nAccepting is ahead in {share:.0%} of futures"

    def describe(self, evaluation: Evaluation) -> str:
        item = self._shown
        if item is None or item.p_ahead is None:
            return f"{self.title}: nothing to show"
        month = item.break_even_month
        pays = "never within the horizon" if month is None else f"from month {month}"
        return (
            f"{self.title}. Accepting and searching on is {ahead_sentence(item.p_ahead)}; "
            f"it pays off on average {pays}."
        )
