"""P(ahead) by month: the share of futures in which accepting and searching on has earned more
than declining and searching on, the same future for both."""

from __future__ import annotations

import dataclasses

import numpy as np

from offer_eval.core.trajectory import TrajectoryEvaluator
from offer_eval.persistence.examples import demo_scenario
from tests.unit.core._trajectory_support import LONDON, ML, with_search, with_simulation


def test_without_offers_every_future_is_the_same_so_p_ahead_is_0_or_1() -> None:
    # No applications and no layoffs: nothing random happens, so on every path the difference
    # is the (deterministic) mean difference, and P(ahead) is 1 exactly where it is positive.
    scenario = with_search(
        with_simulation(demo_scenario(), paths=1_000),
        applications_per_month=0.0,
        applications_per_month_unemployed=0.0,
    )
    result = TrajectoryEvaluator().evaluate(scenario)
    for offer_id in (ML, LONDON):
        item = result.offer(offer_id)
        assert item.p_ahead is not None
        expected = (item.mean_difference_vs_decline > 0).astype(float)
        assert np.array_equal(item.p_ahead, expected), offer_id
    # The London offer pays more from month 1, the ML offer less throughout.
    assert result.offer(LONDON).p_ahead.min() == 1.0  # type: ignore[union-attr]
    assert result.offer(ML).p_ahead.max() == 0.0  # type: ignore[union-attr]


def test_p_ahead_never_falls_when_the_offer_pays_more() -> None:
    scenario = with_simulation(demo_scenario(), paths=2_000)
    evaluator = TrajectoryEvaluator()
    offer = scenario.offer(ML)
    lower = evaluator.evaluate(scenario).offer(ML).p_ahead
    richer = scenario.with_position(dataclasses.replace(offer, base_salary=50_000.0))
    higher = evaluator.evaluate(richer).offer(ML).p_ahead
    assert lower is not None and higher is not None
    assert (higher >= lower).all()
    assert (higher > lower).any()


def test_p_ahead_is_a_share_and_the_interactive_resolution_leaves_it_out() -> None:
    scenario = with_simulation(demo_scenario(), paths=2_000)
    evaluator = TrajectoryEvaluator()
    item = evaluator.evaluate(scenario).offer(ML)
    assert item.p_ahead is not None and item.p_ahead.shape == (60,)
    assert ((item.p_ahead >= 0) & (item.p_ahead <= 1)).all()
    # Averages and shares agree in sign once most futures are ahead.
    assert item.break_even_month is not None
    assert item.p_ahead[-1] > 0.5
    assert evaluator.evaluate(scenario, resolution="interactive").offer(ML).p_ahead is None
