"""Item updates that skip pyqtgraph's work when nothing changed: a slider step changes a few of
a chart's labels and lines, and re-laying out the others would cost the step its frame."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg


def place_text(
    item: pg.TextItem, x: float, y: float, anchor: tuple[float, float] | None = None
) -> None:
    """Move a text item (and set its anchor) only when they change: each call lays it out anew,
    and a slider step moves one label of many."""
    place = (x, y, anchor)
    if getattr(item, "_offer_eval_place", None) != place:
        item._offer_eval_place = place
        if anchor is not None:
            item.setAnchor(anchor)
        item.setPos(x, y)


def set_line_data(item: pg.PlotDataItem, x: list[float], y: list[float], **opts: Any) -> None:
    """Give a line item new points only when they differ from those it shows."""
    data = (tuple(x), tuple(y), tuple(sorted(opts.items())))
    if getattr(item, "_offer_eval_points", None) != data:
        item._offer_eval_points = data
        item.setData(x, y, **opts)


def set_points(item: pg.ScatterPlotItem, x: list[float], y: list[float]) -> None:
    """Give a scatter item new points only when they differ from those it shows (setData
    rebuilds every spot)."""
    data = (tuple(x), tuple(y))
    if getattr(item, "_offer_eval_points", None) != data:
        item._offer_eval_points = data
        item.setData(x=list(x), y=list(y))


def set_view_range(
    plot: pg.PlotItem,
    x: tuple[float, float] | None = None,
    y: tuple[float, float] | None = None,
) -> None:
    """Set the view's x and y ranges (no padding) only where they differ from those shown.

    pyqtgraph treats every call as a change: it signals the new state, recomputes the view and
    forgets every item's pixel size, so repeating the same range on a slider step redraws for
    nothing.
    """
    (x_shown, y_shown) = plot.vb.viewRange()
    x = x if x is not None and [x[0], x[1]] != x_shown else None
    y = y if y is not None and [y[0], y[1]] != y_shown else None
    if x is not None or y is not None:
        plot.vb.setRange(xRange=x, yRange=y, padding=0)
