"""Chart parts: distinct criterion colours, and bars whose remembered bounds follow their data."""

from __future__ import annotations

import itertools
import math
from typing import Any

import pytest
from PySide6.QtGui import QFontMetrics

from offer_eval.core.models import Scenario
from offer_eval.gui.charts.decision import _colour
from offer_eval.gui.theme import DARK, LIGHT, ChartTheme

# CIE76 colour difference; about 2.3 is just noticeable, and stacked bars read side by side need
# far more. The dark theme once gave two criteria #D9C26A and #DDCC77 (a difference of 4.6).
MIN_DIFFERENCE = 15.0


def _lab(hex_colour: str) -> tuple[float, float, float]:
    """sRGB hex to CIE L*a*b* (D65), the space where distance tracks what people see."""
    digits = hex_colour.lstrip("#")
    red, green, blue = (_linear(int(digits[i : i + 2], 16) / 255) for i in (0, 2, 4))
    x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
    y = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _linear(channel: float) -> float:
    return ((channel + 0.055) / 1.055) ** 2.4 if channel > 0.04045 else channel / 12.92


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_the_first_ten_criterion_colours_are_distinct(theme: ChartTheme) -> None:
    colours = [_colour(theme, index) for index in range(10)]
    closest = min(
        (math.dist(_lab(a), _lab(b)), a, b) for a, b in itertools.combinations(colours, 2)
    )
    assert closest[0] >= MIN_DIFFERENCE, f"{closest[1]} and {closest[2]} look alike"


def test_bars_bounds_follow_new_data_and_a_new_view_range(qapp: object) -> None:
    import pyqtgraph as pg

    from offer_eval.gui.charts.base import Bars

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


def _with_offers(scenario: Scenario, count: int) -> Scenario:
    from offer_eval.editing.edits import duplicate_offer

    while len(scenario.offers) < count:
        scenario, _ = duplicate_offer(scenario, scenario.offers[0].id)
    return scenario


def test_pay_cut_shows_one_measure_when_five_per_offer_would_overlap(
    qtbot: Any, demo: Scenario
) -> None:
    from offer_eval.core.evaluate import evaluate
    from offer_eval.gui.charts.paycut import MEASURES, PayCutChart

    chart = PayCutChart()
    qtbot.addWidget(chart)
    chart.resize(480, 340)
    chart.show()
    two = evaluate(demo, resolution="interactive")
    chart.set_evaluation(two)
    chart.force_refresh()
    assert chart.shown_measure is None  # two offers: all five measures fit
    assert not chart.subtitle.isVisible()

    six = evaluate(_with_offers(demo, 6), resolution="interactive")
    chart.set_evaluation(six)
    chart.force_refresh()
    assert chart.shown_measure is not None
    assert "too many" in chart.subtitle.text()
    ticks = chart.plot.getAxis("left")._offer_eval_ticks
    assert len(ticks) == 6  # one bar an offer, named by the offer

    chart.measure_box.setCurrentIndex(chart.measure_box.findData(0))
    assert chart.shown_measure is MEASURES[0]
    assert "too many" not in chart.subtitle.text()
    chart.resize(480, 1400)
    chart.measure_box.setCurrentIndex(chart.measure_box.findData(-1))
    chart.force_refresh()
    assert chart.shown_measure is None  # tall enough for all five again


def test_names_under_compensation_bars_wrap_to_their_room(qtbot: Any, demo: Scenario) -> None:
    from offer_eval.core.evaluate import evaluate
    from offer_eval.gui.charts.compensation import CompensationChart

    chart = CompensationChart()
    qtbot.addWidget(chart)
    chart.resize(460, 360)
    chart.show()
    chart.set_evaluation(evaluate(_with_offers(demo, 6), resolution="interactive"))
    chart.force_refresh()
    axis = chart.plot.getAxis("bottom")
    labels = axis._offer_eval_ticks
    room = chart.view_width() / len(labels)
    metrics = QFontMetrics(axis.style.get("tickFont") or axis.font())
    for label in labels:
        for line in label.split("\n"):
            assert metrics.horizontalAdvance(line) <= room, (line, room)


def test_bar_legend_swatches_are_plain_squares(qtbot: Any) -> None:
    """pyqtgraph drew the bar's pen as a line under the square: a stub at its left edge."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    from offer_eval.gui.charts.paycut import PayCutChart

    chart = PayCutChart()
    qtbot.addWidget(chart)
    samples = [sample for sample, _label in chart.legend.items]
    assert samples
    for sample in samples:
        image = QImage(20, 20, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        sample.paint(painter)
        painter.end()
        left_edge = [image.pixelColor(x, y).alpha() for x in (0, 1) for y in range(20)]
        inside = image.pixelColor(10, 10).alpha()
        assert max(left_edge) == 0 and inside > 0


def test_with_twenty_offers_bars_are_numbered_and_pay_cut_names_every_few(
    qtbot: Any, demo: Scenario
) -> None:
    """Twenty names under twenty narrow bars, or in rows 9 px tall, could only overlap."""
    from offer_eval.core.evaluate import evaluate
    from offer_eval.gui.charts.compensation import CompensationChart
    from offer_eval.gui.charts.paycut import PayCutChart

    evaluation = evaluate(_with_offers(demo, 20), resolution="interactive")
    compensation = CompensationChart()
    paycut = PayCutChart()
    for chart in (compensation, paycut):
        qtbot.addWidget(chart)
        chart.resize(480, 330)
        chart.show()
        chart.set_evaluation(evaluation)
        chart.force_refresh()

    labels = compensation.plot.getAxis("bottom")._offer_eval_ticks
    assert labels == [str(n) for n in range(1, 22)]
    assert "numbered" in compensation.subtitle.text()

    ticks = paycut.plot.getAxis("left")._offer_eval_ticks
    shown = [label for _y, label in ticks if label]
    assert 0 < len(shown) < len(ticks) == 20
    assert "Point at a bar" in paycut.subtitle.text()
    metrics = QFontMetrics(paycut.font())
    ys = [y for y, label in ticks if label]
    pixels_per_row = paycut.view_height() / (ys[0] - ys[-1] + 1)
    assert (ys[0] - ys[1]) * pixels_per_row >= metrics.lineSpacing()  # named rows do not touch
