"""Compensation breakdown: stacked bars per position, with benchmark quartiles and the target."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGraphicsItem, QWidget

from offer_eval.core.compensation import PositionMoney, YearComp
from offer_eval.core.evaluate import Evaluation
from offer_eval.core.money_text import format_money
from offer_eval.core.tax import TakeHome
from offer_eval.gui.charts.base import (
    Bars,
    ChartPanel,
    CurrencyAxis,
    legend_name,
    set_bars,
    set_category_ticks,
    steady_range,
)
from offer_eval.gui.charts.updates import set_line_data, set_view_range
from offer_eval.gui.theme import ChartTheme
from offer_eval.present import rows
from offer_eval.present.labels import display_names

BAR_WIDTH: Final = 0.6


def _year_average(money: PositionMoney, part: Callable[[YearComp], float]) -> float:
    """A component averaged over the four years shown (display only: the figures are the core's)."""
    return sum(part(year) for year in money.years) / len(money.years)


GROSS_PARTS: Final[tuple[tuple[str, Callable[[YearComp], float]], ...]] = (
    (rows.BASE_SALARY.name.short, lambda y: y.base_salary),
    (rows.EXPECTED_BONUS.name.short, lambda y: y.bonus),
    (rows.SIGN_ON.name.short, lambda y: y.sign_on),
    (rows.EQUITY_YEAR1.name.short, lambda y: y.equity),
    (rows.EMPLOYER_PENSION.name.short, lambda y: y.employer_pension),
    (rows.BENEFITS.name.short, lambda y: y.benefits),
    (rows.ILLIQUID_EQUITY.name.short, lambda y: y.illiquid_equity),
)
NET_PARTS: Final[tuple[tuple[str, Callable[[TakeHome], float]], ...]] = (
    (rows.NET_TAKE_HOME.name.short, lambda t: t.net),
    (rows.INCOME_TAX.name.short, lambda t: t.income_tax),
    (rows.NATIONAL_INSURANCE.name.short, lambda t: t.employee_ni),
    (rows.STUDENT_LOAN.name.short, lambda t: t.student_loan),
    (rows.YOUR_PENSION_COST.name.short, lambda t: t.employee_pension_cost),
)
"""Legend names are present/'s short headers (the legend is narrow); parts of any year."""


def _y_data(item: pg.PlotDataItem) -> np.ndarray:
    return item.yData if item.yData is not None else np.zeros(0)


class CompensationChart(ChartPanel):
    """Year-1 or 4-year-average pay per position, gross or net, as stacked bars."""

    options_changed = Signal(str, str)  # basis, period
    layout_depends_on_size = True  # names under the bars wrap to the room each bar has

    def __init__(
        self, *, basis: str = "gross", period: str = "year1", parent: QWidget | None = None
    ):
        super().__init__("Compensation", left_axis=CurrencyAxis("left"), parent=parent)
        self.basis = basis
        self.period = period
        self.basis_box = QComboBox()
        self.basis_box.addItem("Gross pay", "gross")
        self.basis_box.addItem("Take-home (net)", "net")
        self.basis_box.setAccessibleName("Basis: Compensation chart")
        self.basis_box.setToolTip(
            "Gross: everything the employer pays you. Net: what reaches your bank account, "
            "with tax, National Insurance, student loan and your pension shown above it."
        )
        self.period_box = QComboBox()
        self.period_box.addItem("Year 1", "year1")
        self.period_box.addItem("4-year average", "average")
        self.period_box.setAccessibleName("Period: Compensation chart")
        self.period_box.setToolTip(
            "Year 1 includes any sign-on bonus; the 4-year average spreads raises and vesting."
        )
        self.options.addWidget(self.basis_box)
        self.options.addWidget(self.period_box)
        self.basis_box.setCurrentIndex(max(0, self.basis_box.findData(basis)))
        self.period_box.setCurrentIndex(max(0, self.period_box.findData(period)))
        self.basis_box.currentIndexChanged.connect(self._on_options)
        self.period_box.currentIndexChanged.connect(self._on_options)

        # Every part of every bar in one item, part by part (base salaries, then bonuses, ...),
        # each segment coloured by its part: a salary step moves the parts above the base, and
        # as an item a part that cost a geometry update and a repaint of its own each.
        self.stack = Bars(x=[], height=[], width=BAR_WIDTH)
        self.plot.addItem(self.stack)
        self._stack_parts: tuple[int, ...] | None = None  # the part of each segment drawn
        # One swatch a part, for the legend (not drawn in the plot): clicking one in the legend
        # hides that part of the bars, as pyqtgraph's legend does with an item.
        self.gross_samples = [self._sample() for _ in GROSS_PARTS]
        self.net_samples = [self._sample() for _ in NET_PARTS]
        self.median_lines = pg.PlotDataItem([], [], connect="pairs")
        self.quartile_lines = pg.PlotDataItem([], [], connect="pairs")
        self.plot.addItem(self.quartile_lines)
        self.plot.addItem(self.median_lines)
        self.target_line = pg.InfiniteLine(angle=0, movable=False)
        self.plot.addItem(self.target_line)
        # The benchmark and target lines stay put while a salary moves the bars over them:
        # drawn from a cached pixmap rather than by pyqtgraph on every step.
        for item in (self.median_lines.curve, self.quartile_lines.curve, self.target_line):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._target_sample = pg.PlotDataItem([], [])
        self._shown_legend: tuple[str, ...] = ()
        self._values: dict[str, np.ndarray] = {}
        self._x_shown: tuple[float, float] | None = None
        self._y_shown: tuple[float, float] | None = None
        self._money: tuple[PositionMoney, ...] = ()
        self._names: list[str] = []
        self.restyle(self.theme)

    def _sample(self) -> Bars:
        sample = Bars(x=[], height=[], width=BAR_WIDTH)
        sample.visibleChanged.connect(self.force_refresh)
        return sample

    # --- options --------------------------------------------------------------------------------

    def force_refresh(self) -> None:
        self._y_shown = None  # a new basis or period: fit the range afresh
        super().force_refresh()

    def _on_options(self) -> None:
        self.basis = str(self.basis_box.currentData())
        self.period = str(self.period_box.currentData())
        self.options_changed.emit(self.basis, self.period)
        self.force_refresh()

    # --- look -----------------------------------------------------------------------------------

    def restyle(self, theme: ChartTheme) -> None:
        self._stack_parts = None  # segments take their parts' new colours
        for index, bar in enumerate(self.gross_samples):
            colour = theme.series_color(index)
            if GROSS_PARTS[index][0].startswith("Illiquid"):
                brush = pg.mkBrush(colour)
                brush.setStyle(Qt.BrushStyle.BDiagPattern)
                bar.setOpts(brush=brush, pen=pg.mkPen(colour, width=1))
            else:
                bar.setOpts(brush=pg.mkBrush(colour), pen=pg.mkPen(theme.background, width=1))
        net_colours = (
            theme.series_color(0),
            theme.cut,
            theme.series_color(1),
            theme.series_color(3),
            theme.series_color(2),
        )
        for index, bar in enumerate(self.net_samples):
            colour = pg.mkColor(net_colours[index])
            if index > 0:
                colour.setAlpha(150)
            bar.setOpts(brush=pg.mkBrush(colour), pen=pg.mkPen(theme.background, width=1))
        self.median_lines.setPen(pg.mkPen(theme.benchmark, width=2.5))
        self.quartile_lines.setPen(pg.mkPen(theme.benchmark, width=1.5, style=Qt.PenStyle.DashLine))
        self.target_line.setPen(pg.mkPen(theme.target, width=2, style=Qt.PenStyle.DashDotLine))
        self._target_sample.setPen(self.target_line.pen)
        self._shown_legend = ()

    # --- data -----------------------------------------------------------------------------------

    def _parts(self) -> list[tuple[str, list[float]]]:
        parts: list[tuple[str, list[float]]] = []
        if self.basis == "net":
            for name, getter in NET_PARTS:
                if self.period == "average":
                    parts.append(
                        (
                            name,
                            [
                                sum(getter(t) for t in m.take_home_by_year)
                                / len(m.take_home_by_year)
                                for m in self._money
                            ],
                        )
                    )
                else:
                    parts.append((name, [getter(m.take_home) for m in self._money]))
        else:
            for name, part in GROSS_PARTS:
                if self.period == "average":
                    parts.append((name, [_year_average(m, part) for m in self._money]))
                else:
                    parts.append((name, [part(m.year1) for m in self._money]))
        return parts

    def data_key(self, evaluation: Evaluation) -> tuple[object, ...] | None:
        scenario = evaluation.scenario
        return (
            evaluation.positions,
            tuple((p.id, p.display_name, p.benchmark_id) for p in scenario.positions),
            scenario.benchmarks,
            scenario.target_salary,
        )

    def update_chart(self, evaluation: Evaluation) -> None:
        self._money = evaluation.positions
        names = display_names(evaluation.scenario)
        self._names = [names.get(m.position_id, m.name) for m in self._money]
        count = len(self._money)
        x = np.arange(count, dtype=float)
        parts = self._parts()
        samples = self.net_samples if self.basis == "net" else self.gross_samples
        base = np.zeros(count)
        self._values = {}
        legend: list[tuple[pg.BarGraphItem, str]] = []
        segments: list[tuple[int, np.ndarray, np.ndarray, np.ndarray]] = []
        for part, (sample, (name, values)) in enumerate(zip(samples, parts, strict=True)):
            heights = np.asarray(values, dtype=float)
            self._values[name] = heights
            # A part a position does not have draws nothing: it has no segment, and a salary
            # step does not move it. A part hidden from the legend leaves its room empty.
            drawn = heights != 0
            if sample.isVisible() and np.any(drawn):
                segments.append((part, x[drawn], base[drawn], heights[drawn]))
            if name in ("Base salary", "Take-home") or np.any(heights > 0):
                legend.append((sample, name))
            base = base + heights
        self._set_stack(samples, segments)
        self._values["Total"] = base
        self._update_references(evaluation, x)
        self._update_legend(legend, evaluation.scenario.target_salary)
        numbered = set_category_ticks(
            self.plot.getAxis("bottom"), self._names, self.view_width() / (max(count, 1) + 0.2)
        )
        top = float(np.max(base)) if count else 1.0
        reference_top = (
            max(
                [top]
                + [float(v) for v in _y_data(self.median_lines) if np.isfinite(v)]
                + [float(v) for v in _y_data(self.quartile_lines) if np.isfinite(v)]
                + ([evaluation.scenario.target_salary or 0.0] if self.basis == "gross" else [])
            )
            if count
            else 1.0
        )
        self._x_shown = (-0.6, max(count - 1, 0) + 0.6)
        self._y_shown = steady_range(self._y_shown, 0.0, max(reference_top * 1.02, 1.0))
        set_view_range(self.plot, self._x_shown, self._y_shown)
        if count:
            self.set_empty_message("")
        subtitle = (
            f"{count} bars are too many to name: numbered in the table's order (1 is your "
            "current job). Point at a bar for its name."
            if numbered
            else ""
        )
        if self.basis == "net":
            when = "Average of years 1-4" if self.period == "average" else "Year 1"
            subtitle = (
                f"{when} take-home after tax, NI, student loan and your pension. "
                "Benchmarks are gross, so they show on Gross pay. " + subtitle
            ).strip()
        self.set_subtitle(subtitle)

    def _set_stack(
        self, samples: list[Bars], segments: list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]
    ) -> None:
        """Give the stack its segments, recoloured only when which parts they are changed."""
        parts = tuple(part for part, xs, _feet, _heights in segments for _ in xs)
        x = np.concatenate([xs for _part, xs, _feet, _heights in segments] or [np.zeros(0)])
        y0 = np.concatenate([feet for _part, _xs, feet, _heights in segments] or [np.zeros(0)])
        height = np.concatenate([h for _part, _xs, _feet, h in segments] or [np.zeros(0)])
        if parts != self._stack_parts:
            self._stack_parts = parts
            self.stack._offer_eval_data = None  # new colours: set the geometry with them
            self.stack.setOpts(
                brushes=[samples[part].opts["brush"] for part in parts],
                pens=[samples[part].opts["pen"] for part in parts],
            )
        set_bars(self.stack, x=x, height=height, y0=y0)

    def part_heights(self, name: str) -> np.ndarray:
        """One part's height in every bar (0 where a position lacks it), as drawn."""
        return self._values[name]

    def _update_legend(
        self, entries: list[tuple[pg.BarGraphItem, str]], target: float | None
    ) -> None:
        gross = self.basis == "gross"
        names = (*(name for _, name in entries), str(target if gross else None))
        if names == self._shown_legend:
            return
        self.legend.clear()
        for bar, name in entries:
            self.legend.addItem(bar, legend_name(name))
        if gross:
            self.legend.addItem(self.median_lines, "Benchmark median")
            self.legend.addItem(self.quartile_lines, "Benchmark 25th-75th")
            if target:
                self.legend.addItem(self._target_sample, f"Your target ({format_money(target)})")
        for _sample, label in self.legend.items:
            label.setText(label.text, color=self.theme.foreground)
        self._shown_legend = names

    def _update_references(self, evaluation: Evaluation, x: np.ndarray) -> None:
        gross = self.basis == "gross"
        median_x: list[float] = []
        median_y: list[float] = []
        quart_x: list[float] = []
        quart_y: list[float] = []
        scenario = evaluation.scenario
        for index, money in enumerate(self._money):
            benchmark = scenario.benchmark(money.benchmark_id)
            if not gross or benchmark is None:
                continue
            half = BAR_WIDTH / 2 + 0.08
            left, right = float(x[index]) - half, float(x[index]) + half
            if benchmark.median is not None:
                median_x += [left, right]
                median_y += [benchmark.median, benchmark.median]
            for value in (benchmark.p25, benchmark.p75):
                if value is not None:
                    quart_x += [left, right]
                    quart_y += [value, value]
        set_line_data(self.median_lines, median_x, median_y, connect="pairs")
        set_line_data(self.quartile_lines, quart_x, quart_y, connect="pairs")
        target = scenario.target_salary
        if gross and target:
            self.target_line.setPos(target)
            self.target_line.show()
        else:
            self.target_line.hide()

    # --- read-out and words ------------------------------------------------------------------------

    def readout_at(self, x: float, y: float) -> str | None:
        index = round(x)
        if not self._money or not 0 <= index < len(self._money) or abs(x - index) > 0.45:
            return None
        money = self._money[index]
        lines = [self._names[index]]
        for name, values in self._values.items():
            if name == "Total" or (values[index] == 0 and name not in ("Base salary", "Take-home")):
                continue
            lines.append(f"{name}: {format_money(values[index])}")
        lines.append(f"Total: {format_money(self._values['Total'][index])}")
        if self.basis == "gross" and money.benchmark_median is not None:
            lines.append(f"Benchmark median: {format_money(money.benchmark_median)}")
        return "\n".join(lines)

    def describe(self, evaluation: Evaluation) -> str:
        basis = "take-home" if self.basis == "net" else "total pay"
        totals = self._values.get("Total", np.zeros(0))
        parts = [
            f"{name}: {format_money(float(v))}"
            for name, v in zip(self._names, totals, strict=False)
        ]
        return f"Stacked bars of {basis} per position. " + "; ".join(parts)
