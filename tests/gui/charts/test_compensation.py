"""The compensation chart (and, with twenty offers, the pay-cut chart beside it): names that fit."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFontMetrics

from offer_eval.core.models import Scenario
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
        base = np.zeros(len(scenario.positions))
        for bar in chart.gross_bars:
            heights = np.asarray(bar.opts["height"], dtype=float)
            feet = np.asarray(bar.opts["y0"], dtype=float)
            drawn = heights != 0
            assert np.array_equal(feet[drawn], base[drawn])
            assert np.all(feet[~drawn] == 0.0)
            base = base + heights
        index = [p.id for p in scenario.positions].index(offer)
        assert chart.gross_bars[0].opts["height"][index] == salary
        assert base[index] == chart._values["Total"][index]
