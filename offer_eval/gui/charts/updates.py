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
