"""The chance-of-being-ahead chart draws the evaluation's P(ahead) and costs a drag nothing."""

from __future__ import annotations

from typing import Any

import numpy as np

from offer_eval.core.evaluate import Evaluator
from offer_eval.core.models import Scenario
from offer_eval.editing.edits import set_position_value


def _chart(qtbot: Any) -> Any:
    from offer_eval.gui.charts.ahead import AheadChart

    chart = AheadChart()
    qtbot.addWidget(chart)
    chart.resize(600, 400)
    chart.show()
    return chart


def test_it_draws_the_chosen_offers_p_ahead_with_its_break_even_month(
    demo: Scenario, qtbot: Any
) -> None:
    chart = _chart(qtbot)
    evaluation = Evaluator().evaluate(demo)
    trajectory = evaluation.trajectory
    assert trajectory is not None
    for offer in demo.offers:
        chart.set_offer(offer.id)
        chart.set_evaluation(evaluation)
        item = trajectory.offers[offer.id]
        assert item.p_ahead is not None
        x, y = chart.line.getData()
        assert np.array_equal(x, np.arange(1, demo.simulation.months + 1))
        assert np.array_equal(y, item.p_ahead)
        assert chart.has_data()
        if item.break_even_month is None:
            assert not chart.break_even.isVisible()
        else:
            assert chart.break_even.isVisible()
            assert chart.break_even.value() == item.break_even_month
        month = min(36, demo.simulation.months)
        tenths = round(float(item.p_ahead[month - 1]) * 10)
        assert f"in {tenths} of 10 futures by month {month}" in chart.subtitle.text()
        assert chart.accessibleDescription().startswith("Chance accepting is ahead.")
    share = float(trajectory.offers[demo.offers[-1].id].p_ahead[11])  # type: ignore[index]
    assert chart.show_readout_at(12.2, 0.5) == (
        f"Month 12\nAccepting is ahead in {share:.0%} of futures"
    )


def test_a_drag_preview_keeps_the_last_full_curve_without_redrawing(
    demo: Scenario, qtbot: Any
) -> None:
    chart = _chart(qtbot)
    evaluator = Evaluator()
    full = evaluator.evaluate(demo)
    chart.set_evaluation(full)
    drawn = chart.refresh_count
    shown = chart.line.getData()[1].copy()
    offer = demo.offers[0]
    for step in range(1, 4):
        moved = set_position_value(demo, offer.id, "base_salary", offer.base_salary + 500 * step)
        preview = evaluator.evaluate(moved, resolution="interactive")
        assert preview.trajectory_of(offer.id).offers[offer.id].p_ahead is None  # type: ignore[union-attr]
        chart.set_evaluation(preview)
    assert chart.refresh_count == drawn
    assert np.array_equal(chart.line.getData()[1], shown)
    settled = evaluator.evaluate(moved)
    chart.set_evaluation(settled)
    assert chart.refresh_count == drawn + 1
    assert settled.trajectory is not None
    new = settled.trajectory.offers[offer.id].p_ahead
    assert new is not None
    assert np.array_equal(chart.line.getData()[1], new)
    assert not np.array_equal(new, shown)  # £1,500 more moves the chance of being ahead
    chart.set_evaluation(settled)
    assert chart.refresh_count == drawn + 1  # the same result again: nothing redrawn


def test_without_a_market_it_says_why(demo: Scenario, qtbot: Any) -> None:
    from offer_eval.core.assumptions import SearchAssumptions

    chart = _chart(qtbot)
    bare = demo.replace(
        target_benchmark_id=None,
        search=SearchAssumptions(**{**_fields(demo.search), "benchmark_id": None}),
    )
    evaluation = Evaluator().evaluate(bare)
    assert evaluation.trajectory is None
    chart.set_evaluation(evaluation)
    assert not chart.has_data()
    assert chart.empty_text.isVisible()
    assert chart.empty_text.toPlainText() == evaluation.trajectory_missing


def _fields(search: Any) -> dict[str, Any]:
    from dataclasses import fields

    return {f.name: getattr(search, f.name) for f in fields(search)}


def test_the_break_even_words_stay_inside_the_plot_at_any_width(demo: Scenario, qtbot: Any) -> None:
    # At 1024x700 the words right of the line read "Pays off from mont": cut at the edge.
    from PySide6.QtWidgets import QApplication

    chart = _chart(qtbot)
    evaluation = Evaluator().evaluate(demo)
    chart.set_offer(demo.offers[0].id)
    chart.set_evaluation(evaluation)
    assert chart.break_even.isVisible()
    for width in (900, 600, 330, 300):
        chart.resize(width, 300)
        for _ in range(4):
            QApplication.processEvents()
        plot = chart.plot.vb.sceneBoundingRect()
        words = chart.break_even_label.sceneBoundingRect()
        assert plot.left() - 1 <= words.left() and words.right() <= plot.right() + 1, (
            width,
            words,
            plot,
        )
