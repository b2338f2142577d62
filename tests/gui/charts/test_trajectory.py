"""Trajectory charts redraw only when what they show changes, and a hidden one computes nothing."""

from __future__ import annotations

from typing import Any

from offer_eval.core.evaluate import Evaluator
from offer_eval.core.models import Scenario
from offer_eval.editing.edits import set_criterion_value, set_position_value


def test_an_edit_that_leaves_the_offers_strategies_alone_does_not_redraw(
    demo: Scenario, qtbot: Any
) -> None:
    from offer_eval.gui.charts.trajectory import TrajectoryChart

    chart = TrajectoryChart()
    qtbot.addWidget(chart)
    chart.resize(600, 400)
    chart.show()
    evaluator = Evaluator()
    chart.set_evaluation(evaluator.evaluate(demo, resolution="interactive"))
    drawn = chart.refresh_count
    assert drawn == 1 and chart.has_data()
    # A weight and the other offer's pay: the shown offer's bands are the same remembered objects
    # (its stay band too, though nothing is simulated for it).
    criterion = demo.criteria[0]
    weighted = set_criterion_value(demo, criterion.id, "weight", criterion.weight + 1)
    chart.set_evaluation(evaluator.evaluate(weighted, resolution="interactive"))
    other = demo.offers[1]
    paid = set_position_value(weighted, other.id, "base_salary", other.base_salary + 1_000)
    chart.set_evaluation(evaluator.evaluate(paid, resolution="interactive"))
    assert chart.refresh_count == drawn
    shown = demo.offers[0]
    moved = set_position_value(paid, shown.id, "base_salary", shown.base_salary + 1_000)
    chart.set_evaluation(evaluator.evaluate(moved, resolution="interactive"))
    assert chart.refresh_count == drawn + 1


def test_a_hidden_chart_leaves_the_trajectory_uncomputed(demo: Scenario, qtbot: Any) -> None:
    from offer_eval.gui.charts.trajectory import TrajectoryChart

    chart = TrajectoryChart()
    qtbot.addWidget(chart)
    evaluator = Evaluator()
    chart.set_evaluation(evaluator.evaluate(demo, resolution="interactive"))
    assert evaluator.trajectories.simulated_strategies == 0
    assert chart.is_stale
    chart.resize(600, 400)
    chart.show()  # drawn when shown: the shown offer's strategies only
    assert not chart.is_stale and chart.has_data()
    assert evaluator.trajectories.simulated_strategies == 2


def test_a_search_rate_step_redraws_the_searches_and_leaves_staying_alone(
    demo: Scenario, qtbot: Any
) -> None:
    from offer_eval.editing.edits import set_scenario_value
    from offer_eval.gui.charts.trajectory import CumulativeChart

    chart = CumulativeChart()
    qtbot.addWidget(chart)
    chart.resize(600, 400)
    chart.show()
    evaluator = Evaluator()
    chart.set_evaluation(evaluator.evaluate(demo, resolution="interactive"))
    stay_path = chart._medians["accept_and_stay"].path()
    search_path = chart._medians["accept_and_search"].path()
    rate = demo.search.callback_rate_novice
    faster = set_scenario_value(demo, "search.callback_rate_novice", rate * 100 * 1.5)
    evaluation = evaluator.evaluate(faster, resolution="interactive")
    chart.set_evaluation(evaluation)
    assert chart.has_data()
    # Staying in the offer's job reads nothing of the search: the same band, its line untouched.
    assert chart._medians["accept_and_stay"].path() == stay_path
    assert chart._medians["accept_and_search"].path() != search_path
    # Each line shows its strategy's median, month by month.
    for key, band in bands_shown(evaluation, chart).items():
        path = chart._medians[key].path()
        points = [(path.elementAt(i).x, path.elementAt(i).y) for i in range(path.elementCount())]
        expected = list(zip(band.months.tolist(), band.cumulative_p50.tolist(), strict=True))
        assert points == expected, key


def bands_shown(evaluation: Any, chart: Any) -> dict[str, Any]:
    from offer_eval.gui.charts.trajectory import bands_for

    return bands_for(evaluation, chart.offer_id)
