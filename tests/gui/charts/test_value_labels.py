"""Value labels drawn as plain text in one item: set only when they change, drawn where they belong."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def plot(qapp: object) -> Any:
    import pyqtgraph as pg

    widget = pg.PlotWidget()
    widget.resize(400, 300)
    widget.setXRange(0, 10, padding=0)
    widget.setYRange(-2, 1, padding=0)
    widget.show()
    return widget


def test_the_same_labels_again_change_nothing_and_new_ones_do(plot: Any) -> None:
    from offer_eval.gui.charts.value_labels import ValueLabels

    labels = ValueLabels()
    plot.addItem(labels, ignoreBounds=True)
    assert labels.set_labels([(1.0, 0.0, " 7.12"), (2.0, -1.0, " 3.40")])
    assert not labels.set_labels([(1, 0, " 7.12"), (2, -1, " 3.40")])  # the same, as numbers
    assert labels.set_labels([(1.0, 0.0, " 7.13"), (2.0, -1.0, " 3.40")])  # one word changed
    assert labels.texts() == [" 7.13", " 3.40"]
    assert labels.set_labels([(1.5, 0.0, " 7.13"), (2.0, -1.0, " 3.40")])  # one moved
    assert labels.labels[0][0] == 1.5


def test_labels_reach_right_of_their_point_by_their_width_in_pixels(plot: Any) -> None:
    from PySide6.QtGui import QFontMetricsF

    from offer_eval.gui.charts.value_labels import ValueLabels

    labels = ValueLabels((0.0, 0.5))
    plot.addItem(labels, ignoreBounds=True)
    plot.getPlotItem().getViewBox().updateMatrix()
    labels.set_labels([(5.0, 0.0, " a longer label")])
    width_px = QFontMetricsF(labels._font).horizontalAdvance(" a longer label")
    assert labels.widest() == pytest.approx(width_px)
    bounds = labels.boundingRect()
    data_per_px = 10 / plot.getPlotItem().getViewBox().width()
    assert bounds.left() == pytest.approx(5.0, abs=2 * data_per_px)
    expected = (width_px + 2 * ValueLabels.MARGIN) * data_per_px
    assert bounds.width() == pytest.approx(expected, rel=0.05)
    # Zoomed out tenfold, the same pixels span ten times the data.
    plot.setXRange(0, 100, padding=0)
    plot.getPlotItem().getViewBox().updateMatrix()
    assert labels.boundingRect().width() == pytest.approx(10 * expected, rel=0.05)
    labels.set_labels([])
    assert labels.boundingRect().isEmpty()


def test_labels_are_painted_where_they_stand(plot: Any) -> None:
    from PySide6.QtGui import QColor

    from offer_eval.gui.charts.value_labels import ValueLabels

    labels = ValueLabels((0.0, 0.5))
    labels.set_colour("#ff0000")
    plot.addItem(labels, ignoreBounds=True)
    plot.getPlotItem().getViewBox().updateMatrix()

    def red_columns() -> set[int]:
        image = plot.grab().toImage()
        return {
            x
            for x in range(image.width())
            for y in range(image.height())
            if QColor(image.pixel(x, y)).red() > 150 and QColor(image.pixel(x, y)).green() < 100
        }

    assert not red_columns()
    labels.set_labels([(2.0, 0.0, "MMMM")])
    left = red_columns()
    assert left
    labels.set_labels([(6.0, 0.0, "MMMM")])  # moved right by 40% of the view
    right = red_columns()
    shift = min(right) - min(left)
    assert shift == pytest.approx(0.4 * plot.getPlotItem().getViewBox().width(), abs=3)


def test_a_styled_label_has_its_own_anchor_and_colour(plot: Any) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor

    from offer_eval.gui.charts.value_labels import ValueLabels

    labels = ValueLabels((0.0, 0.5))
    labels.set_colour("#000000")
    plot.addItem(labels, ignoreBounds=True)
    plot.getPlotItem().getViewBox().updateMatrix()
    labels.set_labels([(5.0, 0.0, "MMMM", 1.0, "#ff0000"), (5.0, -1.0, "MMMM")])
    assert labels.labels == ((5.0, 0.0, "MMMM"), (5.0, -1.0, "MMMM"))
    assert labels.colour_of(0) == QColor("#ff0000")
    assert labels.colour_of(1) == QColor("#000000")
    image = plot.grab().toImage()
    view = plot.getPlotItem().getViewBox()
    point = view.mapViewToDevice(QPointF(5.0, 0.0))
    red = [
        x
        for x in range(image.width())
        for y in range(image.height())
        if QColor(image.pixel(x, y)).red() > 150 and QColor(image.pixel(x, y)).green() < 100
    ]
    assert red and max(red) <= point.x() + 1  # right-anchored: red words end at the point
