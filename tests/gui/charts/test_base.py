"""Chart parts shared by every chart: bars whose bounds follow their data, axis steps, wrapped names."""

from __future__ import annotations

import pytest


def test_bars_bounds_follow_new_data_and_a_new_view_range(qapp: object) -> None:
    import pyqtgraph as pg

    from offer_eval.gui.charts.bars import Bars

    plot = pg.PlotWidget()
    plot.resize(400, 300)
    bars = Bars(x0=[0.0], y=[0.0], width=[2.0], height=0.5, pen=pg.mkPen(width=1))
    plot.addItem(bars)
    plot.setXRange(0, 10, padding=0)
    plot.setYRange(-1, 1, padding=0)
    first = bars.boundingRect()
    assert first.right() == pytest.approx(2.0, abs=0.2)
    bars.setOpts(x0=[0.0], y=[0.0], width=[6.0], height=0.5)
    assert bars.boundingRect().right() == pytest.approx(6.0, abs=0.2)
    # The pen's pixel padding is in data units: zooming out makes it wider.
    before = bars.boundingRect().right() - 6.0
    plot.setXRange(0, 1000, padding=0)
    plot.getPlotItem().getViewBox().updateMatrix()
    assert bars.boundingRect().right() - 6.0 > before * 10


@pytest.mark.parametrize(
    ("raw", "step"),
    [(0.9, 1.0), (1.0, 1.0), (1.1, 2.0), (2.2, 2.5), (21_800, 25_000), (26_000, 50_000), (7, 10)],
)
def test_axis_steps_are_numbers_people_count_in(raw: float, step: float) -> None:
    from offer_eval.gui.charts.base import nice_step

    assert nice_step(raw) == pytest.approx(step)


def test_a_short_money_axis_still_has_a_label_every_few_lines(qapp: object) -> None:
    from offer_eval.gui.charts.base import CurrencyAxis

    ticks = CurrencyAxis("left").tickValues(0, 129_744, 149)
    assert ticks[0][1] == [0, 25_000, 50_000, 75_000, 100_000, 125_000]


@pytest.mark.parametrize(
    ("text", "width", "lines", "shown"),
    [
        ("short", 8, 2, "short"),
        ("Geophysicist (current job)", 18, 2, "Geophysicist\n(current job)"),
        (
            "Research Engineer at a large lab in Cambridge",
            26,
            2,
            "Research Engineer at a\nlarge lab in Cambridge",
        ),
        ("ML Engineer (regional)", 8, 3, "ML\nEngineer\n(region…"),
        ("Research Engineer at a large lab in Cambridge", 8, 3, "Research\nEngineer\nat a la…"),
        ("Supercalifragilistic job", 8, 2, "Superca…\njob"),
        ("Research Engineer at a large lab in Cambridge", 26, 1, "Research Engineer at a la…"),
        ("Supercalifragilistic job", 8, 1, "Superca…"),
        ("Data Scientist (London)", 26, 1, "Data Scientist (London)"),
    ],
)
def test_long_names_wrap_at_spaces_and_end_in_an_ellipsis(
    text: str, width: int, lines: int, shown: str
) -> None:
    from offer_eval.gui.charts.base import wrap_label

    wrapped = wrap_label(text, width, lines)
    assert wrapped == shown
    assert all(len(line) <= width for line in wrapped.split("\n"))
    assert wrapped.count("\n") < lines


def test_bars_coloured_one_by_one_are_drawn_where_their_newest_data_puts_them(
    qapp: object,
) -> None:
    import numpy as np
    import pyqtgraph as pg
    from PySide6.QtGui import QColor

    from offer_eval.gui.charts.bars import Bars

    plot = pg.PlotWidget()
    plot.resize(400, 300)
    plot.setBackground("w")
    plot.setXRange(0, 10, padding=0)
    plot.setYRange(-0.5, 1.5, padding=0)
    plot.hideAxis("left")
    plot.hideAxis("bottom")
    red, blue = pg.mkBrush("#ff0000"), pg.mkBrush("#0000ff")
    bars = Bars(
        x0=[0.0, 0.0, 4.0, 4.0],
        y=[0.0, 1.0, 0.0, 1.0],
        width=[4.0, 4.0, 4.0, 4.0],
        height=0.6,
        pen=pg.mkPen("w", width=1),
        brushes=[red, red, blue, blue],
    )
    plot.addItem(bars)
    plot.show()

    def colour_at(x: float, y: float) -> str:
        point = plot.getPlotItem().getViewBox().mapViewToScene(pg.Point(x, y))
        local = plot.mapFromScene(point)
        return QColor(plot.grab().toImage().pixel(local.x(), local.y())).name()

    assert colour_at(2, 0) == "#ff0000"
    assert colour_at(6, 1) == "#0000ff"
    assert colour_at(9, 0) == "#ffffff"
    # New geometry: the bars move, and the same colours go with them.
    bars.setOpts(x0=np.array([0.0, 0.0, 7.0, 7.0]), width=np.array([7.0, 7.0, 2.0, 2.0]))
    assert colour_at(6, 0) == "#ff0000"
    assert colour_at(8, 1) == "#0000ff"
    bars.setOpts(brushes=[blue, red, red, blue])
    assert colour_at(2, 0) == "#0000ff"
    assert colour_at(2, 1) == "#ff0000"


def test_a_view_range_is_set_only_when_it_changes(qapp: object) -> None:
    import pyqtgraph as pg

    from offer_eval.gui.charts.updates import set_view_range

    widget = pg.PlotWidget()
    plot = widget.getPlotItem()
    changes: list[object] = []
    plot.vb.sigStateChanged.connect(changes.append)
    set_view_range(plot, (0.0, 10.0), (-1.0, 1.0))
    assert plot.vb.viewRange() == [[0.0, 10.0], [-1.0, 1.0]] and changes
    changes.clear()
    set_view_range(plot, (0.0, 10.0), (-1.0, 1.0))
    assert not changes  # the same range: the view is left alone
    set_view_range(plot, (0.0, 10.0), (-2.0, 1.0))
    assert plot.vb.viewRange() == [[0.0, 10.0], [-2.0, 1.0]] and changes
    set_view_range(plot, x=(5.0, 6.0))
    assert plot.vb.viewRange() == [[5.0, 6.0], [-2.0, 1.0]]


def test_text_follows_new_words_and_new_colours(qapp: object) -> None:
    import pyqtgraph as pg

    from offer_eval.gui.charts.base import set_text

    item = pg.TextItem("")
    set_text(item, "-13.5%", "#aa0000")
    assert item.toPlainText() == "-13.5%" and item.color.name() == "#aa0000"
    set_text(item, "-12.0%", "#aa0000")  # new words, same colour
    assert item.toPlainText() == "-12.0%" and item.color.name() == "#aa0000"
    set_text(item, "+1.0%", "#0000aa")
    assert item.toPlainText() == "+1.0%" and item.color.name() == "#0000aa"


def test_the_same_names_in_the_same_room_are_not_wrapped_again(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A salary step names the same bars in the same room: the names are not measured again."""
    import pyqtgraph as pg

    from offer_eval.gui.charts import base

    axis = pg.AxisItem("bottom")
    names = ["Research Engineer at a large lab", "Geophysicist", "Current job"]
    wrapped: list[str] = []
    original = base.wrap_label

    def counted(text: str, width: int = 18, lines: int = 2) -> str:
        wrapped.append(text)
        return original(text, width, lines)

    monkeypatch.setattr(base, "wrap_label", counted)
    assert base.set_category_ticks(axis, names, 90.0) is False
    labels = axis._offer_eval_ticks
    assert wrapped
    wrapped.clear()
    assert base.set_category_ticks(axis, list(names), 90.0) is False
    assert wrapped == [] and axis._offer_eval_ticks == labels
    assert base.set_category_ticks(axis, names, 30.0) is True  # less room: numbered
    assert wrapped and axis._offer_eval_ticks == ["1", "2", "3"]
    wrapped.clear()
    assert base.set_category_ticks(axis, names, 30.0) is True  # the answer is kept too
    assert wrapped == []
