"""A scatter item for a few markers that move on every slider step (the weight-stability chart's
"your weight now" diamonds): points moved in place, and painted without pyqtgraph's culling.

pyqtgraph's `setData` throws every spot away and builds it again (styles, atlas look-ups), and
its paint works out which spots lie in the view with a pixel-size query per call: about 0.2 ms
each for ten diamonds, every step. Moving the same number of points keeps their spots (same
symbol, size, pen and brush), and the paint draws every visible spot from pyqtgraph's own
pre-rendered atlas at the same device positions (the view clips what lies outside it, as it
clipped the spots pyqtgraph left out).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter


class Markers(pg.ScatterPlotItem):  # type: ignore[misc]
    """Scatter points whose positions change often and whose look seldom does."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._bounds: tuple[tuple[object, ...], QRectF] | None = None
        super().__init__(*args, **kwargs)

    def boundingRect(self) -> QRectF:  # noqa: N802
        """pyqtgraph's rectangle, kept while the points, their size and the view stay put.

        pyqtgraph works it out afresh (the points' extent and a pixel-size look-up) each time
        Qt asks, several times a repaint: about 0.1 ms a call for the stability chart's diamonds.
        """
        # pyqtgraph starts a new list of data bounds whenever they may have changed; the data
        # and that list are held here, compared by identity.
        kept = self._bounds
        if (
            kept is None
            or kept[0][0] is not self.data
            or kept[0][1] is not self.bounds
            or kept[0][2] != self._maxSpotPxWidth
        ):
            key = (self.data, self.bounds, self._maxSpotPxWidth)
            kept = self._bounds = (key, QRectF(super().boundingRect()))
        return QRectF(kept[1])

    def viewTransformChanged(self) -> None:  # noqa: N802
        self._bounds = None  # a pixel is another length in the data
        super().viewTransformChanged()

    def set_positions(self, x: Sequence[float], y: Sequence[float]) -> None:
        """Show points at (x, y): moved in place when there are as many as shown, else anew."""
        data = self.data
        if len(x) == len(y) == len(data) and (
            len(x) == 0 or (np.array_equal(data["x"], x) and np.array_equal(data["y"], y))
        ):
            return  # the points shown
        if len(x) != len(data) or len(x) == 0 or len(x) != len(y):
            self.setData(x=list(x), y=list(y))
            return
        data["x"] = x
        data["y"] = y
        self._bounds = None
        # What pyqtgraph's addPoints does after taking new points, less rebuilding the spots.
        self.prepareGeometryChange()
        self.informViewBoundsChanged()
        self.bounds = [None, None]
        self.invalidate()
        self.sigPlotChanged.emit(self)

    def paint(self, p: QPainter, option: Any, widget: Any) -> None:
        """Spots drawn from the atlas as pyqtgraph draws them on screen; anything else (export,
        spots sized in data units, no atlas, a changed pixel ratio) is left to pyqtgraph."""
        opts = self.opts
        transform = p.transform()
        if (
            not opts["pxMode"]
            or not opts["useCache"]
            or self._exportOpts is not False
            or opts.get("compositionMode") is not None
            or widget is None
            or widget.devicePixelRatioF() != self.fragmentAtlas.devicePixelRatio()
            or not transform.isAffine()
        ):
            super().paint(p, option, widget)
            return
        visible = self.data["visible"]
        # Boolean indexing copies each field into an array of its own (the atlas rectangles
        # must be contiguous to be read as integers).
        xs, ys, source = (self.data[field][visible] for field in ("x", "y", "sourceRect"))
        if len(xs) == 0:
            return
        # pyqtgraph's own arithmetic (scale and rotate, then translate), so spots land on the
        # same device positions.
        px = np.clip(transform.m11() * xs + transform.m21() * ys + transform.dx(), -(2**30), 2**30)
        py = np.clip(transform.m12() * xs + transform.m22() * ys + transform.dy(), -(2**30), 2**30)
        p.resetTransform()
        dpr = self.fragmentAtlas.devicePixelRatio()
        fragments = self._pixmapFragments
        fragments.resize(len(xs))
        rows = fragments.ndarray()
        rows[:, 0] = px
        rows[:, 1] = py
        rows[:, 2:6] = np.frombuffer(source, dtype=int).reshape((-1, 4))
        rows[:, 6:10] = [1 / dpr, 1 / dpr, 0.0, 1.0]
        p.drawPixmapFragments(*fragments.drawargs(), self.fragmentAtlas.pixmap)  # type: ignore[call-arg]
