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


def test_a_label_goes_beside_its_bar_where_it_fits_else_inside_or_on_a_longer_scale() -> None:
    from offer_eval.gui.charts.value_labels import place_beside_or_inside

    # 300 px for 0 to 10 (24 px kept for the last tick): 27.6 px a point.
    inside_8 = (8.0, 0.0, True)
    high, slots = place_beside_or_inside(
        300, 10.0, [2.0, 8.0], [100, 100], [[(2.0, 0.0, True)], [inside_8]]
    )
    assert high == pytest.approx(10 * 300 / 276)
    # 2 points end at 55 px, 100 px of words fit after them; 8 end at 221: inside (221 >= 100).
    assert slots == [None, inside_8]
    # A short bar whose words fit neither side: the scale grows, in tenths of 10, until they
    # fit beside it; the long bar still holds its own.
    high, slots = place_beside_or_inside(
        300, 10.0, [1.0, 8.0], [280, 150], [[(1.0, 0.0, True)], [inside_8]]
    )
    assert slots == [None, inside_8]
    scale = 300 / high
    assert 1.0 * scale + 280 <= 300 + 1e-9
    assert high / 10 == pytest.approx(round(high / 10 * 10) / 10)  # a whole tenth longer
    assert high < 10 / 0.15 + 1e-9
    # The first slot with room wins: its room starts where its row's own marks end.
    right_of_bar, inside_bar = (1.0, 0.72, False), (0.7, 0.05, True)
    _high, slots = place_beside_or_inside(300, 1.0, [1.0], [100], [[right_of_bar, inside_bar]])
    assert slots == [inside_bar]  # 28% of 276 px right of the bar: too little
    _high, slots = place_beside_or_inside(300, 1.0, [1.0], [60], [[right_of_bar, inside_bar]])
    assert slots == [right_of_bar]


def test_a_backed_label_is_drawn_over_the_backing(plot: Any) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor

    from offer_eval.gui.charts.value_labels import ValueLabels

    labels = ValueLabels((0.0, 0.5))
    labels.set_colour("#000000")
    labels.set_backing("#00ff00")
    plot.addItem(labels, ignoreBounds=True)
    plot.getPlotItem().getViewBox().updateMatrix()

    def green_at(x: float, y: float) -> bool:
        """Backing green just left of the point (the words' box ends there), none right of it."""
        image = plot.grab().toImage()
        point = plot.getPlotItem().getViewBox().mapViewToDevice(QPointF(x, y))
        green = [
            column
            for column in range(image.width())
            for row in range(int(point.y()) - 12, int(point.y()) + 12)
            if QColor(image.pixel(column, row)).green() > 200
            and QColor(image.pixel(column, row)).red() < 60
        ]
        return bool(green) and point.x() - 12 <= max(green) <= point.x()

    labels.set_labels([(5.0, 0.0, "MMMM", 1.0, "#000000", True)])
    assert labels.is_backed(0) and labels.anchor_of(0) == 1.0
    assert green_at(5.0, 0.0)  # just left of the point, inside the right-anchored box
    labels.set_labels([(5.0, 0.0, "MMMM", 1.0, "#000000", False)])
    assert not green_at(5.0, 0.0)


def test_words_met_for_the_first_time_look_as_words_drawn_from_their_layout(plot: Any) -> None:
    """New words are drawn directly and laid out only when they come again: either way, the
    same pixels (at positions that fall between pixels, and in three colours)."""
    from offer_eval.gui.charts.value_labels import ValueLabels

    labels = ValueLabels((0.0, 0.5))
    plot.addItem(labels, ignoreBounds=True)
    plot.getPlotItem().getViewBox().updateMatrix()
    shown = [
        (1.13, 0.0, " 7.12 · best in 34% · winner", 0.0, "#1f2328"),
        (9.71, -1.0, " -13.5% ", 1.0, "#C0392B"),
        (4.37, -1.37, " 30% now · holds 12%–45%", 0.0, "#117733"),
    ]
    labels.set_labels(shown)
    first = plot.grab().toImage()  # every label's words met for the first time
    assert labels._met == {label[2] for label in shown} and not labels._static
    second = plot.grab().toImage()  # now laid out, and drawn from that layout
    assert set(labels._static) == {label[2] for label in shown}
    assert second == first
    assert plot.grab().toImage() == first
