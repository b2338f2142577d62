"""The frame every chart shares: title, options, export, legend, hover read-out and lazy refresh.

A chart keeps the newest evaluation it was given and draws it only while it is visible: a chart on
a hidden tab is marked stale and redraws when shown, so a slider step pays only for what is on
screen. Plot items are created once by each chart and updated with `setData`/`setOpts`.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Final

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QPainter, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QHBoxLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from offer_eval.core.evaluate import Evaluation
from offer_eval.gui.charts.bars import Bars as Bars  # noqa: PLC0414  (re-exported for the charts)
from offer_eval.gui.charts.bounds import BoundedAxis, BoundedViewBox
from offer_eval.gui.charts.header import ChartHeader
from offer_eval.gui.charts.legend_fit import LegendFit
from offer_eval.gui.charts.legend_fit import legend_name as legend_name  # noqa: PLC0414
from offer_eval.gui.charts.paint_once import scene_painter
from offer_eval.gui.plain_text import PlainLabel
from offer_eval.gui.theme import LIGHT, ChartTheme
from offer_eval.gui.wrapped_label import WrappedLabel

EXPORT_SUFFIXES = (".png", ".svg")


def money_tick(value: float, spacing: float) -> str:
    """Currency tick text: "£45k" when ticks are whole thousands apart, else "£45,500"."""
    if not math.isfinite(value):
        return ""
    sign = "-" if value < -0.5 else ""
    magnitude = abs(value)
    if magnitude >= 1_000_000 and spacing >= 100_000:
        text = f"£{magnitude / 1_000_000:,.{1 if spacing < 1_000_000 else 0}f}m"
    elif magnitude >= 1_000 and spacing >= 1_000:
        text = f"£{magnitude / 1_000:,.{0 if spacing >= 1_000 and magnitude % 1000 < 1 else 1}f}k"
    else:
        text = f"£{magnitude:,.0f}"
    return sign + text


def nice_step(raw: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ that is at least `raw` (a tick spacing people read)."""
    if raw <= 0 or not math.isfinite(raw):
        return 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    for multiple in (1.0, 2.0, 2.5, 5.0, 10.0):
        if multiple * power >= raw * (1 - 1e-12):
            return multiple * power
    return 10.0 * power


class CurrencyAxis(BoundedAxis):
    """An axis in pounds with thousands separators: £45k, £1.2m, £450."""

    def __init__(self, orientation: str, **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickSpacing(  # noqa: N802
        self, low: float, high: float, size: float
    ) -> list[tuple[float, float]]:
        """A pound label every 26 px or so on a vertical axis, at 1, 2, 2.5 or 5 × 10ⁿ.

        pyqtgraph's own choice leaves a short chart with two labels (£50k, £100k) and little to
        read a bar against.
        """
        if self.orientation not in ("left", "right") or size <= 0 or high <= low:
            return super().tickSpacing(low, high, size)  # type: ignore[no-any-return]
        return [(nice_step((high - low) / max(3.0, size / 26.0)), 0.0)]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        return [money_tick(v * scale, spacing * scale) for v in values]


class PercentAxis(BoundedAxis):
    """An axis in percent with a sign on changes: -10%, 0%, +20%."""

    def __init__(self, orientation: str, **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        decimals = 0 if spacing >= 1 else 1
        return [f"{v * scale:+.{decimals}f}%".replace("+0%", "0%") for v in values]


class MonthAxis(BoundedAxis):
    """Months from now, shown as whole months."""

    def __init__(self, orientation: str, **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        return [f"{round(v * scale):d}" for v in values]


LEFT_LABEL_CHARS: Final = 26


def wrap_label(text: str, width: int = 18, lines: int = 2) -> str:
    """Break a long name onto at most `lines` lines of `width` characters at spaces, eliding the rest.

    A word longer than a line is cut with "…"; so is the last line when the name needs more.
    """
    width = max(width, 2)
    if len(text) <= width:
        return text
    words = text.split()
    out: list[str] = []
    current = ""
    for number, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= width:
            current = candidate
            continue
        if len(out) == lines - 1:  # no line left for this word: end the last one with "…"
            rest = " ".join([current, *words[number:]] if current else words[number:])
            current = rest[: width - 1].rstrip() + "…"
            break
        if current:
            out.append(current)
        current = word if len(word) <= width else word[: width - 1] + "…"
    out.append(current)
    return "\n".join(out[:lines])


MIN_CATEGORY_CHARS: Final = 5


def set_category_ticks(axis: pg.AxisItem, names: list[str], room_px: float = 0.0) -> bool:
    """Name each bar under it, wrapped to the room each has, making the axis tall enough.

    `room_px` is the width one category gets; 0 keeps 18 characters a line. With less room than
    five characters the bars are numbered 1, 2, ... instead (names would overlap); returns True
    then, so the chart can say so.
    """
    font = axis.style.get("tickFont") or axis.font()
    asked = (tuple(names), room_px, font.key())
    if getattr(axis, "_offer_eval_category_asked", None) == asked:
        return bool(axis._offer_eval_category_numbered)  # the same names in the same room
    metrics = QFontMetrics(font)
    width = 18
    if room_px > 0:
        width = min(18, int(room_px / max(metrics.averageCharWidth(), 1)) - 1)

    def wrapped(width: int) -> list[str]:
        lines = 2 if width >= 12 else 3
        return [wrap_label(name, width, lines) for name in names]

    labels = wrapped(width)
    # Characters of average width are a first guess: names of wide letters ("Geophysicist")
    # take more, so shorten them until every line fits its pixels.
    while (
        room_px > 0
        and width >= MIN_CATEGORY_CHARS
        and any(
            metrics.horizontalAdvance(line) > room_px
            for label in labels
            for line in label.split("\n")
        )
    ):
        width -= 1
        labels = wrapped(width)
    numbered = width < MIN_CATEGORY_CHARS
    axis._offer_eval_category_asked, axis._offer_eval_category_numbered = asked, numbered
    if numbered:
        labels = [str(number) for number in range(1, len(names) + 1)]
    if getattr(axis, "_offer_eval_ticks", None) == labels:
        return numbered  # unchanged: setting ticks again would make the axis redraw itself
    axis._offer_eval_ticks = labels
    axis.setTicks([[(float(i), label) for i, label in enumerate(labels)]])
    used = max((label.count("\n") + 1 for label in labels), default=1)
    axis.setHeight(int(metrics.lineSpacing() * used + metrics.height() * 0.6 + 10))
    return numbered


class SwatchSample(pg.ItemSample):  # type: ignore[misc]
    """A legend sample that draws a bar item as a plain square.

    pyqtgraph draws a bar item's pen as a line under its square too: a stub left of every
    pay-cut swatch and a line through the grey stability one.
    """

    def paint(self, painter: QPainter, *args: Any) -> None:
        if not isinstance(self.item, pg.BarGraphItem):
            super().paint(painter, *args)
            return
        opts = self.item.opts
        painter.setPen(pg.mkPen(opts.get("pen")))
        painter.setBrush(pg.mkBrush(opts.get("brush")))
        painter.drawRect(QRectF(3, 3, 15, 15))


def set_bars(bar: pg.BarGraphItem, **data: np.ndarray) -> None:
    """Give a bar item new geometry only when it differs from what it shows (setOpts is slow)."""
    previous = getattr(bar, "_offer_eval_data", None)
    if (
        previous is not None
        and previous.keys() == data.keys()
        and all(np.array_equal(previous[key], value) for key, value in data.items())
    ):
        return
    bar._offer_eval_data = {key: np.array(value, copy=True) for key, value in data.items()}
    bar.setOpts(**data)


def set_axis_ticks(axis: pg.AxisItem, ticks: list[tuple[float, str]]) -> None:
    """Fixed tick labels, set only when they change (setting them makes the axis redraw)."""
    if getattr(axis, "_offer_eval_fixed_ticks", None) != ticks:
        axis._offer_eval_fixed_ticks = ticks
        axis.setTicks([ticks])


def label_room(pixels: float, step: int = 24) -> int:
    """Room for value labels, rounded up to a coarse step so a range stays put while they change."""
    return int(math.ceil(pixels / step) * step)


def steady_range(
    shown: tuple[float, float] | None, low: float, high: float, *, grow: float = 0.06
) -> tuple[float, float]:
    """A view range that stays put while the data moves a little inside it.

    Redrawing axes (their ticks and grid) is one of the dearest parts of a slider step, so the
    range changes only when the data leaves it or fills less than 70% of it; it then takes a
    little room (`grow`) so that the next steps fit too.
    """
    span = max(high - low, 1e-9)
    if shown is not None:
        shown_low, shown_high = shown
        shown_span = shown_high - shown_low
        if shown_low <= low and high <= shown_high and span >= 0.7 * shown_span:
            return shown
    return (low - span * grow if low < 0 else low, high + span * grow)


def set_text(item: pg.TextItem, text: str, color: str) -> None:
    """Set a text item's words and colour only when they change (re-laying out text is slow)."""
    shown = getattr(item, "_offer_eval_text", None)
    if shown != (text, color):
        item._offer_eval_text = (text, color)
        # New words in the same colour: leave the colour be (setting it redraws the item too).
        item.setText(text, color=None if shown is not None and shown[1] == color else color)


class ChartPanel(QFrame):
    """A titled pyqtgraph chart that refreshes lazily and exports to PNG or SVG."""

    layout_depends_on_size = False  # True: redraw on resize (labels placed in pixels)
    least_plot_height = 0  # above 0: on a page that scrolls (`scroll_with_page`)

    def __init__(
        self,
        title: str,
        *,
        left_axis: pg.AxisItem | None = None,
        bottom_axis: pg.AxisItem | None = None,
        legend_columns: int = 4,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.theme: ChartTheme = LIGHT
        self._evaluation: Evaluation | None = None
        self._drawn_key: tuple[object, ...] | None = None
        self._stale = False
        self.refresh_count = 0
        self.readout_text = ""
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setObjectName(f"chart_{title.lower().replace(' ', '_')}")

        self.title_label = PlainLabel(title)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        # Wrapped to the chart's width; words that follow a slider keep the layout as it is.
        self.subtitle = WrappedLabel("")
        self.export_button = QToolButton()
        self.export_button.setText("Export…")
        self.export_button.setToolTip(f"Save the {title.lower()} chart as a PNG or SVG image")
        self.export_button.setAccessibleName(f"Export: {title} chart")
        self.options = QHBoxLayout()  # a chart's choices (its own widgets go in here)

        self.view = pg.GraphicsLayoutWidget()
        self.view.setAccessibleName(f"Chart: {title}")
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Two charts above each other, with the verdict on five lines, fit a 1024x700 window.
        self.view.setMinimumHeight(150)
        self.view.ci.setContentsMargins(4, 4, 8, 4)
        # The shown axes and the view box keep their bounding rectangles between repaints.
        axes: dict[str, pg.AxisItem] = {
            "left": left_axis if left_axis is not None else BoundedAxis("left"),
            "bottom": bottom_axis if bottom_axis is not None else BoundedAxis("bottom"),
        }
        # No context menu: asked for at construction, the view box never builds the one it would
        # otherwise make and throw away (two option forms and a menu, per chart).
        self.plot: pg.PlotItem = self.view.addPlot(
            row=0,
            col=0,
            axisItems=axes,
            viewBox=BoundedViewBox(enableMenu=False),
            enableMenu=False,
        )
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        for name in ("top", "right"):
            # Never shown, yet linked to the view: on every change of its range each re-parsed
            # its hidden label's HTML to pick an SI prefix (which only a shown label can take).
            self.plot.getAxis(name).enableAutoSIPrefix(False)
        for name in ("left", "bottom"):
            # Axes (with their grid lines) are redrawn from a cached pixmap unless they change:
            # replaying their drawing on every slider step costs milliseconds.
            self.plot.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.showGrid(x=False, y=True, alpha=self.theme.grid_alpha)
        self.legend = pg.LegendItem(
            colCount=legend_columns, horSpacing=16, verSpacing=-4, sampleType=SwatchSample
        )
        # Its entries draw inside its box: a repaint of the plot above (every slider step) skips
        # the whole legend, rather than asking each of its dozens of items for its bounds.
        self.legend.setFlag(QGraphicsItem.GraphicsItemFlag.ItemContainsChildrenInShape)
        self._legend_fit = LegendFit(self.legend, self.view, self.plot)
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(0)
        self._resize_timer.timeout.connect(self.force_refresh)
        self.view.addItem(self.legend, row=1, col=0)
        self.readout = pg.TextItem("", anchor=(0, 1))
        self.readout.setZValue(1_000)
        self.readout.hide()
        self.plot.addItem(self.readout, ignoreBounds=True)
        self.empty_text = pg.TextItem("", anchor=(0.5, 0.5))
        self.empty_text.setZValue(999)
        self.plot.addItem(self.empty_text, ignoreBounds=True)
        self._proxy = pg.SignalProxy(
            self.view.scene().sigMouseMoved, rateLimit=60, slot=self._on_mouse_moved
        )

        self.header = ChartHeader(self.title_label, self.options, self.export_button, self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.view, 1)
        self.subtitle.hide()

    # --- data ---------------------------------------------------------------------------------

    def data_key(self, evaluation: Evaluation) -> tuple[object, ...] | None:
        """Everything `update_chart` reads from `evaluation`, or None to redraw every time.

        A chart whose key is the same as for the evaluation it last drew skips the redraw: a
        search-rate slider leaves the money charts as they were, and redrawing them would only
        cost the drag its frame. Parts the evaluator remembers come back as the same objects, so
        comparing is mostly identity.
        """
        return None

    def set_evaluation(self, evaluation: Evaluation) -> None:
        """Take a new evaluation; draw it now if visible, else when next shown."""
        self._evaluation = evaluation
        if not self.isVisible():
            # Not even the key: working it out may compute what the chart shows (a trajectory),
            # which a slider step on another tab must not pay for.
            self._stale = True
            return
        key = self.data_key(evaluation)
        if key is not None and not self._stale and _same_key(key, self._drawn_key):
            return  # nothing this chart shows has changed
        self._stale = True
        self.refresh()

    def refresh(self) -> None:
        """Redraw from the newest evaluation if it has not been drawn yet."""
        if not self._stale or self._evaluation is None:
            return
        self._stale = False
        self.refresh_count += 1
        scene_painter().redrawing(self.view)  # every chart redrawn now shows in one repaint
        # The legend first, so that charts placing labels in pixels see the plot's final size;
        # again after, for charts that name their legend entries while updating.
        self.fit_legend()
        self.update_chart(self._evaluation)
        self._drawn_key = self.data_key(self._evaluation)
        if self.fit_legend() and self.layout_depends_on_size:
            self._resize_timer.start()
        self.setAccessibleDescription(self.describe(self._evaluation))

    def force_refresh(self) -> None:
        """Redraw even if nothing changed (after a theme or option change)."""
        self._drawn_key = None
        self._stale = True
        if self.isVisible():
            self.refresh()

    def mark_stale(self) -> None:
        """Out of date: a new evaluation is on its way (redrawn when handed it, or when shown)."""
        self._stale = True

    @property
    def is_stale(self) -> bool:
        return self._stale

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        handle = self.window().windowHandle()
        if self._stale and self.window() is not self and handle and not handle.isExposed():
            # Its window is opening (layout unsettled): drawn once, by the event loop, before it paints
            self._resize_timer.start()
            return
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.least_plot_height and event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the subtitle's lines, so this least height, may have changed
        self.fit_legend()
        if self.layout_depends_on_size and self._evaluation is not None:
            self._resize_timer.start()  # once the plot inside has its new size too

    def scroll_with_page(self, least_plot_height: int) -> None:
        """On a page that scrolls rather than squeeze its charts: every legend name whole, and as
        much height as they, the subtitle's lines and `least_plot_height` of plot need."""
        self.least_plot_height = least_plot_height
        self.header.steady_height = False  # the view's least height is the legend's to set
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """On a page that scrolls, every line the subtitle wraps to at this width: a splitter
        there gives a chart only its least height, which counted one line of a three-line
        subtitle and cut the pay-cut chart's legend off (1024x700)."""
        hint = super().minimumSizeHint()
        subtitle = self.subtitle
        if self.least_plot_height and not subtitle.isHidden() and subtitle.width() > 0:
            lines = subtitle.heightForWidth(subtitle.width()) - subtitle.minimumSizeHint().height()
            hint.setHeight(hint.height() + max(0, lines))
        return hint

    def fit_legend(self) -> bool:
        """Lay the legend out so that it never widens the plot nor crowds it out (`LegendFit`).

        Runs on a resize or a change of names, never on a slider step. True if it changed the
        layout.
        """
        return self._legend_fit.fit(self.least_plot_height)

    def update_chart(self, evaluation: Evaluation) -> None:
        """Subclasses: push the evaluation into the items they created once."""
        raise NotImplementedError

    def describe(self, evaluation: Evaluation) -> str:
        """Subclasses: the chart's figures in words, for screen readers."""
        return ""

    def set_subtitle(self, text: str) -> None:
        self.subtitle.setText(text)
        self.subtitle.setVisible(bool(text))

    def set_empty_message(self, text: str) -> None:
        """A message in the middle of the plot when there is nothing to draw."""
        set_text(self.empty_text, text, self.theme.muted)  # every redraw clears it: mostly a no-op
        if text:
            self.plot.setXRange(0, 1, padding=0)
            self.plot.setYRange(0, 1, padding=0)
            self.empty_text.setPos(0.5, 0.5)
        self.empty_text.setVisible(bool(text))

    def set_left_ticks(
        self, ticks: list[tuple[float, str]], lines: int = 2, chars: int = LEFT_LABEL_CHARS
    ) -> None:
        """Category names on the left axis, its width fixed to the longest name right away.

        pyqtgraph sizes an axis after painting it; charts that place labels in pixels need the
        plot's final width before that, so the width is set here from the font.
        """
        axis = self.plot.getAxis("left")
        if getattr(axis, "_offer_eval_ticks", None) == ticks and getattr(
            axis, "_offer_eval_lines", None
        ) == (lines, chars):
            return  # unchanged: setting ticks or width again would redraw and re-lay out the plot
        axis._offer_eval_ticks, axis._offer_eval_lines = ticks, (lines, chars)
        # Long names (an offer called "Research Engineer at a large lab in Cambridge") take two
        # lines rather than half the chart's width; one, ending in "…", where rows are tight.
        shown = [(y, wrap_label(text, chars, lines)) for y, text in ticks]
        axis.setTicks([shown])
        metrics = QFontMetrics(axis.style.get("tickFont") or axis.font())
        widest = max(
            (metrics.horizontalAdvance(line) for _, text in shown for line in text.split("\n")),
            default=20,
        )
        axis.setWidth(widest + 18)

    def view_width(self) -> float:
        """The plotting area's width in pixels, after any pending layout change."""
        self.fit_legend()  # a chart may have just renamed its legend entries
        self.view.ci.layout.activate()
        self.plot.layout.activate()
        return max(float(self.plot.vb.width()), 120.0)

    def view_height(self) -> float:
        """The plotting area's height in pixels, after any pending layout change."""
        self.fit_legend()  # a chart may have just renamed its legend entries
        self.view.ci.layout.activate()
        self.plot.layout.activate()
        return max(float(self.plot.vb.height()), 1.0)

    def x_range_with_labels(
        self, low: float, high: float, left_px: float, right_px: float
    ) -> tuple[float, float]:
        """An x range showing [low, high] with `left_px` and `right_px` pixels to spare for labels."""
        width = self.view_width()
        share = min((left_px + right_px) / width, 0.85)
        total = max(high - low, 1e-9) / (1 - share)
        return low - total * left_px / width, high + total * right_px / width

    def has_data(self) -> bool:
        """True when some plot item holds data (bars, curves or points), not just axes and text."""
        for item in self.plot.items:
            if not item.isVisible():
                continue
            if isinstance(item, pg.BarGraphItem):
                if not item.boundingRect().isEmpty():
                    return True
            elif isinstance(item, pg.PlotDataItem):
                if item.xData is not None and len(item.xData) > 0:
                    return True
            elif isinstance(item, pg.ScatterPlotItem) and len(item.data) > 0:
                return True
        return False

    # --- look ---------------------------------------------------------------------------------

    def apply_theme(self, theme: ChartTheme) -> None:
        """Recolour for light or dark; the chart redraws with the new colours."""
        self.theme = theme
        self.view.setBackground(theme.background)
        for name in ("left", "bottom", "right", "top"):
            axis = self.plot.getAxis(name)
            axis.setPen(pg.mkPen(theme.muted))
            axis.setTextPen(pg.mkPen(theme.foreground))
        self.plot.showGrid(x=False, y=True, alpha=theme.grid_alpha)
        self.legend.setLabelTextColor(theme.foreground)
        for _sample, label in self.legend.items:
            label.setText(label.text, color=theme.foreground)
        self.readout.fill = pg.mkBrush(theme.readout_fill)
        self.readout.border = pg.mkPen(theme.muted)
        self.readout.setColor(theme.foreground)
        self.empty_text.setColor(theme.muted)
        self.restyle(theme)
        self.force_refresh()

    def restyle(self, theme: ChartTheme) -> None:
        """Subclasses: recolour the items they own."""

    # --- hover read-out -----------------------------------------------------------------------

    def _on_mouse_moved(self, event: tuple[QPointF]) -> None:
        position = event[0]
        if not self.plot.sceneBoundingRect().contains(position):
            self.hide_readout()
            return
        point = self.plot.vb.mapSceneToView(position)
        self.show_readout_at(point.x(), point.y())

    def show_readout_at(self, x: float, y: float) -> str:
        """Show the exact figures under the point (x, y) in data coordinates; returns the text."""
        text = self.readout_at(x, y) if self._evaluation is not None else None
        if not text:
            self.hide_readout()
            return ""
        self.readout_text = text
        self.readout.setText(text)
        (x_low, x_high), (y_low, y_high) = self.plot.vb.viewRange()
        anchor_x = 1.0 if x > (x_low + x_high) / 2 else 0.0
        anchor_y = 0.0 if y > (y_low + y_high) / 2 else 1.0
        self.readout.setAnchor((anchor_x, anchor_y))
        self.readout.setPos(x, y)
        self.readout.show()
        return text

    def hide_readout(self) -> None:
        self.readout.hide()

    def readout_at(self, x: float, y: float) -> str | None:
        """Subclasses: the exact values at a point, or None."""
        return None

    # --- export -------------------------------------------------------------------------------

    def export_image(self, path: Path) -> None:
        """Save the chart (legend included) as PNG or SVG, by the file's suffix; raises OSError."""
        from pyqtgraph import exporters

        self.refresh()
        suffix = path.suffix.lower()
        if suffix not in EXPORT_SUFFIXES:
            raise OSError(f"choose a .png or .svg file name, not '{path.name}'")
        self.hide_readout()
        if suffix == ".svg":
            self._export_svg(path)
        else:
            exporter = exporters.ImageExporter(self.view.ci)
            scale = max(2.0, self.devicePixelRatioF())
            exporter.parameters()["width"] = int(max(self.view.width(), 400) * scale)
            exporter.export(str(path))
        if not path.exists():
            raise OSError(f"the image could not be written to {path}")

    def _export_svg(self, path: Path) -> None:
        """SVG through pyqtgraph's exporter, else Qt's own SVG generator.

        pyqtgraph 0.14's exporter cannot parse the closing "Z" that Qt 6.11 writes at the end of
        closed paths (a ViewBox's background, for one), so on that failure the scene is painted
        into a QSvgGenerator instead: still vector, text kept as text.
        """
        from pyqtgraph import exporters

        try:
            exporters.SVGExporter(self.view.ci).export(str(path))
            return
        except ValueError:
            pass
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QPainter
        from PySide6.QtSvg import QSvgGenerator

        source = self.view.ci.sceneBoundingRect()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(source.size().toSize())
        generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
        generator.setTitle(f"{self.title} (Offer Eval)")
        generator.setDescription(self.accessibleDescription())
        painter = QPainter(generator)
        try:
            self.view.scene().render(painter, QRectF(0, 0, source.width(), source.height()), source)
        finally:
            painter.end()


def _same_key(new: tuple[object, ...] | None, old: tuple[object, ...] | None) -> bool:
    """Two data keys alike: each part the same object, or equal."""
    if new is None or old is None or len(new) != len(old):
        return False
    return all(a is b or a == b for a, b in zip(new, old, strict=True))
