"""An axis with fixed ticks drawn from remembered measures looks exactly like pyqtgraph's own."""

from __future__ import annotations

from typing import Any

import numpy as np

NAMES = [
    (0.0, "Team"),
    (-1.0, "Learning and filling\nskill gaps"),
    (-2.0, "Net pay"),
    (-3.0, "Career capital"),
]


def _plot(left: Any, bottom: Any) -> Any:
    import pyqtgraph as pg

    widget = pg.PlotWidget(axisItems={"left": left, "bottom": bottom})
    widget.setBackground("w")
    widget.resize(420, 300)
    widget.setXRange(0, 1, padding=0)
    widget.setYRange(-3.7, 0.7, padding=0)
    widget.showGrid(x=True, y=False, alpha=0.3)
    left.setWidth(150)
    widget.show()
    return widget


def _pixels(widget: Any) -> np.ndarray:
    from PySide6.QtGui import QImage

    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(
        image.height(), image.bytesPerLine()
    )
    return rows[:, : image.width() * 4].copy()


def _both(qapp: Any, ticks: list[tuple[float, str]], own: Any, theirs: Any) -> None:
    bottom = [(v / 100, f"{v}%") for v in (0, 50, 100)]
    for widget in (own, theirs):
        widget.getAxis("left").setTicks([ticks])
        widget.getAxis("bottom").setTicks([bottom])
    for _ in range(3):
        qapp.processEvents()


def test_fixed_ticks_draw_the_same_pixels_as_pyqtgraph_and_follow_new_ticks(qapp: Any) -> None:
    import pyqtgraph as pg

    from offer_eval.gui.charts.fixed_axis import FixedTicksAxis

    own = _plot(FixedTicksAxis("left"), FixedTicksAxis("bottom"))
    theirs = _plot(pg.AxisItem("left"), pg.AxisItem("bottom"))
    _both(qapp, NAMES, own, theirs)
    first = _pixels(own)
    assert np.array_equal(first, _pixels(theirs))
    # Re-labelled (rows re-sorted, as the stability chart does on a drag): drawn anew, not
    # from the last labels' remembered drawing.
    reordered = [(y, name) for (y, _), (_, name) in zip(NAMES, reversed(NAMES), strict=True)]
    _both(qapp, reordered, own, theirs)
    second = _pixels(own)
    assert np.array_equal(second, _pixels(theirs))
    assert not np.array_equal(first, second)
