"""Trajectory charts: salary fans (P10-P90 and median) and cumulative net earnings per strategy.

Both show one offer's two strategies (accept and stay, accept and keep searching) against
declining every offer and searching on, with the break-even month marked.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QWidget

from offer_eval.core.evaluate import Evaluation
from offer_eval.core.money_text import format_money
from offer_eval.core.trajectory import Band
from offer_eval.gui.charts.base import (
    ChartPanel,
    CurrencyAxis,
    MonthAxis,
    steady_range,
)
from offer_eval.gui.charts.line_labels import SideKeeper, line_label_fill
from offer_eval.gui.theme import ChartTheme
from offer_eval.present.labels import STRATEGIES as STRATEGY_NAMES
from offer_eval.present.labels import display_names

STRATEGIES: Final = tuple(STRATEGY_NAMES.items())  # (result key, the plan's name)


def bands_for(evaluation: Evaluation, offer_id: str | None) -> dict[str, Band]:
    """Strategy key → band for one offer (decline-and-search is shared by every offer)."""
    trajectory = evaluation.trajectory_of(offer_id)
    if trajectory is None:
        return {}
    bands: dict[str, Band] = {"decline_and_search": trajectory.decline_and_search}
    offer = trajectory.offers.get(offer_id) if offer_id is not None else None
    if offer is not None:
        bands["accept_and_search"] = offer.accept_and_search
        bands["accept_and_stay"] = offer.accept_and_stay
    return bands


class BandItem(QGraphicsPathItem):
    """A filled 10th-90th percentile band drawn as one polygon.

    One path per update, where two curves and a fill between them would cost three item updates
    on every slider step.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setPen(QPen(Qt.PenStyle.NoPen))

    def set_band(self, months: np.ndarray, low: np.ndarray, high: np.ndarray) -> None:
        if months.size == 0:
            self.clear()
            return
        x = np.concatenate([months, months[::-1]])
        y = np.concatenate([high, low[::-1]])
        path = pg.arrayToQPath(x, y, connect="all")
        path.closeSubpath()
        self.setPath(path)

    def clear(self) -> None:
        self.setPath(QPainterPath())


class LineItem(QGraphicsPathItem):
    """A median line drawn as one path, set in place on every update.

    Cheaper than a `PlotDataItem`, which re-processes its data and recomputes its bounds in
    Python on each step. `opts` holds the pen the legend's sample draws with.
    """

    def __init__(self) -> None:
        super().__init__()
        self.opts: dict[str, object] = {"pen": pg.mkPen(None)}
        self.count = 0  # points shown

    def set_pen(self, pen: QPen) -> None:
        """The line's pen, and the legend sample's."""
        self.opts["pen"] = pen
        self.setPen(pen)

    def set_line(self, months: np.ndarray, values: np.ndarray) -> None:
        self.count = int(months.size)
        if months.size == 0:
            self.clear()
            return
        self.setPath(pg.arrayToQPath(months, values, connect="all"))

    def clear(self) -> None:
        self.count = 0
        self.setPath(QPainterPath())


class _StrategyChart(ChartPanel):
    """Shared machinery: one band and one median line per strategy, created once."""

    cumulative = False

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(
            title,
            left_axis=CurrencyAxis("left"),
            bottom_axis=MonthAxis("bottom"),
            legend_columns=3,
            parent=parent,
        )
        self.plot.setLabel("bottom", "Months from now")
        self.plot.showGrid(x=True, y=True, alpha=self.theme.grid_alpha)
        self.offer_id: str | None = None
        self._bands_drawn: dict[str, BandItem] = {}
        self._medians: dict[str, LineItem] = {}
        for key, label in STRATEGIES:
            band = BandItem()
            median = LineItem()
            self.plot.addItem(band)
            self.plot.addItem(median)
            self._bands_drawn[key], self._medians[key] = band, median
            self.legend.addItem(median, label)
        self.break_even = pg.InfiniteLine(angle=90, movable=False)
        self.break_even_label = pg.InfLineLabel(
            self.break_even, "", position=0.93, anchors=[(0, 0), (0, 0)]
        )
        self.plot.addItem(self.break_even)
        self._label_side = SideKeeper(self.break_even_label, self.plot.vb, vertical=0.0)
        self._bands: dict[str, Band] = {}
        self._y_shown: tuple[float, float] | None = None
        self._drawn: dict[str, Band] = {}
        # What the last update set, so a step that leaves it alone does not set it again.
        self._extents: dict[str, tuple[float, float, float]] = {}  # (lowest, highest, last month)
        self._shown: dict[str, object] = {}
        self.restyle(self.theme)

    def set_offer(self, offer_id: str | None) -> None:
        if offer_id != self.offer_id:
            self.offer_id = offer_id
            self._y_shown = None
            self._drawn = {}
            self.force_refresh()

    def has_data(self) -> bool:
        return any(line.isVisible() and line.count > 0 for line in self._medians.values())

    def _changed(self, what: str, value: object) -> bool:
        """True (and `value` remembered) when `what` differs from what the last update set."""
        if what in self._shown and self._shown[what] == value:
            return False
        self._shown[what] = value
        return True

    def restyle(self, theme: ChartTheme) -> None:
        self._drawn = {}
        self._shown = {}
        for index, (key, _label) in enumerate(STRATEGIES):
            colour = pg.mkColor(theme.series_color(index if index < 2 else 5))
            fill = pg.mkColor(colour)
            fill.setAlpha(55 if theme.dark else 45)
            style = Qt.PenStyle.DashLine if key == "decline_and_search" else Qt.PenStyle.SolidLine
            self._medians[key].set_pen(pg.mkPen(colour, width=2.5, style=style))
            self._bands_drawn[key].setBrush(pg.mkBrush(fill))
        self.break_even.setPen(pg.mkPen(theme.foreground, width=1.5, style=Qt.PenStyle.DotLine))
        self.break_even_label.setColor(theme.foreground)
        line_label_fill(self.break_even_label, theme)
        self.plot.showGrid(x=True, y=True, alpha=theme.grid_alpha)
        for _sample, label in self.legend.items:
            label.setText(label.text, color=theme.foreground)

    def _series(self, band: Band, which: str) -> np.ndarray:
        name = f"cumulative_{which}" if self.cumulative else which
        return np.asarray(getattr(band, name), dtype=float)

    def _shown_offer(self, evaluation: Evaluation) -> str | None:
        """The chosen offer, or the first when the chosen one is gone."""
        offers = [o.id for o in evaluation.scenario.offers]
        return self.offer_id if self.offer_id in offers else (offers[0] if offers else None)

    def data_key(self, evaluation: Evaluation) -> tuple[object, ...] | None:
        # The bands are remembered per strategy by the core, so an edit that leaves this offer's
        # strategies alone (a weight, another offer's pay) gives back the same band objects.
        offer_id = self._shown_offer(evaluation)
        trajectory = evaluation.trajectory_of(offer_id)
        if trajectory is None:
            return (None,)
        offer = trajectory.offers.get(offer_id) if offer_id is not None else None
        return (
            offer_id,
            trajectory.decline_and_search,
            offer.accept_and_search if offer is not None else None,
            offer.accept_and_stay if offer is not None else None,
            offer.break_even_month if offer is not None else None,
            display_names(evaluation.scenario).get(offer_id or "", ""),
            evaluation.scenario.simulation.paths,
        )

    def update_chart(self, evaluation: Evaluation) -> None:
        self.offer_id = self._shown_offer(evaluation)
        trajectory = evaluation.trajectory_of(self.offer_id)
        self._bands = bands_for(evaluation, self.offer_id)
        if trajectory is None or not self._bands:
            for key, _label in STRATEGIES:
                self._bands_drawn[key].clear()
                self._medians[key].clear()
            self._drawn = {}
            self._shown = {}
            self.break_even.hide()
            self.set_empty_message(
                "The job-search simulation is not available"
                if trajectory is None
                else "Add an offer to see its trajectory"
            )
            return
        if self._changed("empty", ""):
            self.set_empty_message("")
        top = 0.0
        bottom = 0.0
        months_max = 1.0
        for key, _label in STRATEGIES:
            band = self._bands.get(key)
            if band is None:
                if self._drawn.pop(key, None) is not None:
                    self._bands_drawn[key].clear()
                    self._medians[key].clear()
                continue
            if self._drawn.get(key) is not band:
                # Results are remembered by the core, so an unchanged strategy is the same
                # object: only the strategies a change touched are redrawn.
                months = np.asarray(band.months, dtype=float)
                low, mid, high = (self._series(band, w) for w in ("p10", "p50", "p90"))
                self._drawn[key] = band
                self._bands_drawn[key].set_band(months, low, high)
                self._medians[key].set_line(months, mid)
                self._extents[key] = (
                    (float(np.nanmin(low)), float(np.nanmax(high)), float(months[-1]))
                    if high.size
                    else (0.0, 0.0, 1.0)
                )
            lowest, highest, last = self._extents[key]
            top = max(top, highest)
            bottom = min(bottom, lowest)
            months_max = max(months_max, last)
        offer = trajectory.offers.get(self.offer_id) if self.offer_id else None
        month = getattr(offer, "break_even_month", None)
        if self._changed("break even", month):
            if month is not None:
                self.break_even.setPos(float(month))
                self.break_even_label.setFormat(f"Pays off from month {month}")
                self.break_even.show()
            else:
                self.break_even.hide()
        if month is not None:
            self._label_side.place(float(month), 1.0, float(months_max))
        if self._changed("x", months_max):
            self.plot.setXRange(1, months_max, padding=0.01)
        self._y_shown = steady_range(self._y_shown, bottom, max(top * 1.02, 1.0))
        if self._changed("y", self._y_shown):
            self.plot.setYRange(*self._y_shown, padding=0)
        name = display_names(evaluation.scenario).get(self.offer_id or "", "")
        what = (
            "net earnings added up month by month"
            if self.cumulative
            else "base salary in force each month (0 without a job)"
        )
        subtitle = (
            f"{name}: {what}. Bands: 10th to 90th percentile of "
            f"{evaluation.scenario.simulation.paths:,} simulated futures; lines: median."
        )
        if self._changed("subtitle", subtitle):
            self.set_subtitle(subtitle)

    def readout_at(self, x: float, y: float) -> str | None:
        if not self._bands:
            return None
        month = round(x)
        lines = [f"Month {month}"]
        for key, label in STRATEGIES:
            band = self._bands.get(key)
            if band is None:
                continue
            months = np.asarray(band.months)
            hits = np.nonzero(months == month)[0]
            if hits.size == 0:
                continue
            i = int(hits[0])
            low, mid, high = (self._series(band, w)[i] for w in ("p10", "p50", "p90"))
            lines.append(
                f"{label}: {format_money(mid)} (10th {format_money(low)}, 90th {format_money(high)})"
            )
        return "\n".join(lines) if len(lines) > 1 else None

    def describe(self, evaluation: Evaluation) -> str:
        parts = []
        for key, label in STRATEGIES:
            band = self._bands.get(key)
            if band is not None and len(band.months):
                parts.append(
                    f"{label}: median {format_money(float(self._series(band, 'p50')[-1]))}"
                    f" at month {int(band.months[-1])}"
                )
        return f"{self.title}. " + "; ".join(parts)


class TrajectoryChart(_StrategyChart):
    """Annual base salary in force each month: a P10-P90 fan and the median per strategy."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__("Trajectory", parent)


class CumulativeChart(_StrategyChart):
    """Net earnings added up to each month, per strategy."""

    cumulative = True

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__("Cumulative earnings", parent)
