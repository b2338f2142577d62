"""Lowest salary worth taking in work: bisection on common random numbers, checked against
present values the ordinary evaluation computes on the same paths."""

from __future__ import annotations

import dataclasses

import pytest

from offer_eval.core.evaluate import Evaluator
from offer_eval.core.trajectory import TrajectoryEvaluator, present_value_with_tail, with_salary
from offer_eval.core.trajectory.lowest_salary import RESOLUTION, run_searches
from offer_eval.persistence.examples import demo_scenario
from tests.unit.core._trajectory_support import LONDON, ML, with_simulation


def _values_at(scenario, offer_id: str, salary: float) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(accept and search, decline) present values with tail, by the ordinary evaluation of the
    scenario with the offer paid `salary`: the same seed, so the same paths."""
    changed = scenario.with_position(with_salary(scenario.offer(offer_id), salary))
    result = TrajectoryEvaluator().evaluate(changed)
    return result.offer(offer_id).present_value_with_tail, result.present_value_decline_with_tail


@pytest.mark.parametrize(("years", "offer_id"), [(0, ML), (0, LONDON), (5, ML), (5, LONDON)])
def test_declining_wins_500_below_and_accepting_500_above(years: int, offer_id: str) -> None:
    scenario = with_simulation(demo_scenario(), paths=4_000, years_after_horizon=years)
    s_star = TrajectoryEvaluator().lowest_salaries(scenario)[offer_id]
    assert isinstance(s_star, float), s_star
    # With a tail the experience a job in the field brings outweighs almost any pay cut, so
    # s* can be under £500: then the check below it is at 0.
    accept, decline = _values_at(scenario, offer_id, max(s_star - 500.0, 0.0))
    assert accept < decline
    accept, decline = _values_at(scenario, offer_id, s_star + 500.0)
    assert accept > decline


def test_the_demo_offer_of_45k_is_above_its_lowest_salary() -> None:
    # The reproduction: even £15,000 beat declining over 60 months, so the lowest salary
    # worth taking for the ML offer lies well below its £45,000.
    lowest = Evaluator().evaluate_searches(demo_scenario()).lowest_salary[ML]
    assert isinstance(lowest, float)
    assert 5_000 < lowest < 45_000


def test_a_tail_after_the_horizon_counts_the_last_months_pay() -> None:
    import numpy as np

    cumulative = np.cumsum(np.full(36, 1_000.0))
    expected = sum(1_000.0 * 1.05 ** (-m / 12) for m in range(1, 36 + 24 + 1))
    assert present_value_with_tail(cumulative, 5.0, 2) == pytest.approx(expected)
    assert present_value_with_tail(cumulative, 5.0, 0) == pytest.approx(
        sum(1_000.0 * 1.05 ** (-m / 12) for m in range(1, 37))
    )


def test_bisection_finds_a_known_crossing_to_the_resolution() -> None:
    # A made-up monotone difference crossing 0 at 31,234: the answer is within £100 above it.
    calls: list[int] = []

    def difference(asked):  # type: ignore[no-untyped-def]
        calls.append(len(asked))
        return [salary - 31_234.0 if index == 0 else 1.0 for index, salary in asked]

    found, anything = run_searches([45_000.0, 45_000.0], difference)
    assert isinstance(found, float)
    assert 31_234.0 <= found <= 31_234.0 + RESOLUTION
    assert anything == "any"
    never = run_searches([45_000.0], lambda asked: [-1.0 for _ in asked])
    assert never == [None]


def test_searches_leave_evaluate_alone_and_are_memoised() -> None:
    evaluator = Evaluator()
    scenario = with_simulation(demo_scenario(), paths=2_000)
    evaluator.evaluate(scenario)
    before = evaluator.trajectories.simulated_strategies
    evaluator.evaluate(scenario)
    assert evaluator.trajectories.simulated_strategies == before  # evaluate runs no search
    first = evaluator.evaluate_searches(scenario)
    ran = evaluator.trajectories.simulated_strategies
    assert ran > before
    again = evaluator.evaluate_searches(scenario)
    assert evaluator.trajectories.simulated_strategies == ran
    assert dict(first.lowest_salary) == dict(again.lowest_salary)
    # A weight does not touch the search: nothing runs again.
    criteria = tuple(
        dataclasses.replace(c, weight=c.weight + 1.0) if i == 0 else c
        for i, c in enumerate(scenario.criteria)
    )
    evaluator.evaluate_searches(scenario.replace(criteria=criteria))
    assert evaluator.trajectories.simulated_strategies == ran


def test_higher_current_salary_raises_the_lowest_salary_worth_taking() -> None:
    scenario = with_simulation(demo_scenario(), paths=2_000)
    richer = scenario.replace(current=dataclasses.replace(scenario.current, base_salary=70_000.0))
    evaluator = TrajectoryEvaluator()
    low, high = evaluator.lowest_salaries(scenario)[ML], evaluator.lowest_salaries(richer)[ML]
    assert isinstance(low, float) and isinstance(high, float)
    assert high > low
