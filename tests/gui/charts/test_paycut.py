"""The pay-cut chart: one measure when five per offer would overlap, plain legend swatches."""

from __future__ import annotations

from typing import Any

from offer_eval.core.models import Scenario
from tests.gui.charts._support import with_offers


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

    six = evaluate(with_offers(demo, 6), resolution="interactive")
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


def test_each_bar_has_its_value_beside_it_in_the_colour_of_its_side(
    qtbot: Any, demo: Scenario
) -> None:
    from PySide6.QtGui import QColor

    from offer_eval.core.evaluate import evaluate
    from offer_eval.core.money_text import format_pct
    from offer_eval.gui.charts.paycut import PayCutChart

    chart = PayCutChart()
    qtbot.addWidget(chart)
    chart.resize(480, 600)
    chart.show()
    evaluation = evaluate(demo, resolution="interactive")
    chart.set_evaluation(evaluation)
    chart.force_refresh()
    rows = [row for row in chart._rows if row.measure is not None]
    labels = chart.value_labels
    assert len(labels.labels) == len(rows) == 5 * len(evaluation.offers)
    for index, (row, (x, y, text)) in enumerate(zip(rows, labels.labels, strict=True)):
        assert y == row.y and row.measure is not None
        if row.pct is None:
            assert text.strip() == row.measure.missing and x == 0.0
            assert labels.colour_of(index) == QColor(chart.theme.muted)
            continue
        assert text.strip() == format_pct(row.pct)
        assert x == row.pct
        side = chart.theme.cut if row.pct < 0 else chart.theme.gain
        assert labels.colour_of(index) == QColor(side)
