"""Bar items that skip pyqtgraph's repeated work: bounds kept until data or view change, and bars
coloured one by one painted as runs of one colour."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from pyqtgraph.Qt import compat
from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QPainter, QPen

_Run = tuple[QPen, QBrush, int, int]
"""Bars `start` to `start + count` (in the order given), all with this pen and brush."""


def _same(a: Any, b: Any) -> bool:
    """One pen or brush as another: the very object (charts repeat one per colour) or equal."""
    return a is b or bool(a == b)


class Bars(pg.BarGraphItem):  # type: ignore[misc]
    """A bar item that remembers its bounding rectangle until its data or the view changes.

    pyqtgraph works the rectangle out afresh (with a pixel-size lookup) on every call, and the
    scene asks dozens of times per repaint: on the decision chart that was about 2.5 ms a slider
    step for ten stacked bar items whose geometry had not changed.
    """

    def __init__(self, **opts: Any) -> None:
        self._bounds: QRectF | None = None
        self._pixel: tuple[float, float] | None = None  # a device pixel's length along x, y
        self._runs: list[_Run] | None = None
        super().__init__(**opts)

    def setOpts(self, **opts: Any) -> None:  # noqa: N802
        super().setOpts(**opts)
        self._bounds = None
        if opts.keys() & {"pen", "pens", "brush", "brushes"}:
            self._runs = None  # runs follow the colours; new geometry keeps them

    def _colour_runs(self) -> list[_Run]:
        """Consecutive bars of one pen and brush, as (pen, brush, first bar, count)."""
        runs: list[_Run] = []
        pens = self._pens
        for index, brush in enumerate(self._brushes):
            pen = self._sharedPen if pens is None else pens[index]
            if runs and _same(runs[-1][0], pen) and _same(runs[-1][1], brush):
                last = runs[-1]
                runs[-1] = (last[0], last[1], last[2], last[3] + 1)
            else:
                runs.append((pen, brush, index, 1))
        return runs

    def paint(self, painter: QPainter, *args: Any) -> None:
        """Bars coloured one by one (`brushes`, and `pens` if given) drawn as runs of one colour,
        in order.

        pyqtgraph records such bars into a picture rect by rect, with a brush change before each,
        and replays it: the decision score's 120 segments took a millisecond a repaint. Stacked
        charts give their segments colour by colour, so a run is every offer's segment of one
        criterion: one brush and one `drawRects` each, the same bars drawn in the same order.
        The runs depend on the colours alone, so a slider step (new geometry, same colours)
        reuses them, and each run's rectangles are handed to Qt straight from pyqtgraph's array
        of them (no rectangle object per bar).
        """
        if self._singleColor or self._brushes is None:
            super().paint(painter, *args)
            return
        if self._runs is None:
            self._runs = self._colour_runs()
        array = self._rectarray
        size = len(array)
        if not self._rectarray.use_ptr_to_array:
            rects = [QRectF(rect) for rect in array.instances()]
            for pen, brush, start, count in self._runs:
                if start < size:
                    painter.setPen(pen)
                    painter.setBrush(brush)
                    painter.drawRects(rects[start : start + count])
            return
        memory = array.ndarray()  # one row (x, y, width, height) a bar, contiguous
        address, stride = memory.ctypes.data, memory.strides[0]
        for pen, brush, start, count in self._runs:
            drawn = min(count, size - start)
            if drawn <= 0:
                continue
            painter.setPen(pen)
            painter.setBrush(brush)
            painter.drawRects(compat.wrapinstance(address + start * stride, QRectF), drawn)

    def viewTransformChanged(self) -> None:  # noqa: N802
        self._bounds = None
        self._pixel = None
        super().viewTransformChanged()

    def boundingRect(self) -> QRectF:  # noqa: N802
        if self._bounds is None:
            self._bounds = self._work_out_bounds()
        return QRectF(self._bounds)

    def _work_out_bounds(self) -> QRectF:
        """pyqtgraph's rectangle (the bars, plus half the pen out to each side), with the
        length of a pixel kept until the view changes: pyqtgraph looked it up (a device
        transform and two vectors) whenever a slider step gave the bars new lengths."""
        x_low, x_high = self.dataBounds(ax=0)
        if x_low is None or x_high is None:
            return QRectF()
        y_low, y_high = self.dataBounds(ax=1)
        if y_low is None or y_high is None:
            return QRectF()
        px = py = 0.0
        padding = self.pixelPadding()
        if padding > 0:
            if self._pixel is None:
                along_x, along_y = self.pixelVectors()
                if along_x is None or along_y is None:
                    return QRectF(super().boundingRect())  # not in a view yet
                self._pixel = (along_x.length(), along_y.length())
            px, py = self._pixel[0] * padding, self._pixel[1] * padding
        return QRectF(x_low - px, y_low - py, (2 * px) + x_high - x_low, (2 * py) + y_high - y_low)
