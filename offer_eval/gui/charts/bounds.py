"""Axes and view boxes that remember their bounding rectangles until their geometry changes.

Qt asks each item of a chart for its bounding rectangle several times per repaint (to find what
the changed region touches, and again to draw an item from its cache). pyqtgraph answers in
Python every time: an axis looks up its style, its linked view and that view's own rectangle and
maps one into the other (about 25 µs a call), and the decision tab's three charts asked their
axes and view boxes some thirty times a slider step. Their rectangles follow from their
geometry alone (axis and view box are laid out side by side in one plot, without transforms), so
they are worked out again only when a geometry, the grid or the tick style changes.
"""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QRectF


class BoundedAxis(pg.AxisItem):  # type: ignore[misc]
    """A pyqtgraph axis whose bounding rectangle is kept until it could have changed."""

    def __init__(self, orientation: str, **kwargs: Any) -> None:
        self._bounds_key: tuple[object, ...] | None = None
        self._bounds = QRectF()
        super().__init__(orientation, **kwargs)

    def boundingRect(self) -> QRectF:  # noqa: N802
        # pyqtgraph's rectangle: the axis's own (ticks and labels reaching past its ends), and
        # with a grid, the linked view's too, where the grid lines are drawn.
        view = self.linkedView() if self.grid is not False else None
        style = self.style
        key = (
            self.geometry().getRect(),
            None if view is None else view.geometry().getRect(),
            self.grid,
            style["tickLength"],
            style["hideOverlappingLabels"],
        )
        if key != self._bounds_key:
            self._bounds = QRectF(super().boundingRect())
            self._bounds_key = key
        return QRectF(self._bounds)


class BoundedViewBox(pg.ViewBox):  # type: ignore[misc]
    """A pyqtgraph view box whose bounding rectangle is kept while its geometry stays put."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._bounds_geometry: tuple[float, float, float, float] | None = None
        self._bounds = QRectF()
        super().__init__(*args, **kwargs)

    def boundingRect(self) -> QRectF:  # noqa: N802
        geometry = self.geometry().getRect()
        if geometry != self._bounds_geometry:
            # pyqtgraph's own, which also forgets the clipping shape made from the old one.
            self._bounds = QRectF(super().boundingRect())
            self._bounds_geometry = geometry
        return QRectF(self._bounds)
