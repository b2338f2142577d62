"""How sure: each offer's chance of every rank, as one stacked bar per offer (rank acceptability)."""

from __future__ import annotations

from typing import Final

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from offer_eval.core.decision import share_text
from offer_eval.core.evaluate import Evaluation
from offer_eval.gui.charts.base import (
    Bars,
    ChartPanel,
    label_room,
    set_axis_ticks,
    set_bars,
    set_text,
)
from offer_eval.gui.charts.decision import BAR_HEIGHT, ShareAxis, _TextPool
from offer_eval.gui.theme import ChartTheme
from offer_eval.present.labels import display_names

MAX_RANKS_SHOWN: Final = 6
"""Ranks beyond this are drawn together as one grey segment ("6th or lower")."""


def _ordinal(rank: int) -> str:
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


class RankChart(ChartPanel):
    """For every offer, the share of the draws (weights, ratings and simulated futures varied
    together) in which it comes 1st, 2nd, ...: rank 1 is the probability of being best."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__("How sure", bottom_axis=ShareAxis("bottom"), parent=parent)
        self.plot.showGrid(x=True, y=False, alpha=self.theme.grid_alpha)
        # One bar per offer needs little height: the score chart above keeps its legend.
        self.view.setMinimumHeight(110)
        self._bars: list[pg.BarGraphItem] = []
        self._labels = _TextPool(self.plot, (0, 0.5))
        self._offers: list[str] = []
        self._names: dict[str, str] = {}
        self._ranks: dict[str, tuple[float, ...]] = {}

    def _colour(self, theme: ChartTheme, rank: int, ranks: int) -> pg.QtGui.QColor:
        """Rank 1 in the theme's first series colour; later ranks fade towards the muted colour."""
        if rank == MAX_RANKS_SHOWN - 1 and ranks > MAX_RANKS_SHOWN:
            return pg.mkColor(theme.muted)
        colour = pg.mkColor(theme.series_color(0))
        colour.setAlphaF(max(0.18, 1.0 - rank / max(min(ranks, MAX_RANKS_SHOWN), 1)))
        return colour

    def _bar(self, index: int) -> pg.BarGraphItem:
        while len(self._bars) <= index:
            bar = Bars(x0=[], y=[], width=[], height=BAR_HEIGHT)
            self.plot.addItem(bar)
            self._bars.append(bar)
        return self._bars[index]

    def restyle(self, theme: ChartTheme) -> None:
        self.plot.showGrid(x=True, y=False, alpha=theme.grid_alpha)

    def data_key(self, evaluation: Evaluation) -> tuple[object, ...] | None:
        decision = evaluation.decision
        if decision is None:
            return ("none", evaluation.scenario.offers)
        return (decision.rank_acceptability, display_names(evaluation.scenario))

    def update_chart(self, evaluation: Evaluation) -> None:
        decision = evaluation.decision
        if decision is None or len(decision.rank_acceptability) < 2:
            self._clear(
                "Add a second offer to see how sure the ranking is"
                if decision is not None
                else "Add offers and criteria to see how sure the ranking is"
            )
            return
        self.set_empty_message("")
        self._names = display_names(evaluation.scenario)
        self._offers = list(decision.offer_ids)
        self._ranks = dict(decision.rank_acceptability)
        count = len(self._offers)
        # A bar per offer needs only so much height; the score chart above takes the rest.
        self.view.setMaximumHeight(max(130, 60 + 36 * count))
        shown = min(count, MAX_RANKS_SHOWN)
        ys = -np.arange(count, dtype=float)
        left = np.zeros(count)
        for rank in range(shown):
            if rank == shown - 1 and count > shown:
                widths = np.array([sum(self._ranks[o][rank:]) for o in self._offers])
            else:
                widths = np.array([self._ranks[o][rank] for o in self._offers])
            bar = self._bar(rank)
            colour = self._colour(self.theme, rank, count)
            bar.setOpts(brush=pg.mkBrush(colour), pen=pg.mkPen(self.theme.background, width=1))
            set_bars(bar, x0=left.copy(), y=ys, width=widths)
            bar.show()
            left = left + widths
        for bar in self._bars[shown:]:
            set_bars(bar, x0=np.zeros(0), y=np.zeros(0), width=np.zeros(0))
            bar.hide()
        for item, offer_id, y in zip(self._labels.take(count), self._offers, ys, strict=True):
            ranks = self._ranks[offer_id]
            text = f" 1st in {share_text(ranks[0])}"
            if len(ranks) == 2:
                text += f" · 2nd in {share_text(ranks[1])}"
            set_text(item, text, self.theme.foreground)
            item.setPos(1.0, float(y))
            item.show()
        self.set_left_ticks(
            [(float(y), self._names[o]) for o, y in zip(self._offers, ys, strict=True)]
        )
        set_axis_ticks(self.plot.getAxis("bottom"), [(v / 100, f"{v}%") for v in (0, 50, 100)])
        metrics = QFontMetrics(self.font())
        label_px = label_room(
            max(
                metrics.horizontalAdvance(item.toPlainText()) for item in self._labels.items[:count]
            )
            + 16
        )
        self.plot.setXRange(*self.x_range_with_labels(0.0, 1.0, 0.0, label_px), padding=0)
        self.plot.setYRange(-(count - 1) - 0.7, 0.7, padding=0)
        varied = ["your weights"]
        if decision.rating_noise:
            varied.append("ratings")
        if decision.path_outcomes:
            varied.append("simulated futures")
        joined = varied[0] if len(varied) == 1 else ", ".join(varied[:-1]) + " and " + varied[-1]
        self.set_subtitle(
            f"Each offer's rank in {decision.draws:,} draws varying {joined}: darkest is 1st."
        )

    def _clear(self, message: str) -> None:
        for bar in self._bars:
            set_bars(bar, x0=np.zeros(0), y=np.zeros(0), width=np.zeros(0))
        self._labels.take(0)
        self._offers = []
        self.set_left_ticks([])
        self.set_subtitle("")
        self.set_empty_message(message)

    def readout_at(self, x: float, y: float) -> str | None:
        row = round(-y)
        if not 0 <= row < len(self._offers) or abs(-y - row) > BAR_HEIGHT / 2:
            return None
        offer_id = self._offers[row]
        lines = [self._names[offer_id]]
        lines.extend(
            f"{_ordinal(rank + 1)}: {share_text(p)}"
            for rank, p in enumerate(self._ranks[offer_id])
            if p > 0
        )
        return "\n".join(lines)

    def describe(self, evaluation: Evaluation) -> str:
        if not self._offers:
            return "No ranking yet."
        return "How sure. " + "; ".join(
            f"{self._names[o]}: best in {share_text(self._ranks[o][0])}" for o in self._offers
        )
