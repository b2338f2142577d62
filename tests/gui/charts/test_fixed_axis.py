"""An axis with fixed ticks drawn from remembered measures looks exactly like pyqtgraph's own."""

from __future__ import annotations

import itertools
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


def test_labels_that_would_run_together_in_a_narrow_chart_are_left_out(qapp: Any) -> None:
    # At 1024x700 the decision score's fixed 0, 2, ..., 10 read "2468 10" in a narrow plot.
    import pyqtgraph as pg

    from offer_eval.gui.charts.fixed_axis import FixedTicksAxis

    points = [(float(v), str(v)) for v in range(0, 11, 2)]

    def shown(right: float) -> list[str]:
        bottom = FixedTicksAxis("bottom")
        widget = pg.PlotWidget(axisItems={"bottom": bottom})
        widget.resize(400, 200)
        # As the score chart: the range runs on past 10, making room for the value labels.
        widget.setXRange(0, right, padding=0)
        bottom.setTicks([points])
        widget.show()
        for _ in range(3):
            qapp.processEvents()
        widget.grab()  # paints, working the labels out
        assert bottom._specs is not None
        texts = [text for _rect, _flags, text in bottom._specs[2]]
        widget.close()
        return texts

    wide = shown(10)
    assert len(wide) >= 4 and wide == sorted(wide, key=int), wide  # pyqtgraph may drop an end
    narrow = shown(150)
    assert 1 <= len(narrow) < len(wide), narrow
    assert all(int(a) < int(b) for a, b in itertools.pairwise(narrow))
    assert set(narrow) <= set(wide)


def _same_specs(own: Any, theirs: Any) -> None:
    """Two generateDrawSpecs results alike: pens, end points, label boxes, flags and words."""
    assert (own is None) == (theirs is None)
    if own is None:
        return
    (pen, start, stop), ticks, texts = own
    (their_pen, their_start, their_stop), their_ticks, their_texts = theirs
    assert (pen, start.x(), start.y(), stop.x(), stop.y()) == (
        their_pen,
        their_start.x(),
        their_start.y(),
        their_stop.x(),
        their_stop.y(),
    )
    assert [(p, a.x(), a.y(), b.x(), b.y()) for p, a, b in ticks] == [
        (p, a.x(), a.y(), b.x(), b.y()) for p, a, b in their_ticks
    ]
    assert [(r.getRect(), int(f), t) for r, f, t in texts] == [
        (r.getRect(), int(f), t) for r, f, t in their_texts
    ]
    assert len(ticks) > 0 and len(texts) > 0


def test_fixed_ticks_work_out_the_same_specs_as_pyqtgraph(qapp: Any) -> None:
    """The axis's own spec arithmetic against pyqtgraph's, exactly: with and without a grid,
    sizes and ranges that leave ticks and labels out, left and bottom axes."""
    import pyqtgraph as pg

    from offer_eval.gui.charts.fixed_axis import FixedTicksAxis, _Measure

    left, bottom = FixedTicksAxis("left"), FixedTicksAxis("bottom")
    widget = _plot(left, bottom)
    bottom_ticks = [(v / 100, f"{v}%") for v in (0, 25, 50, 75, 100, 120)]
    cases = [
        ((420, 300), (0, 1), (-3.7, 0.7), (True, False)),
        ((700, 500), (-0.1, 1.3), (-3.7, 0.7), (False, True)),
        ((300, 160), (0.2, 0.9), (-2.4, 0.2), (True, True)),
        ((520, 240), (0, 1), (-1.5, 0.5), (False, False)),
    ]
    for size, x_range, y_range, (grid_x, grid_y) in cases:
        widget.resize(*size)
        widget.setXRange(*x_range, padding=0)
        widget.setYRange(*y_range, padding=0)
        widget.showGrid(x=grid_x, y=grid_y, alpha=0.3)
        left.setTicks([NAMES])
        bottom.setTicks([bottom_ticks])
        for _ in range(3):
            qapp.processEvents()
        for axis in (left, bottom):
            _same_specs(
                axis.generateDrawSpecs(_Measure(axis)),
                pg.AxisItem.generateDrawSpecs(axis, _Measure(axis)),
            )
