"""Charts of the user's own application log: the funnel, each month, and each channel.

Every figure comes from `present.applications.log_figures`; these classes only place it. The log
changes rarely (a search-rate slider leaves it alone), so each chart's data key is the log and the
few settings that split and weigh it.
"""

from __future__ import annotations

import math
from typing import Any, Final

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from offer_eval.core.application import CHANNELS, STAGES
from offer_eval.core.evaluate import Evaluation
from offer_eval.gui.charts.base import (
    Bars,
    ChartPanel,
    set_axis_ticks,
    set_bars,
    set_category_ticks,
    set_text,
)
from offer_eval.gui.charts.bounds import BoundedAxis
from offer_eval.gui.theme import ChartTheme
from offer_eval.present.applications import (
    LogFigures,
    callback_rate_subtitle,
    figures_key,
    funnel_description,
    funnel_text,
    peek_figures,
)

BAR_WIDTH: Final = 0.7
EMPTY_LOG: Final = "No applications yet: add them above, paste them or import a CSV"
WORKING: Final = "Working out your log's figures…"


class CountAxis(BoundedAxis):
    """Whole counts only (no 2.5 applications)."""

    def __init__(self, orientation: str, **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickSpacing(  # noqa: N802
        self, low: float, high: float, size: float
    ) -> list[tuple[float, float]]:
        spacing = super().tickSpacing(low, high, size)
        return [(max(1.0, round(major)), 0.0) for major, _minor in spacing[:1]]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        return [f"{round(v * scale):,d}" for v in values]


class RateAxis(BoundedAxis):
    """A rate drawn in percent: 0%, 10%, 20%."""

    def __init__(self, orientation: str, **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        decimals = 0 if spacing * scale >= 1 else 1
        return [f"{v * scale:.{decimals}f}%" for v in values]


class LogChart(ChartPanel):
    """What the log's charts share: their figures, their key and an empty-log message."""

    layout_depends_on_size = True  # category and month names are fitted to the room they have

    def __init__(self, title: str, **options: Any) -> None:
        super().__init__(title, **options)
        self.set_subtitle("")

    def set_subtitle(self, text: str) -> None:
        """Always shown, a blank line while there is nothing to say: a subtitle that appears
        makes Qt lay the whole window out at once, so every chart on the tab is resized and
        repainted together when a first log arrives (a quarter of a second and more)."""
        self.subtitle.setText(text or " ")
        self.subtitle.setVisible(True)

    def figures(self, evaluation: Evaluation) -> LogFigures | object | None:
        """The log's figures as the page worked them out, or `MISSING` while a big log's are
        still being worked out in the background (the page redraws the chart when they come)."""
        scenario = evaluation.scenario
        return peek_figures(scenario.applications, scenario.search)

    def data_key(self, evaluation: Evaluation) -> tuple[object, ...] | None:
        scenario = evaluation.scenario
        return figures_key(scenario.applications, scenario.search)

    def update_chart(self, evaluation: Evaluation) -> None:
        figures = self.figures(evaluation)
        if not isinstance(figures, LogFigures):
            self.clear_chart()
            self.set_empty_message(EMPTY_LOG if figures is None else WORKING)
            self.set_subtitle("")
            return
        self.set_empty_message("")
        self.draw(figures)

    def clear_chart(self) -> None:
        """Subclasses: empty their items."""

    def draw(self, figures: LogFigures) -> None:
        raise NotImplementedError

    def name_slots(self, names: list[str]) -> None:
        """Category names under their slots, wrapped or numbered to fit a slot's width."""
        set_category_ticks(
            self.plot.getAxis("bottom"), names, self.view_width() / max(len(names), 1)
        )

    def frame_slots(self, slots: int, top: float) -> None:
        """One slot a unit wide per category or month (bars centred on 0, 1, 2...), from 0 up
        to `top`."""
        self.plot.setYRange(0, top, padding=0)
        self.plot.setXRange(-0.6, slots - 0.4, padding=0)

    def color_series(self, theme: ChartTheme, *bars: tuple[pg.BarGraphItem, str]) -> None:
        """Fill and outline each bar item in its colour; legend names in the text colour."""
        for item, color in bars:
            item.setOpts(brush=pg.mkBrush(color), pen=pg.mkPen(color))
        for _sample, label in self.legend.items:
            label.setText(label.text, color=theme.foreground)

    def _pool(self, items: list[pg.TextItem], count: int, anchor: tuple[float, float]) -> None:
        """At least `count` labels in `items`, those past `count` hidden (callers show theirs)."""
        while len(items) < count:
            item = pg.TextItem("", anchor=anchor)
            self.plot.addItem(item, ignoreBounds=True)
            items.append(item)
        for item in items[count:]:
            item.hide()


class FunnelChart(LogChart):
    """Applied → past the CV → interview → offer, each bar with its share of the one before."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__("Application funnel", left_axis=CountAxis("left"), parent=parent)
        self.bars = Bars(x=[], height=[], width=BAR_WIDTH)
        self.plot.addItem(self.bars)
        self._labels: list[pg.TextItem] = []
        # Made now, hidden: making text items is dear, and the first log to arrive (thousands of
        # rows, say) already has every chart on the tab to redraw.
        self._pool(self._labels, len(STAGES), (0.5, 1.0))
        self._pool(self._labels, 0, (0.5, 1.0))
        self._figures: LogFigures | None = None
        self.restyle(self.theme)

    def restyle(self, theme: ChartTheme) -> None:
        self.color_series(theme, (self.bars, theme.series_color(0)))

    def clear_chart(self) -> None:
        self._figures = None
        set_bars(self.bars, x=np.zeros(0), height=np.zeros(0))
        self._pool(self._labels, 0, (0.5, 1.0))

    def draw(self, figures: LogFigures) -> None:
        self._figures = figures
        steps = figures.funnel
        xs = np.arange(len(steps), dtype=float)
        counts = np.array([s.count for s in steps], dtype=float)
        set_bars(self.bars, x=xs, height=counts)
        self.name_slots([s.label for s in steps])
        self._pool(self._labels, len(steps), (0.5, 1.0))
        top = max(float(counts.max()), 1.0)
        metrics = QFontMetrics(self.font())
        room = self.view_width() / max(len(steps), 1)
        # The share in brackets only where every label fits over its bar (the read-out has it).
        full = all(metrics.horizontalAdvance(funnel_text(s)) + 6 <= room for s in steps)
        for item, step, x in zip(self._labels, steps, xs, strict=False):
            set_text(item, funnel_text(step) if full else f"{step.count:,}", self.theme.foreground)
            item.setPos(float(x), float(step.count))
            item.show()
        line = QFontMetrics(self.font()).lineSpacing()
        room = 1.6 * line / max(self.view_height(), 1.0)  # a line of label above the tallest
        self.frame_slots(len(steps), top / max(1.0 - room, 0.3))
        applied = steps[0].count
        offers = steps[-1].count
        self.set_subtitle(
            f"{applied:,} applications; {offers:,} ended in an offer"
            + (f" ({offers / applied:.1%})" if applied else "")
            + ". In brackets: the share of the stage before."
        )

    def readout_at(self, x: float, y: float) -> str | None:
        figures = self._figures
        if figures is None:
            return None
        index = round(x)
        if not 0 <= index < len(figures.funnel) or abs(x - index) > BAR_WIDTH / 2:
            return None
        step = figures.funnel[index]
        text = f"{step.label}: {step.count:,}"
        if step.from_previous is not None:
            text += f"\n{step.from_previous:.1%} of the step before"
        if step.from_applied is not None:
            text += f"\n{step.from_applied:.1%} of all applications"
        return text

    def describe(self, evaluation: Evaluation) -> str:
        figures = self.figures(evaluation)
        return funnel_description(figures) if isinstance(figures, LogFigures) else "No figures."


def _month_ticks(
    labels: list[str], width_px: float, metrics: QFontMetrics
) -> list[tuple[float, str]]:
    """Every month's name where there is room, else every second, third... month's."""
    if not labels:
        return []
    widest = max(metrics.horizontalAdvance(label) for label in labels) + 12
    every = max(1, math.ceil(widest * len(labels) / max(width_px, 1.0)))
    return [(float(i), label) for i, label in enumerate(labels) if i % every == 0]


class MonthChart(LogChart):
    """A chart over the log's months, with the month the user counted as experienced marked."""

    def __init__(
        self, title: str, left_axis: pg.AxisItem, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, left_axis=left_axis, parent=parent)
        self.experienced_line = pg.InfiniteLine(pos=0, angle=90, movable=False)
        self.experienced_line.hide()
        self.plot.addItem(self.experienced_line, ignoreBounds=True)
        self.experienced_label = pg.TextItem("", anchor=(0.0, 0.0))
        self.experienced_label.hide()
        self.plot.addItem(self.experienced_label, ignoreBounds=True)
        self._figures: LogFigures | None = None

    def restyle(self, theme: ChartTheme) -> None:
        self.experienced_line.setPen(
            pg.mkPen(theme.target, width=2, style=pg.QtCore.Qt.PenStyle.DashLine)
        )

    def clear_chart(self) -> None:
        self._figures = None
        self.experienced_line.hide()
        self.experienced_label.hide()

    def draw_months(self, figures: LogFigures, top: float) -> None:
        """The month axis, the ranges and the experienced marker (subclasses draw the data)."""
        self._figures = figures
        count = len(figures.months)
        labels = [m.label for m in figures.months]
        set_axis_ticks(
            self.plot.getAxis("bottom"),
            _month_ticks(labels, self.view_width(), QFontMetrics(self.font())),
        )
        self.frame_slots(count, top)
        month = figures.experienced_month
        if month is None:
            self.experienced_line.hide()
            self.experienced_label.hide()
            return
        x = month - 0.5
        self.experienced_line.setValue(x)
        self.experienced_line.show()
        set_text(self.experienced_label, "Experienced from here", self.theme.target)
        self.experienced_label.setPos(x, top)
        self.experienced_label.show()

    def month_at(self, x: float) -> int | None:
        figures = self._figures
        if figures is None:
            return None
        index = round(x)
        return index if 0 <= index < len(figures.months) else None


class MonthlyApplicationsChart(MonthChart):
    """Applications sent each month, and how many of them got past the CV stage."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__("Applications by month", CountAxis("left"), parent=parent)
        self.sent_bars = Bars(x=[], height=[], width=BAR_WIDTH)
        self.callback_bars = Bars(x=[], height=[], width=BAR_WIDTH * 0.6)
        self.plot.addItem(self.sent_bars)
        self.plot.addItem(self.callback_bars)
        self.legend.addItem(self.sent_bars, "Applications")
        self.legend.addItem(self.callback_bars, "Past the CV")
        self.restyle(self.theme)

    def restyle(self, theme: ChartTheme) -> None:
        super().restyle(theme)
        self.color_series(
            theme, (self.sent_bars, theme.applied), (self.callback_bars, theme.past_cv)
        )

    def clear_chart(self) -> None:
        super().clear_chart()
        set_bars(self.sent_bars, x=np.zeros(0), height=np.zeros(0))
        set_bars(self.callback_bars, x=np.zeros(0), height=np.zeros(0))

    def draw(self, figures: LogFigures) -> None:
        xs = np.arange(len(figures.months), dtype=float)
        sent = np.array([m.applications for m in figures.months], dtype=float)
        back = np.array([m.callbacks for m in figures.months], dtype=float)
        set_bars(self.sent_bars, x=xs, height=sent)
        set_bars(self.callback_bars, x=xs, height=back)
        top = max(float(sent.max()) if sent.size else 1.0, 1.0) * 1.18
        self.draw_months(figures, top)
        self.set_subtitle(
            f"{figures.summary.applications_per_month:.1f} applications a month over the last "
            "3 months."
        )

    def readout_at(self, x: float, y: float) -> str | None:
        index = self.month_at(x)
        if index is None or self._figures is None:
            return None
        month = self._figures.months[index]
        return (
            f"{month.label}\n{month.applications:,} applications\n{month.callbacks:,} past the CV"
        )

    def describe(self, evaluation: Evaluation) -> str:
        figures = self.figures(evaluation)
        if not isinstance(figures, LogFigures):
            return "No figures."
        return "Applications by month. " + "; ".join(
            f"{m.label}: {m.applications}" for m in figures.months
        )


class CallbackRateChart(MonthChart):
    """Each month's callback rate (applications in the new field only), with its 10th–90th
    percentile range: a month of three applications says little, and the range shows it."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__("Callback rate by month", RateAxis("left"), parent=parent)
        self.ranges = pg.ErrorBarItem(
            x=np.zeros(0), y=np.zeros(0), top=np.zeros(0), bottom=np.zeros(0), beam=0.25
        )
        self.points = pg.ScatterPlotItem(size=8)
        self.plot.addItem(self.ranges)
        self.plot.addItem(self.points)
        self.legend.addItem(self.points, "Rate (middle estimate)")
        self.legend.addItem(self.ranges, "Likely range (10th–90th percentile)")
        self.restyle(self.theme)

    def restyle(self, theme: ChartTheme) -> None:
        super().restyle(theme)
        color = theme.past_cv  # the rate of getting past the CV, as in the bars beside it
        self.points.setBrush(pg.mkBrush(color))
        self.points.setPen(pg.mkPen(theme.background))
        self.ranges.setData(pen=pg.mkPen(theme.muted, width=2))
        self.color_series(theme)

    def clear_chart(self) -> None:
        super().clear_chart()
        self.points.setData(x=[], y=[])
        self.ranges.setData(x=np.zeros(0), y=np.zeros(0), top=np.zeros(0), bottom=np.zeros(0))

    def draw(self, figures: LogFigures) -> None:
        months = [(i, m) for i, m in enumerate(figures.months) if m.target_field]
        xs = np.array([i for i, _m in months], dtype=float)
        means = np.array([m.rate.mean * 100 for _i, m in months], dtype=float)
        low = np.array([m.rate.p10 * 100 for _i, m in months], dtype=float)
        high = np.array([m.rate.p90 * 100 for _i, m in months], dtype=float)
        self.points.setData(x=xs, y=means)
        self.ranges.setData(x=xs, y=means, top=high - means, bottom=means - low)
        top = max(float(high.max()) if high.size else 10.0, 1.0) * 1.15
        self.draw_months(figures, top)
        self.set_subtitle(callback_rate_subtitle(figures))

    def readout_at(self, x: float, y: float) -> str | None:
        index = self.month_at(x)
        if index is None or self._figures is None:
            return None
        month = self._figures.months[index]
        if not month.target_field:
            return f"{month.label}\nNo applications in the new field"
        rate = month.rate
        return (
            f"{month.label}\n{rate.mean:.1%} (likely {rate.p10:.1%}–{rate.p90:.1%})\n"
            f"{month.callbacks:,} of {month.target_field:,} past the CV"
        )

    def describe(self, evaluation: Evaluation) -> str:
        figures = self.figures(evaluation)
        if not isinstance(figures, LogFigures):
            return "No figures."
        return "Callback rate by month. " + "; ".join(
            f"{m.label}: {m.rate.mean:.0%}" for m in figures.months if m.target_field
        )


class ChannelChart(LogChart):
    """Applications and callbacks through each channel (job board, referral, recruiter...)."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__("Applications by channel", left_axis=CountAxis("left"), parent=parent)
        self.sent_bars = Bars(x=[], height=[], width=0.38)
        self.callback_bars = Bars(x=[], height=[], width=0.38)
        self.plot.addItem(self.sent_bars)
        self.plot.addItem(self.callback_bars)
        self.legend.addItem(self.sent_bars, "Applications")
        self.legend.addItem(self.callback_bars, "Past the CV")
        self._labels: list[pg.TextItem] = []
        # Made now, hidden: making text items is dear, and the first log to arrive (thousands of
        # rows, say) already has every chart on the tab to redraw.
        self._pool(self._labels, len(CHANNELS), (0.5, 1.0))
        self._pool(self._labels, 0, (0.5, 1.0))
        self._figures: LogFigures | None = None
        self.restyle(self.theme)

    def restyle(self, theme: ChartTheme) -> None:
        self.color_series(
            theme, (self.sent_bars, theme.applied), (self.callback_bars, theme.past_cv)
        )

    def clear_chart(self) -> None:
        self._figures = None
        set_bars(self.sent_bars, x=np.zeros(0), height=np.zeros(0))
        set_bars(self.callback_bars, x=np.zeros(0), height=np.zeros(0))
        self._pool(self._labels, 0, (0.5, 1.0))

    def draw(self, figures: LogFigures) -> None:
        self._figures = figures
        channels = figures.channels
        xs = np.arange(len(channels), dtype=float)
        sent = np.array([c.applications for c in channels], dtype=float)
        back = np.array([c.callbacks for c in channels], dtype=float)
        set_bars(self.sent_bars, x=xs - 0.2, height=sent)
        set_bars(self.callback_bars, x=xs + 0.2, height=back)
        self.name_slots([c.label for c in channels])
        self._pool(self._labels, len(channels), (0.5, 1.0))
        for item, channel, x in zip(self._labels, channels, xs, strict=False):
            share = channel.callback_share
            set_text(item, "" if share is None else f"{share:.0%}", self.theme.foreground)
            item.setPos(float(x) + 0.2, float(channel.callbacks))
            item.show()
        top = max(float(sent.max()) if sent.size else 1.0, 1.0) * 1.15
        self.frame_slots(max(len(channels), 1), top)
        self.set_subtitle("The figure over each blue bar is the share that got past the CV.")

    def readout_at(self, x: float, y: float) -> str | None:
        figures = self._figures
        if figures is None:
            return None
        index = round(x)
        if not 0 <= index < len(figures.channels):
            return None
        channel = figures.channels[index]
        share = channel.callback_share
        return (
            f"{channel.label}\n{channel.applications:,} applications\n"
            f"{channel.callbacks:,} past the CV"
            + (f" ({share:.1%})" if share is not None else "")
            + f"\n{channel.offers:,} offers"
        )

    def describe(self, evaluation: Evaluation) -> str:
        figures = self.figures(evaluation)
        if not isinstance(figures, LogFigures):
            return "No figures."
        return "Applications by channel. " + "; ".join(
            f"{c.label}: {c.applications} sent, {c.callbacks} past the CV" for c in figures.channels
        )
