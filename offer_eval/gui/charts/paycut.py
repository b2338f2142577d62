"""Pay cut: each offer against the current job, the target and the benchmark, as diverging bars."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QComboBox, QGraphicsItem, QWidget

from offer_eval.core.compensation import PayCut, PositionMoney
from offer_eval.core.evaluate import Evaluation
from offer_eval.core.money_text import format_money, format_pct
from offer_eval.gui.charts.base import (
    Bars,
    ChartPanel,
    PercentAxis,
    set_bars,
    steady_range,
)
from offer_eval.gui.charts.updates import place_text, set_view_range
from offer_eval.gui.charts.value_labels import StyledLabel, ValueLabels
from offer_eval.gui.theme import ChartTheme
from offer_eval.present.labels import display_names
from offer_eval.present.rows import PAY_CUT, VS_BENCHMARK, VS_TARGET

BAR_HEIGHT: Final = 0.66
MIN_ROW_PX: Final = 15.0  # below this, five measures per offer overlap their labels
FALLBACK_MEASURE: Final = 2  # take-home against the current job: what reaches the bank


@dataclass(frozen=True, slots=True)
class Measure:
    """One comparison drawn for every offer."""

    label: str
    pct: Callable[[PositionMoney, PayCut], float | None]
    amount: Callable[[PositionMoney, PayCut], float | None]
    missing: str


MEASURES: Final = (
    Measure(
        PAY_CUT["pay_cut_gross_pct"].name.short,
        lambda m, c: c.gross_pct,
        lambda m, c: c.gross_abs,
        "current pay is 0",
    ),
    Measure(
        PAY_CUT["pay_cut_total_comp_pct"].name.short,
        lambda m, c: c.total_comp_pct,
        lambda m, c: c.total_comp_abs,
        "current pay is 0",
    ),
    Measure(
        PAY_CUT["pay_cut_net_pct"].name.short,
        lambda m, c: c.net_pct,
        lambda m, c: c.net_abs,
        "current take-home is 0",
    ),
    Measure(VS_TARGET.name.short, lambda m, c: m.vs_target_pct, lambda m, c: None, "no target set"),
    Measure(
        VS_BENCHMARK.name.short,
        lambda m, c: m.vs_benchmark_pct,
        lambda m, c: None,
        "no benchmark chosen",
    ),
)


@dataclass(frozen=True, slots=True)
class _Row:
    y: float
    offer: str
    measure: Measure | None
    pct: float | None
    amount: float | None


class PayCutChart(ChartPanel):
    """How much less (or more) each offer pays, in percent, on five bases."""

    layout_depends_on_size = True

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__("Pay cut", bottom_axis=PercentAxis("bottom"), parent=parent)
        self.plot.showGrid(x=True, y=False, alpha=self.theme.grid_alpha)
        self.measure_box = QComboBox()
        self.measure_box.addItem("All five measures", -1)
        for number, measure in enumerate(MEASURES):
            self.measure_box.addItem(measure.label, number)
        self.measure_box.setAccessibleName("Measure: Pay cut chart")
        self.measure_box.setToolTip(
            "Every measure for each offer, or one measure across all offers (easier to read "
            "with many offers)"
        )
        self.measure_box.currentIndexChanged.connect(lambda _index: self.force_refresh())
        self.options.addWidget(self.measure_box)
        self.shown_measure: Measure | None = None  # None: all five
        self.cut_bars = Bars(x0=[], y=[], width=[], height=BAR_HEIGHT)
        self.gain_bars = Bars(x0=[], y=[], width=[], height=BAR_HEIGHT)
        self.plot.addItem(self.cut_bars)
        self.plot.addItem(self.gain_bars)
        self.zero_line = pg.InfiniteLine(pos=0, angle=90, movable=False)
        # It stays put while the bars move: drawn from a cached pixmap on a step.
        self.zero_line.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.plot.addItem(self.zero_line)
        self.legend.addItem(self.cut_bars, "Cut (pays less)")
        self.legend.addItem(self.gain_bars, "Rise (pays more)")
        # Every bar's value in one plain-text item: a salary step changes five of them, and as
        # rich-text items each re-laid out its words and moved on its own.
        self.value_labels = ValueLabels((0.0, 0.5))
        self.plot.addItem(self.value_labels, ignoreBounds=True)
        self._headers: list[pg.TextItem] = []
        self._rows: list[_Row] = []
        self._x_shown: tuple[float, float] | None = None
        self.restyle(self.theme)

    def force_refresh(self) -> None:
        self._x_shown = None  # labels are placed in pixels: fit the range afresh
        super().force_refresh()

    def restyle(self, theme: ChartTheme) -> None:
        self.cut_bars.setOpts(brush=pg.mkBrush(theme.cut), pen=pg.mkPen(theme.cut))
        self.gain_bars.setOpts(brush=pg.mkBrush(theme.gain), pen=pg.mkPen(theme.gain))
        self.zero_line.setPen(pg.mkPen(theme.foreground, width=1))
        self.plot.showGrid(x=True, y=False, alpha=theme.grid_alpha)
        for _sample, label in self.legend.items:
            label.setText(label.text, color=theme.foreground)

    def _pool(self, items: list[pg.TextItem], count: int, anchor: tuple[float, float]) -> None:
        """Grow a pool of text items to `count` (they are reused, never re-created per update)."""
        while len(items) < count:
            item = pg.TextItem("", anchor=anchor)
            self.plot.addItem(item, ignoreBounds=True)
            items.append(item)
        for item in items[count:]:
            item.hide()

    def _measure_to_show(self, offers: int, height: float) -> tuple[Measure | None, str]:
        """The measure chosen, or one that fits: five rows an offer need about 15 px each."""
        chosen = int(self.measure_box.currentData())
        if chosen >= 0:
            return MEASURES[chosen], ""
        rows = offers * (len(MEASURES) + 1.4)
        if offers > 1 and height / max(rows, 1.0) < MIN_ROW_PX:
            fallback = MEASURES[FALLBACK_MEASURE]
            return fallback, (
                f"{offers} offers are too many for all five measures at this size: showing "
                f"{fallback.label.lower()}. Choose a measure above, or make the chart taller."
            )
        return None, ""

    def data_key(self, evaluation: Evaluation) -> tuple[object, ...] | None:
        return (
            evaluation.offers,
            evaluation.pay_cuts,
            tuple((p.id, p.display_name) for p in evaluation.scenario.positions),
        )

    def update_chart(self, evaluation: Evaluation) -> None:
        names = display_names(evaluation.scenario)
        height = self.view_height()
        single, note = self._measure_to_show(len(evaluation.offers), height)
        self.shown_measure = single
        rows: list[_Row] = []
        y = 0.0
        for money in evaluation.offers:
            cut = evaluation.pay_cuts[money.position_id]
            name = names[money.position_id]
            if single is not None:
                rows.append(
                    _Row(y, name, single, single.pct(money, cut), single.amount(money, cut))
                )
                y -= 1.0
                continue
            rows.append(_Row(y, name, None, None, None))
            y -= 1.0
            for measure in MEASURES:
                rows.append(
                    _Row(y, name, measure, measure.pct(money, cut), measure.amount(money, cut))
                )
                y -= 1.0
            y -= 0.4
        self._rows = rows
        bars = [r for r in rows if r.measure is not None and r.pct is not None]
        values = np.array([r.pct for r in bars], dtype=float)
        values = np.clip(np.nan_to_num(values), -1_000.0, 1_000.0)
        ys = np.array([r.y for r in bars], dtype=float)
        cut = values < 0
        set_bars(self.cut_bars, x0=values[cut], y=ys[cut], width=-values[cut])
        set_bars(self.gain_bars, x0=np.zeros(int((~cut).sum())), y=ys[~cut], width=values[~cut])
        low = min(0.0, float(values.min())) if values.size else -10.0
        high = max(0.0, float(values.max())) if values.size else 10.0
        row_px = height / max(len(rows) + 0.4 * len(evaluation.offers), 1.0)
        line_px = QFontMetrics(self.font()).lineSpacing()
        # Where even one line does not fit a row, name every second (third...) bar only: the
        # read-out names any bar pointed at.
        every = max(1, math.ceil(line_px * 1.05 / max(row_px, 1.0)))
        ticks = [
            (r.y, r.offer if single is not None else r.measure.label)
            for r in rows
            if r.measure is not None
        ]
        self.set_left_ticks(
            [(y, "" if n % every else label) for n, (y, label) in enumerate(ticks)],
            lines=2 if row_px >= 2.2 * line_px else 1,
        )
        subtitle = note or (f"{single.label} for every offer." if single else "")
        if every > 1:
            subtitle = f"{subtitle} Point at a bar for its name.".strip()
        self.set_subtitle(subtitle)  # once per update: a changed label re-lays out the chart
        left, right = self._x_range(low, high, bars)
        self._x_shown = steady_range(self._x_shown, left, right, grow=0.04)
        bottom = min((r.y for r in rows), default=-1.0)
        set_view_range(self.plot, self._x_shown, (bottom - 0.7, 0.7))
        left = self._x_shown[0]
        self._place_labels(rows, left)
        if not evaluation.offers:
            self.set_empty_message("Add an offer to see its pay cut")
        else:
            self.set_empty_message("")

    def _x_range(self, low: float, high: float, bars: list[_Row]) -> tuple[float, float]:
        """Room either side of the bars for their value labels, worked out in pixels."""
        metrics = QFontMetrics(self.font())
        cut_px = max(
            (metrics.horizontalAdvance(f" {_label(r)} ") for r in bars if (r.pct or 0) < 0),
            default=0,
        )
        gain_px = max(
            (metrics.horizontalAdvance(f" {_label(r)} ") for r in bars if (r.pct or 0) >= 0),
            default=0,
        )
        header_px = max(
            (metrics.horizontalAdvance(r.offer) for r in self._rows if r.measure is None), default=0
        )
        span = max(high - low, 10.0)
        return self.x_range_with_labels(
            high - span if low > high - span else low,
            high,
            max(cut_px + 16, header_px * 0.6),
            gain_px + 16,
        )

    def _place_labels(self, rows: list[_Row], left: float) -> None:
        measures = [r for r in rows if r.measure is not None]
        headers = [r for r in rows if r.measure is None]
        self._pool(self._headers, len(headers), (0, 0.5))
        values: list[StyledLabel] = []
        for row in measures:
            assert row.measure is not None
            if row.pct is None:
                values.append((0.0, row.y, f" {row.measure.missing} ", 0.0, self.theme.muted))
                continue
            colour = self.theme.cut if row.pct < 0 else self.theme.gain
            x = min(max(float(row.pct), -1_000.0), 1_000.0)
            values.append((x, row.y, f" {_label(row)} ", 1.0 if row.pct < 0 else 0.0, colour))
        self.value_labels.set_labels(values)
        for item, row in zip(self._headers, headers, strict=False):
            html = f'<span style="color:{self.theme.foreground}; font-weight:600">{_escape(row.offer)}</span>'
            if getattr(item, "_offer_eval_html", None) != html:
                item._offer_eval_html = html
                item.setHtml(html)
            place_text(item, left, row.y)
            item.show()

    def readout_at(self, x: float, y: float) -> str | None:
        for row in self._rows:
            if row.measure is not None and abs(row.y - y) <= BAR_HEIGHT / 2:
                if row.pct is None:
                    return f"{row.offer}\n{row.measure.label}: {row.measure.missing}"
                text = f"{row.offer}\n{row.measure.label}: {format_pct(row.pct, decimals=2)}"
                if row.amount is not None:
                    text += f"\n{format_money(row.amount, sign=True)} a year"
                return text
        return None

    def describe(self, evaluation: Evaluation) -> str:
        parts = [
            f"{r.offer}, {r.measure.label}: {format_pct(r.pct)}"
            for r in self._rows
            if r.measure is not None and r.pct is not None
        ]
        return "Pay cut of each offer. " + "; ".join(parts)


def _label(row: _Row) -> str:
    """The text at the end of a bar: "-13.5%" (the amount is in the read-out and the table)."""
    return format_pct(row.pct)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
