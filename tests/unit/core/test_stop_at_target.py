"""Stopping the search once a job pays the target salary."""

from __future__ import annotations

import dataclasses

import numpy as np

from offer_eval.core.models import SearchAssumptions
from offer_eval.core.trajectory import TrajectoryEvaluator
from offer_eval.persistence.examples import demo_scenario
from tests.unit.core._trajectory_support import LONDON, ML, with_search, with_simulation


def test_it_is_on_by_default() -> None:
    assert SearchAssumptions().stop_at_target is True


def test_an_offer_paying_the_target_is_never_left() -> None:
    # The London offer pays £62,000 against a £60,000 target: with the stop, accepting and
    # searching on never moves, so it is exactly accepting and staying.
    scenario = with_search(with_simulation(demo_scenario(), paths=2_000), stop_at_target=True)
    assert scenario.target_salary is not None
    assert scenario.target_salary <= scenario.offer(LONDON).base_salary
    item = TrajectoryEvaluator().evaluate(scenario).offer(LONDON)
    assert np.array_equal(item.accept_and_search.p90, item.accept_and_stay.p90)
    assert np.array_equal(
        item.accept_and_search.cumulative_mean, item.accept_and_stay.cumulative_mean
    )
    assert item.p_better_within_12 == 0.0


def test_stopping_never_raises_pay_and_leaves_the_first_move_alone() -> None:
    base = with_simulation(demo_scenario(), paths=2_000)
    evaluator = TrajectoryEvaluator()
    on = evaluator.evaluate(with_search(base, stop_at_target=True)).offer(ML)
    off = evaluator.evaluate(with_search(base, stop_at_target=False)).offer(ML)
    # The first move (from £45,000) is the same: a path stops only once it holds the target.
    assert on.expected_months_to_better_offer == off.expected_months_to_better_offer
    # Later, paths that reached the target stay put instead of moving up again.
    assert (on.accept_and_search.p90 <= off.accept_and_search.p90).all()
    assert on.accept_and_search.p90[-1] < off.accept_and_search.p90[-1]


def test_without_a_target_salary_nothing_stops() -> None:
    base = with_simulation(demo_scenario(), paths=1_000).replace(target_salary=None)
    evaluator = TrajectoryEvaluator()
    on = evaluator.evaluate(with_search(base, stop_at_target=True)).offer(ML)
    off = evaluator.evaluate(with_search(base, stop_at_target=False)).offer(ML)
    assert np.array_equal(on.accept_and_search.p90, off.accept_and_search.p90)
    assert dataclasses.is_dataclass(on)
