"""Decision charts: each offer's score as stacked contributions, and weight stability as a tornado."""

from __future__ import annotations

from typing import Any, Final

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from offer_eval.core.evaluate import Evaluation
from offer_eval.gui.charts.base import (
    LEFT_LABEL_CHARS,
    Bars,
    ChartPanel,
    legend_name,
    set_axis_ticks,
    set_bars,
)
from offer_eval.gui.charts.fixed_axis import FixedTicksAxis
from offer_eval.gui.charts.markers import Markers
from offer_eval.gui.charts.updates import set_view_range
from offer_eval.gui.charts.value_labels import ValueLabels, place_beside_or_inside
from offer_eval.gui.theme import ChartTheme
from offer_eval.present.labels import criterion_labels, display_names

BAR_HEIGHT: Final = 0.6
BACKING_ALPHA: Final = 0.8
"""How opaque the backing behind words inside a bar is: legible, the colours still show."""
MARKER_ROOM_PX: Final = 10
"""Pixels right of a weight's diamond kept clear of the words inside its row."""
NARROW_SCORE_PX: Final = 480
"""Narrower than this, the score chart breaks a name onto two lines at `NARROW_NAME_CHARS`."""
NARROW_NAME_CHARS: Final = 16
EXTRA_COLOURS: Final = ("#332288", "#882255", "#44AA99", "#117733", "#AA4499", "#DDCC77")
EXTRA_COLOURS_DARK: Final = ("#9C8CF0", "#C8E05A", "#E07BA5", "#44AA99", "#5CC46E", "#D17FC4")


class PointsAxis(FixedTicksAxis):
    """Score points, 0 to 10."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        return [f"{v * scale:g}" for v in values]


class ShareAxis(FixedTicksAxis):
    """Weight shares as percentages."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        return [f"{v * scale:.0%}" for v in values]


def value_labels(plot: pg.PlotItem, theme: ChartTheme) -> ValueLabels:
    """One item for the labels beside a chart's bars, added to its plot."""
    labels = ValueLabels((0.0, 0.5))
    labels.set_colour(theme.foreground)
    plot.addItem(labels, ignoreBounds=True)
    return labels


def backing(theme: ChartTheme) -> pg.QtGui.QColor:
    """The chart's background, a little see-through: behind words drawn inside a bar."""
    colour = pg.mkColor(theme.background)
    colour.setAlphaF(BACKING_ALPHA)
    return colour


def _colour(theme: ChartTheme, index: int) -> str:
    palette = (*theme.series, *(EXTRA_COLOURS_DARK if theme.dark else EXTRA_COLOURS))
    return palette[index % len(palette)]


class ScoreChart(ChartPanel):
    """Each offer's score out of 10, stacked by what each criterion contributes."""

    layout_depends_on_size = True  # a label goes beside its bar or inside it by the room

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(
            "Decision score",
            left_axis=FixedTicksAxis("left"),
            bottom_axis=PointsAxis("bottom"),
            legend_columns=3,
            parent=parent,
        )
        self.plot.showGrid(x=True, y=False, alpha=self.theme.grid_alpha)
        # Every segment of every offer's bar in one item, coloured per criterion: one update a
        # slider step instead of one per criterion (ten criteria cost ten re-layouts). The
        # per-criterion items below only give the legend its swatches.
        self.stack = Bars(
            x0=[], y=[], width=[], height=BAR_HEIGHT, pen=pg.mkPen(self.theme.background, width=1)
        )
        self.plot.addItem(self.stack)
        self._stack_colours: tuple[int, ...] | None = None
        self._bars: list[pg.BarGraphItem] = []
        self._labels = value_labels(self.plot, self.theme)
        self._labels.set_backing(backing(self.theme))
        self._legend_key: tuple[str, ...] = ()
        self._offers: list[str] = []
        self._names: dict[str, str] = {}
        self._criteria: list[str] = []
        self._labels_by_id: dict[str, str] = {}
        self._evaluated: Evaluation | None = None

    def _bar(self, index: int) -> pg.BarGraphItem:
        while len(self._bars) <= index:
            number = len(self._bars)
            bar = Bars(
                x0=[],
                y=[],
                width=[],
                height=BAR_HEIGHT,
                brush=pg.mkBrush(_colour(self.theme, number)),
                pen=pg.mkPen(self.theme.background, width=1),
            )
            self._bars.append(bar)
        return self._bars[index]

    def restyle(self, theme: ChartTheme) -> None:
        for index, bar in enumerate(self._bars):
            bar.setOpts(
                brush=pg.mkBrush(_colour(theme, index)), pen=pg.mkPen(theme.background, width=1)
            )
        self.stack.setOpts(pen=pg.mkPen(theme.background, width=1))
        self._labels.set_colour(theme.foreground)
        self._labels.set_backing(backing(theme))
        self._stack_colours = None
        self.plot.showGrid(x=True, y=False, alpha=theme.grid_alpha)
        self._legend_key = ()

    def _set_stack(
        self, x0: np.ndarray, y: np.ndarray, width: np.ndarray, colours: list[int]
    ) -> None:
        """The segments, with new brushes only when the criteria (or the theme) change."""
        if tuple(colours) != self._stack_colours:
            self._stack_colours = tuple(colours)
            self.stack._offer_eval_data = None  # the brushes must go with the new geometry
            # One brush per criterion, repeated: its segments make one run to paint.
            brushes = {c: pg.mkBrush(_colour(self.theme, c)) for c in set(colours)}
            self.stack.setOpts(brushes=[brushes[c] for c in colours])
        set_bars(self.stack, x0=x0, y=y, width=width)

    def data_key(self, evaluation: Evaluation) -> tuple[object, ...] | None:
        """What the bars, labels, legend, subtitle and read-out show: a search-rate step that
        leaves every score as it was (3-year earnings already past the top anchor) redraws
        nothing."""
        decision = evaluation.decision
        if decision is None or not decision.scores:
            return ("none", bool(evaluation.scenario.offers))
        return (
            decision.offer_ids,
            decision.criterion_ids,
            decision.contributions,
            decision.values,
            decision.shares,
            decision.scores,
            decision.ranks,
            decision.probability_best,
            decision.winner,
            decision.explanation,
            display_names(evaluation.scenario),
            criterion_labels(evaluation.scenario),
        )

    def update_chart(self, evaluation: Evaluation) -> None:
        self._evaluated = evaluation
        decision = evaluation.decision
        scenario = evaluation.scenario
        if decision is None or not decision.scores:
            self._set_stack(np.zeros(0), np.zeros(0), np.zeros(0), [])
            self._labels.set_labels([])
            self.legend.clear()
            self._legend_key = ()
            self.set_empty_message(
                "Add an offer and at least one criterion to score"
                if not scenario.offers
                else "Add criteria to score the offers"
            )
            return
        self.set_empty_message("")
        self._names = display_names(scenario)
        self._labels_by_id = criterion_labels(scenario)
        self._offers = list(decision.offer_ids)
        self._criteria = list(decision.criterion_ids)
        count = len(self._offers)
        ys = -np.arange(count, dtype=float)
        widths = np.array(
            [[decision.contributions[o][c] for o in self._offers] for c in self._criteria],
            dtype=float,
        ).reshape(len(self._criteria), count)
        lefts = np.zeros_like(widths)  # each segment starts where the one before it ended
        lefts[1:] = np.cumsum(widths, axis=0)[:-1]
        self._set_stack(
            lefts.reshape(-1),
            np.tile(ys, len(self._criteria)),
            widths.reshape(-1),
            [index for index in range(len(self._criteria)) for _ in range(count)],
        )
        for index in range(len(self._criteria)):
            self._bar(index)  # a swatch for the legend
        # In a narrow chart a name takes its second line sooner ("ML Engineer" over
        # "(regional)"): the names' column leaves the bars, and the words at their ends, the room
        # (in a 1024-pixel window the words no longer fitted inside the longest bar, and beside
        # it they shrank the bars to a sixth of the plot).
        self.set_left_ticks(
            [(float(y), self._names[o]) for o, y in zip(self._offers, ys, strict=True)],
            chars=LEFT_LABEL_CHARS if self.width() >= NARROW_SCORE_PX else NARROW_NAME_CHARS,
        )
        self._update_legend()  # before measuring the plot: the legend's rows take its height
        texts = []
        for offer_id in self._offers:
            text = f" {decision.scores[offer_id]:.2f}"
            probability = decision.probability_best.get(offer_id)
            if probability is not None:
                text += f" · best in {probability:.0%}"
            if offer_id == decision.winner:
                text += " · winner"
            texts.append(text)
        scores = [float(decision.scores[o]) for o in self._offers]
        margins = 2 * ValueLabels.MARGIN
        # Beside the bar where it fits, else inside it (over a backing), else beside it on a
        # longer scale: the bars keep most of the plot in a narrow window.
        high, slots = place_beside_or_inside(
            self.view_width(),
            10.0,
            scores,
            [self._labels.text_width(text) + margins for text in texts],
            [[(score, 0.0, True)] for score in scores],
        )
        foreground = self.theme.foreground
        self._labels.set_labels(
            [
                (score, float(y), text, 0.0 if slot is None else 1.0, foreground, slot is not None)
                for score, y, text, slot in zip(scores, ys, texts, slots, strict=True)
            ]
        )
        set_view_range(self.plot, x=(0.0, high), y=(-(count - 1) - 0.7, 0.7))
        set_axis_ticks(self.plot.getAxis("bottom"), [(float(v), str(v)) for v in range(0, 11, 2)])
        self.set_subtitle(decision.explanation)

    def _update_legend(self) -> None:
        key = tuple(self._labels_by_id[c] for c in self._criteria)
        if key == self._legend_key:
            return
        self.legend.clear()
        for index, criterion_id in enumerate(self._criteria):
            self.legend.addItem(self._bars[index], legend_name(self._labels_by_id[criterion_id]))
        for _sample, label in self.legend.items:
            label.setText(label.text, color=self.theme.foreground)
        self._legend_key = key

    def readout_at(self, x: float, y: float) -> str | None:
        evaluation = self._evaluated
        if evaluation is None or evaluation.decision is None or not self._offers:
            return None
        decision = evaluation.decision
        row = round(-y)
        if not 0 <= row < len(self._offers) or abs(-y - row) > BAR_HEIGHT / 2:
            return None
        offer_id = self._offers[row]
        lines = [
            f"{self._names[offer_id]}: {decision.scores[offer_id]:.3f} of 10, rank {decision.ranks[offer_id]}"
        ]
        left = 0.0
        for criterion_id in self._criteria:
            width = decision.contributions[offer_id][criterion_id]
            value = decision.values[offer_id][criterion_id]
            marker = "▶ " if left <= x < left + width else "   "
            lines.append(
                f"{marker}{self._labels_by_id[criterion_id]}: {value:.1f}/10"
                f" × {decision.shares[criterion_id]:.0%} = {width:.2f}"
            )
            left += width
        return "\n".join(lines)

    def describe(self, evaluation: Evaluation) -> str:
        decision = evaluation.decision
        if decision is None or not decision.scores:
            return "No scores yet."
        names = display_names(evaluation.scenario)
        return "Scores out of 10. " + "; ".join(
            f"{names[o]}: {decision.scores[o]:.2f}" for o in decision.offer_ids
        )


class StabilityChart(ChartPanel):
    """For each criterion, the range of its weight share over which the winner stays the winner."""

    layout_depends_on_size = True  # names take one line or two by the room each row has

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(
            "Weight stability",
            left_axis=FixedTicksAxis("left"),
            bottom_axis=ShareAxis("bottom"),
            legend_columns=3,
            parent=parent,
        )
        self.plot.showGrid(x=True, y=False, alpha=self.theme.grid_alpha)
        self.safe_bars = Bars(x0=[], y=[], width=[], height=BAR_HEIGHT)
        self.sensitive_bars = Bars(x0=[], y=[], width=[], height=BAR_HEIGHT)
        self.now = Markers([], [], symbol="d", size=12)
        for item in (self.safe_bars, self.sensitive_bars, self.now):
            self.plot.addItem(item)
        self.legend.addItem(self.safe_bars, "Winner holds at any share")
        self.legend.addItem(self.sensitive_bars, "Winner holds only in this range")
        self.legend.addItem(self.now, "Your weight now")
        self._labels = value_labels(self.plot, self.theme)
        self._rows: list[tuple[str, float, tuple[float, float] | None, float]] = []
        self.restyle(self.theme)

    def restyle(self, theme: ChartTheme) -> None:
        muted = pg.mkColor(theme.muted)
        muted.setAlpha(110)
        self.safe_bars.setOpts(brush=pg.mkBrush(muted), pen=pg.mkPen(theme.muted))
        self.sensitive_bars.setOpts(
            brush=pg.mkBrush(theme.series_color(1)), pen=pg.mkPen(theme.series_color(1))
        )
        self.now.setPen(pg.mkPen(theme.foreground))
        self.now.setBrush(pg.mkBrush(theme.foreground))
        self._labels.set_colour(theme.foreground)
        self._labels.set_backing(backing(theme))
        self.plot.showGrid(x=True, y=False, alpha=theme.grid_alpha)
        for _sample, label in self.legend.items:
            label.setText(label.text, color=theme.foreground)

    def data_key(self, evaluation: Evaluation) -> tuple[object, ...] | None:
        """What the bars, markers, labels and subtitle show (names wrap by the chart's height,
        which a resize redraws anyway)."""
        decision = evaluation.decision
        if decision is None or not decision.scores:
            return ("none",)
        return (
            decision.winner,
            decision.criterion_ids,
            decision.shares,
            decision.weight_stability,
            criterion_labels(evaluation.scenario),
            display_names(evaluation.scenario).get(decision.winner or ""),
        )

    def update_chart(self, evaluation: Evaluation) -> None:
        decision = evaluation.decision
        if decision is None or not decision.scores:
            self._clear("Add offers and criteria to see how stable the answer is")
            return
        if decision.winner is None:
            self._clear("The top offers tie: no weight keeps one ahead")
            return
        self.set_empty_message("")
        labels = criterion_labels(evaluation.scenario)
        rows: list[tuple[str, float, tuple[float, float] | None, float]] = []
        for criterion_id in decision.criterion_ids:
            interval = decision.weight_stability.get(criterion_id)
            width = (interval[1] - interval[0]) if interval is not None else 0.0
            rows.append((labels[criterion_id], decision.shares[criterion_id], interval, width))
        rows.sort(key=lambda row: (row[3], row[0]))  # narrowest first: the most sensitive on top
        self._rows = rows
        ys = -np.arange(len(rows), dtype=float)
        safe = [(y, r) for y, r in zip(ys, rows, strict=True) if r[2] is not None and r[3] >= 0.999]
        sensitive = [
            (y, r) for y, r in zip(ys, rows, strict=True) if r[2] is not None and r[3] < 0.999
        ]
        for bars, items in ((self.safe_bars, safe), (self.sensitive_bars, sensitive)):
            starts = [r[2][0] if r[2] is not None else 0.0 for _, r in items]
            set_bars(
                bars,
                x0=np.array(starts, dtype=np.float64),
                y=np.array([y for y, _ in items], dtype=np.float64),
                width=np.array([r[3] for _, r in items], dtype=np.float64),
            )
        self.now.set_positions([r[1] for r in rows], [float(y) for y in ys])
        texts = []
        for _label, share, interval, width in rows:
            if interval is None:
                text = " tie"
            elif width >= 0.999:
                text = f" {share:.0%} now"
            else:
                text = f" {share:.0%} now · holds {interval[0]:.0%}–{interval[1]:.0%}"
            texts.append(text)
        # A name takes two lines only where each row has room for two: in a short chart (a
        # 700-pixel-high window) wrapped names ran into the rows above and below.
        line_height = QFontMetrics(self.plot.getAxis("left").font()).height()
        row_pitch = self.view_height() / max(len(rows), 1)
        lines = 2 if row_pitch >= 2.2 * line_height else 1
        self.set_left_ticks([(float(y), r[0]) for y, r in zip(ys, rows, strict=True)], lines)
        set_axis_ticks(self.plot.getAxis("bottom"), [(v / 100, f"{v}%") for v in (0, 50, 100)])
        # A label ends at 100% where its row has room right of its bar (a range) or of its
        # diamond (a grey bar across the scale); else, a long range, at the range's end over a
        # backing, right of the diamond; else it starts at 100%, beside: the bars keep most of
        # the plot in a narrow window.
        plot_px = self.view_width()
        marker = MARKER_ROOM_PX / plot_px
        options: list[list[tuple[float, float, bool]]] = []
        for _label, share, interval, width in rows:
            if interval is None or width >= 0.999:
                options.append([(1.0, share + marker, False)])
            else:
                options.append(
                    [(1.0, interval[1] + marker, False), (interval[1], share + marker, True)]
                )
        high, slots = place_beside_or_inside(
            plot_px,
            1.0,
            [1.0] * len(rows),
            [self._labels.text_width(text) + 2 * ValueLabels.MARGIN for text in texts],
            options,
        )
        foreground = self.theme.foreground
        self._labels.set_labels(
            [
                (1.0, float(y), text, 0.0, foreground, False)
                if slot is None
                else (slot[0], float(y), text, 1.0, foreground, slot[2])
                for y, text, slot in zip(ys, texts, slots, strict=True)
            ]
        )
        set_view_range(self.plot, x=(0.0, high), y=(-(len(rows) - 1) - 0.7, 0.7))
        name = display_names(evaluation.scenario)[decision.winner]
        self.set_subtitle(
            f"How far each weight could move before {name} stops winning. Narrow bars matter most."
        )

    def _clear(self, message: str) -> None:
        for bars in (self.safe_bars, self.sensitive_bars):
            set_bars(bars, x0=np.zeros(0), y=np.zeros(0), width=np.zeros(0))
        self.now.set_positions([], [])
        self._labels.set_labels([])
        self._rows = []
        self.set_left_ticks([])
        self.set_subtitle("")
        self.set_empty_message(message)

    def readout_at(self, x: float, y: float) -> str | None:
        row = round(-y)
        if not 0 <= row < len(self._rows) or abs(-y - row) > BAR_HEIGHT / 2:
            return None
        label, share, interval, _width = self._rows[row]
        if interval is None:
            return f"{label}: tie, no interval"
        return (
            f"{label}\nWeight share now: {share:.1%}\n"
            f"Winner stays the winner from {interval[0]:.1%} to {interval[1]:.1%}"
        )

    def describe(self, evaluation: Evaluation) -> str:
        parts: list[Any] = []
        for label, share, interval, _width in self._rows:
            if interval is not None:
                parts.append(
                    f"{label}: {share:.0%} now, holds {interval[0]:.0%} to {interval[1]:.0%}"
                )
        return "Weight stability. " + "; ".join(parts)
