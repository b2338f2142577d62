"""The compensation chart (and, with twenty offers, the pay-cut chart beside it): names that fit."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFontMetrics

from offer_eval.core.models import Scenario
from offer_eval.gui.charts.compensation import GROSS_PARTS
from tests.gui.charts._support import with_offers


def test_names_under_compensation_bars_wrap_to_their_room(qtbot: Any, demo: Scenario) -> None:
    from offer_eval.core.evaluate import evaluate
    from offer_eval.gui.charts.compensation import CompensationChart

    chart = CompensationChart()
    qtbot.addWidget(chart)
    chart.resize(460, 360)
    chart.show()
    chart.set_evaluation(evaluate(with_offers(demo, 6), resolution="interactive"))
    chart.force_refresh()
    axis = chart.plot.getAxis("bottom")
    labels = axis._offer_eval_ticks
    room = chart.view_width() / len(labels)
    metrics = QFontMetrics(axis.style.get("tickFont") or axis.font())
    for label in labels:
        for line in label.split("\n"):
            assert metrics.horizontalAdvance(line) <= room, (line, room)


def test_with_twenty_offers_bars_are_numbered_and_pay_cut_names_every_few(
    qtbot: Any, demo: Scenario
) -> None:
    """Twenty names under twenty narrow bars, or in rows 9 px tall, could only overlap."""
    from offer_eval.core.evaluate import evaluate
    from offer_eval.gui.charts.compensation import CompensationChart
    from offer_eval.gui.charts.paycut import PayCutChart

    evaluation = evaluate(with_offers(demo, 20), resolution="interactive")
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


def test_after_a_salary_step_every_part_sits_on_the_parts_below_it(
    qtbot: Any, demo: Scenario
) -> None:
    """A part a position lacks stays at 0 (it draws nothing), so each drawn part's foot is the
    sum of the drawn parts under it: a step that moved the base moves them all."""
    import numpy as np

    from offer_eval.core.evaluate import evaluate
    from offer_eval.editing.edits import set_position_value
    from offer_eval.gui.charts.compensation import CompensationChart

    chart = CompensationChart()
    qtbot.addWidget(chart)
    chart.resize(460, 360)
    chart.show()
    offer = demo.offers[1].id
    for salary in (62_000.0, 80_000.0):
        scenario = set_position_value(demo, offer, "base_salary", salary)
        chart.set_evaluation(evaluate(scenario, resolution="interactive"))
        positions = len(scenario.positions)
        xs = np.asarray(chart.stack.opts["x"], dtype=float)
        feet = np.asarray(chart.stack.opts["y0"], dtype=float)
        heights = np.asarray(chart.stack.opts["height"], dtype=float)
        assert np.all(heights != 0)  # a part a position lacks has no segment
        # Segments come part by part (every position's base salary, then bonuses, ...); in
        # each bar, each segment's foot is the top of the parts drawn before it.
        tops = np.zeros(positions)
        for x, foot, height in zip(xs, feet, heights, strict=True):
            index = int(x)
            assert foot == tops[index]
            tops[index] = foot + height
        totals = np.zeros(positions)
        for name, _part in GROSS_PARTS:
            totals = totals + chart.part_heights(name)
        assert np.array_equal(tops, totals)
        index = [p.id for p in scenario.positions].index(offer)
        assert chart.part_heights("Base salary")[index] == salary
        assert totals[index] == chart._values["Total"][index]


def test_each_segment_has_its_parts_colour_and_a_legend_click_hides_that_part(
    qtbot: Any, demo: Scenario
) -> None:
    import numpy as np

    from offer_eval.core.evaluate import evaluate
    from offer_eval.gui.charts.compensation import CompensationChart

    chart = CompensationChart()
    qtbot.addWidget(chart)
    chart.resize(460, 360)
    chart.show()
    chart.set_evaluation(evaluate(demo, resolution="interactive"))
    brushes = chart.stack.opts["brushes"]
    xs = np.asarray(chart.stack.opts["x"], dtype=float)
    order = [name for name, _part in GROSS_PARTS]
    drawn = [name for name in order if np.any(chart.part_heights(name) != 0)]
    # Segment by segment: the brush of its part's legend swatch.
    expected = [
        chart.gross_samples[order.index(name)].opts["brush"]
        for name in drawn
        for value in chart.part_heights(name)
        if value != 0
    ]
    assert len(brushes) == len(xs) == len(expected)
    assert [b.color().name() for b in brushes] == [b.color().name() for b in expected]
    swatches = {label.text: sample.item for sample, label in chart.legend.items}
    assert swatches["Base salary"] is chart.gross_samples[0]

    total = len(xs)
    chart.gross_samples[0].setVisible(False)  # what a click on its legend swatch does
    hidden = len(chart.stack.opts["x"])
    assert hidden == total - int(np.count_nonzero(chart.part_heights("Base salary")))
    # The parts above keep their place: the base's room is left empty.
    assert min(float(v) for v in chart.stack.opts["y0"]) > 0
    chart.gross_samples[0].setVisible(True)
    assert len(chart.stack.opts["x"]) == total


def test_reference_lines_are_drawn_from_a_cache_and_follow_a_new_target(
    qtbot: Any, demo: Scenario
) -> None:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QGraphicsItem

    from offer_eval.core.evaluate import evaluate
    from offer_eval.gui.charts.compensation import CompensationChart

    chart = CompensationChart()
    qtbot.addWidget(chart)
    chart.resize(460, 360)
    chart.show()
    cached = QGraphicsItem.CacheMode.DeviceCoordinateCache
    assert chart.median_lines.curve.cacheMode() == cached
    assert chart.target_line.cacheMode() == cached
    chart.set_evaluation(evaluate(demo.replace(target_salary=50_000.0), resolution="interactive"))
    before: QImage = chart.view.grab().toImage()
    chart.set_evaluation(evaluate(demo.replace(target_salary=60_000.0), resolution="interactive"))
    assert chart.target_line.value() == 60_000.0
    assert chart.view.grab().toImage() != before  # the cached line is drawn where it now is
