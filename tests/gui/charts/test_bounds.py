"""Remembered bounding rectangles: always the rectangle pyqtgraph itself would give now.

An item that told Qt an out-of-date rectangle would be left half-drawn or smeared: each case
below changes what the rectangle depends on and compares with pyqtgraph's own answer.
"""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication, QGraphicsItem

from offer_eval.gui.charts.base import ChartPanel
from offer_eval.gui.charts.bounds import BoundedAxis, BoundedViewBox
from offer_eval.gui.charts.markers import Markers


class _Panel(ChartPanel):
    def update_chart(self, evaluation: object) -> None:  # never handed an evaluation here
        raise AssertionError


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _own(item: QGraphicsItem, base: type[QGraphicsItem]) -> QRectF:
    """pyqtgraph's answer, bypassing what the item remembers."""
    return base.boundingRect(item)


@pytest.fixture
def panel(qapp: object) -> _Panel:
    chart = _Panel("Bounds")
    chart.resize(500, 320)
    chart.show()
    _settle()
    return chart


def test_a_chart_uses_the_remembering_axes_and_view_box(panel: _Panel) -> None:
    assert isinstance(panel.plot.vb, BoundedViewBox)
    for name in ("left", "bottom"):
        assert isinstance(panel.plot.getAxis(name), BoundedAxis)


def test_axis_and_view_bounds_follow_resizes_ranges_grids_and_tick_styles(panel: _Panel) -> None:
    plot = panel.plot
    plot.addItem(pg.PlotDataItem([0, 1, 2], [3, 1, 2]))

    def check() -> None:
        _settle()
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            assert axis.boundingRect() == _own(axis, pg.AxisItem), name
        assert plot.vb.boundingRect() == _own(plot.vb, pg.ViewBox)

    check()
    panel.resize(700, 260)  # new geometry for every axis and the view
    check()
    plot.showGrid(x=True, y=True, alpha=0.3)  # a grid reaches over the view
    check()
    plot.setYRange(-100_000, 100_000)  # wider tick labels: the left axis grows
    check()
    plot.getAxis("left").setStyle(tickLength=8)
    check()
    plot.showGrid(x=False, y=False)
    check()
    panel.resize(420, 400)
    check()


def test_a_view_box_gives_its_clipping_shape_from_its_new_size(panel: _Panel) -> None:
    view = panel.plot.vb
    view.boundingRect()
    panel.resize(640, 380)
    _settle()
    assert view.shape().boundingRect() == view.boundingRect()
    assert view.boundingRect() == _own(view, pg.ViewBox)


def test_marker_bounds_follow_moves_new_points_sizes_and_view_changes(panel: _Panel) -> None:
    markers = Markers([0.1, 0.5], [0.0, -1.0], symbol="d", size=12)
    panel.plot.addItem(markers)
    panel.plot.setXRange(0, 1, padding=0)
    panel.plot.setYRange(-2, 1, padding=0)

    def check() -> None:
        _settle()
        assert markers.boundingRect() == _own(markers, pg.ScatterPlotItem)

    check()
    markers.set_positions([0.3, 0.9], [0.0, -1.0])  # moved in place
    check()
    markers.set_positions([0.2, 0.4, 0.6], [0.0, -1.0, -2.0])  # new points
    check()
    markers.setSize(20)  # more pixels of padding
    check()
    panel.plot.setXRange(0, 4, padding=0)  # a pixel is more data
    check()
    panel.resize(300, 200)
    check()
    markers.set_positions([], [])
    check()


def test_bar_bounds_follow_new_lengths_pens_and_view_changes(panel: _Panel) -> None:
    import numpy as np

    from offer_eval.gui.charts.bars import Bars

    bars = Bars(x0=[0.0, 1.0], y=[0.0, -1.0], width=[1.0, 2.5], height=0.6, pen=pg.mkPen("w"))
    panel.plot.addItem(bars)
    panel.plot.setXRange(0, 5, padding=0)
    panel.plot.setYRange(-2, 1, padding=0)

    def check() -> None:
        _settle()
        assert bars.boundingRect() == _own(bars, pg.BarGraphItem)

    check()
    bars.setOpts(width=np.array([1.5, 3.0]))  # a slider step: new lengths, same view
    check()
    bars.setOpts(pen=pg.mkPen("w", width=4))  # a wider pen reaches further out
    check()
    panel.plot.setXRange(0, 50, padding=0)  # a pixel is ten times the data
    check()
    panel.resize(260, 500)
    check()
    bars.setOpts(x0=np.zeros(0), y=np.zeros(0), width=np.zeros(0))
    assert bars.boundingRect().isEmpty()
