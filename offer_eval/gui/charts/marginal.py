"""Marginal rate: of each extra £1,000 gross, how much one position keeps, from £0 to £200,000.

The curve, the position's place on it, the zones where rules bite and the sentences under the
title all come from `present.marginal`; the chart only draws them. Zones are shaded bands (the
personal-allowance taper, the Child Benefit charge) and dashed lines (where a student loan starts),
each named in the legend.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from offer_eval.core.evaluate import Evaluation
from offer_eval.core.marginal import MarginalCurve
from offer_eval.core.money_text import format_money
from offer_eval.gui.charts.base import Bars, ChartPanel, CurrencyAxis
from offer_eval.gui.theme import ChartTheme
from offer_eval.present.labels import display_names
from offer_eval.present.marginal import MarginalPicture, MarkedZone, marginal_picture

CURVE_LABEL: Final = "Kept of the next £1,000"
MARKER_LABEL: Final = "This job"
BAND_COLOURS: Final = {"taper": 5, "child_benefit_charge": 3}  # series colours of the bands
LOAN_STYLES: Final = (Qt.PenStyle.DashLine, Qt.PenStyle.DotLine)
MARKER_SIZE: Final = 11  # pixels across


class Dot(QGraphicsEllipseItem):
    """A round marker `size` pixels across, centred on its position in data coordinates,
    drawn smooth whatever the view's scale."""

    def __init__(self, size: float) -> None:
        super().__init__(-size / 2, -size / 2, size, size)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        super().paint(painter, option, widget)


class MarginalRateChart(ChartPanel):
    """Pounds kept of each extra £1,000 gross for the position chosen above the chart."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(
            "Marginal rate",
            left_axis=CurrencyAxis("left"),
            bottom_axis=CurrencyAxis("bottom"),
            legend_columns=5,
            parent=parent,
        )
        self.plot.showGrid(x=True, y=True, alpha=self.theme.grid_alpha)
        self.plot.setLabel("left", CURVE_LABEL)
        self.plot.setLabel("bottom", "Gross pay a year")
        self.position_box = QComboBox()
        self.position_box.setAccessibleName("Position: Marginal rate chart")
        self.position_box.setToolTip("Which job's pay to draw")
        self.position_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.position_box.setMaximumWidth(320)
        self.position_box.currentIndexChanged.connect(lambda _index: self.force_refresh())
        self.options.addWidget(self.position_box)
        self.position_id: str | None = None
        self.picture: MarginalPicture | None = None
        self._bands: list[pg.LinearRegionItem] = []
        self._lines: list[pg.InfiniteLine] = []
        self.curve = pg.PlotDataItem(stepMode="center")
        # Drawn from a cached picture while it is unchanged: a salary step moves the marker and
        # its line across it, and stroking the whole curve again for that strip cost the most.
        self.curve.curve.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.plot.addItem(self.curve)
        # A dot of fixed pixel size moved by its position: a one-point scatter item worked out
        # its symbol's bounds and drawing through pyqtgraph on every salary step.
        self.marker = Dot(MARKER_SIZE)
        self.plot.addItem(self.marker)
        # The legend's sample of it (a click on it hides the marker, as on a plot item).
        self._marker_sample = pg.ScatterPlotItem([0.0], [0.0], size=MARKER_SIZE)
        self._marker_sample.visibleChanged.connect(self.force_refresh)
        self.marker_line = pg.InfiniteLine(angle=90, movable=False)
        self.plot.addItem(self.marker_line)
        self.marker.hide()  # until there is a job to mark
        self.marker_line.hide()
        # Legend samples for the zones: a bar item draws as a swatch, a curve as a line.
        self._zone_samples: dict[str, pg.GraphicsObject] = {}
        self._legend_names: tuple[str, ...] = ()
        # What is on screen, to skip redrawing what a step did not change.
        self._curve_drawn: MarginalCurve | None = None
        self._zones_drawn: tuple[MarkedZone, ...] = ()
        self._marker_at: tuple[float, float] | None = None
        self.restyle(self.theme)

    # --- look -------------------------------------------------------------------------------

    def restyle(self, theme: ChartTheme) -> None:
        self.curve.setPen(pg.mkPen(theme.series_color(0), width=2.5))
        for marker in (self.marker, self._marker_sample):
            marker.setBrush(pg.mkBrush(theme.foreground))
            marker.setPen(pg.mkPen(theme.background, width=1.5))
        self.marker_line.setPen(pg.mkPen(theme.foreground, width=1, style=Qt.PenStyle.DotLine))
        self.plot.showGrid(x=True, y=True, alpha=theme.grid_alpha)
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).setTextPen(pg.mkPen(theme.foreground))
        self._legend_names = ()  # zone colours change: lay the legend out again
        for _sample, label in self.legend.items:
            label.setText(label.text, color=theme.foreground)

    def _band_brush(self, kind: str) -> pg.QtGui.QBrush:
        colour = pg.mkColor(self.theme.series_color(BAND_COLOURS.get(kind, 4)))
        colour.setAlpha(60 if self.theme.dark else 45)
        return pg.mkBrush(colour)

    def _loan_pen(self, index: int) -> pg.QtGui.QPen:
        return pg.mkPen(
            self.theme.series_color(2), width=1.5, style=LOAN_STYLES[index % len(LOAN_STYLES)]
        )

    # --- data -------------------------------------------------------------------------------

    def data_key(self, evaluation: Evaluation) -> tuple[object, ...] | None:
        """The chooser's names, the job drawn, the tax and the household: a drag of another
        job's salary leaves the chart as it is."""
        scenario = evaluation.scenario
        chosen = self.position_box.currentData()
        return (
            tuple((position.id, position.display_name) for position in scenario.positions),
            chosen,
            next((p for p in scenario.positions if p.id == chosen), None),
            scenario.tax,
            scenario.household,
        )

    def _sync_positions(self, evaluation: Evaluation) -> str | None:
        """The chooser lists the current job and every offer; the choice survives renames."""
        scenario = evaluation.scenario
        names = display_names(scenario)
        wanted = [(position.id, names[position.id]) for position in scenario.positions]
        shown = [
            (self.position_box.itemData(i), self.position_box.itemText(i))
            for i in range(self.position_box.count())
        ]
        chosen = self.position_box.currentData()
        if wanted != shown:
            self.position_box.blockSignals(True)
            self.position_box.clear()
            for position_id, name in wanted:
                self.position_box.addItem(name, position_id)
            ids = [position_id for position_id, _name in wanted]
            if chosen not in ids:  # first time, or the chosen job was removed: the first offer
                chosen = scenario.offers[0].id if scenario.offers else scenario.current.id
            self.position_box.setCurrentIndex(ids.index(chosen))
            self.position_box.blockSignals(False)
        return str(self.position_box.currentData()) if wanted else None

    def choose(self, position_id: str) -> None:
        """Show `position_id`'s curve (tests and the keyboard use the chooser the same way)."""
        index = self.position_box.findData(position_id)
        if index >= 0:
            self.position_box.setCurrentIndex(index)

    def update_chart(self, evaluation: Evaluation) -> None:
        self.position_id = self._sync_positions(evaluation)
        if self.position_id is None:
            self.picture = None
            self._curve_drawn = None  # the message takes the view: draw the next curve afresh
            self._marker_at = None
            self.marker.hide()
            self.marker_line.hide()
            self.set_empty_message("Add a job to see what it keeps of a rise")
            return
        picture = marginal_picture(evaluation.scenario, self.position_id)
        self.picture = picture
        self.set_empty_message("")
        curve = picture.curve
        top = curve.gross[-1] + curve.step if curve.gross else 0.0
        # The curve is the same object for every pay of one job's rules: a salary step only
        # moves the marker, and the curve, zones, ranges and legend stay as drawn.
        if self._curve_drawn is not curve or self._zones_drawn != picture.zones:
            self._draw_curve(picture)
            self._curve_drawn, self._zones_drawn = curve, picture.zones
        if self.plot.getAxis("bottom").labelText != picture.pay_axis:
            self.plot.setLabel("bottom", picture.pay_axis)
        shown_x = min(max(picture.gross, 0.0), top)
        if self._marker_at != (shown_x, picture.kept):
            self._marker_at = (shown_x, picture.kept)
            self.marker.setPos(shown_x, picture.kept)
            self.marker_line.setPos(shown_x)
            self.marker.setVisible(self._marker_sample.isVisible())
            self.marker_line.show()
        subtitle = f"{picture.summary} {picture.what_if}".strip()
        if subtitle != self.subtitle.text():
            self.set_subtitle(subtitle)

    def force_refresh(self) -> None:
        """Draw everything afresh (a theme, a chosen job or a size changed)."""
        self._curve_drawn, self._zones_drawn, self._marker_at = None, (), None
        super().force_refresh()

    def _draw_curve(self, picture: MarginalPicture) -> None:
        """The kept-of-each-£1,000 steps, the zones and the view range of one job's rules."""
        curve = picture.curve
        edges = np.append(np.array(curve.gross), curve.gross[-1] + curve.step)
        kept = np.array(curve.kept)
        self.curve.setData(edges, kept, stepMode="center")
        top = float(edges[-1])
        self._draw_zones(picture)
        low = min(0.0, float(kept.min()) if kept.size else 0.0)
        # A little room below £0 and past the top so that both end ticks get their labels.
        self.plot.setYRange(low - curve.step * 0.04, curve.step * 1.04, padding=0)
        self.plot.setXRange(-top * 0.01, top * 1.03, padding=0)

    def _draw_zones(self, picture: MarginalPicture) -> None:
        bands = [z for z in picture.zones if z.end is not None]
        lines = [z for z in picture.zones if z.end is None]
        while len(self._bands) < len(bands):
            region = pg.LinearRegionItem(movable=False)
            region.setZValue(-10)
            for line in region.lines:
                line.setPen(pg.mkPen(None))
            self.plot.addItem(region)
            self._bands.append(region)
        while len(self._lines) < len(lines):
            line = pg.InfiniteLine(angle=90, movable=False)
            self.plot.addItem(line)
            self._lines.append(line)
        for region, zone in zip(self._bands, bands, strict=False):
            assert zone.end is not None
            region.setRegion((zone.start, zone.end))
            region.setBrush(self._band_brush(zone.kind))
            region.show()
        for region in self._bands[len(bands) :]:
            region.hide()
        for index, (line, zone) in enumerate(zip(self._lines, lines, strict=False)):
            line.setPos(zone.start)
            line.setPen(self._loan_pen(index))
            line.show()
        for line in self._lines[len(lines) :]:
            line.hide()
        self._set_legend(picture)

    def _set_legend(self, picture: MarginalPicture) -> None:
        """Name the curve, the marker and each zone shown (rebuilt only when they change)."""
        names = (CURVE_LABEL, MARKER_LABEL, *(z.label for z in picture.zones))
        if names == self._legend_names:
            return
        self._legend_names = names
        self.legend.clear()
        self.legend.addItem(self.curve, CURVE_LABEL)
        self.legend.addItem(self._marker_sample, MARKER_LABEL)
        loans = 0
        for zone in picture.zones:
            if zone.end is not None:
                sample: pg.GraphicsObject = Bars(x0=[], y=[], width=[], height=1.0)
                sample.setOpts(brush=self._band_brush(zone.kind), pen=pg.mkPen(None))
            else:
                sample = pg.PlotDataItem([], [], pen=self._loan_pen(loans))
                loans += 1
            self.legend.addItem(sample, zone.label)
        for _sample, label in self.legend.items:
            label.setText(label.text, color=self.theme.foreground)
        self.fit_legend()

    # --- words ------------------------------------------------------------------------------

    def readout_at(self, x: float, y: float) -> str | None:
        picture = self.picture
        if picture is None:
            return None
        curve = picture.curve
        index = int(x // curve.step)
        if not 0 <= index < len(curve.kept):
            return None
        start = curve.gross[index]
        kept = curve.kept[index]
        lines = [
            f"{format_money(start)} to {format_money(start + curve.step)}",
            f"Kept {format_money(kept, pence=kept != round(kept))} of {format_money(curve.step)} "
            f"({kept / curve.step:.0%})",
        ]
        lines += [
            zone.label
            for zone in picture.zones
            if zone.end is not None and zone.start <= start < zone.end
        ]
        return "\n".join(lines)

    def describe(self, evaluation: Evaluation) -> str:
        if self.picture is None:
            return "Marginal rate: no job to draw."
        zones = "; ".join(
            f"{z.label} from {format_money(z.start)}"
            + (f" to {format_money(z.end)}" if z.end is not None else "")
            for z in self.picture.zones
        )
        text = f"Marginal rate. {self.picture.summary} {self.picture.what_if}".strip()
        return f"{text} {zones}." if zones else text
