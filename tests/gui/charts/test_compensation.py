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
