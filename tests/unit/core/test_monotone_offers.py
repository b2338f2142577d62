"""Issue 13's monotonicity checks on the simulation itself (common random numbers): a better-paid
offer never lowers its present value or its chance of being ahead (with stopping at the target
off, or below the target), and a higher experienced callback rate never delays break-even."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from offer_eval.core.models import Scenario
from offer_eval.core.trajectory import TrajectoryEvaluator, with_salary
from offer_eval.persistence.examples import demo_scenario
from tests.unit.core._trajectory_support import ML, with_search, with_simulation

P_AHEAD_TOLERANCE = 0.002


def _at(scenario: Scenario, evaluator: TrajectoryEvaluator, salary: float):  # type: ignore[no-untyped-def]
    changed = scenario.with_position(with_salary(scenario.offer(ML), salary))
    return evaluator.evaluate(changed).offer(ML)


@pytest.mark.parametrize(
    ("stop", "salaries"),
    [
        (False, (25_000.0, 35_000.0, 45_000.0, 55_000.0, 65_000.0, 80_000.0)),
        (True, (25_000.0, 35_000.0, 45_000.0, 52_000.0, 58_000.0)),  # below the £60,000 target
    ],
)
def test_a_better_paid_offer_never_lowers_its_value_or_its_chance_of_being_ahead(
    stop: bool, salaries: tuple[float, ...]
) -> None:
    scenario = with_search(with_simulation(demo_scenario(), paths=2_000), stop_at_target=stop)
    assert scenario.target_salary == 60_000.0
    evaluator = TrajectoryEvaluator()
    items = [_at(scenario, evaluator, salary) for salary in salaries]
    for lower, higher in itertools.pairwise(items):
        assert higher.present_value >= lower.present_value
        assert higher.present_value_with_tail >= lower.present_value_with_tail
        assert lower.p_ahead is not None and higher.p_ahead is not None
        # Path by path it is not exact: a better-paid job passes up an offer (under its
        # switching margin) that the worse-paid one takes, and that path may then be ahead
        # only in the worse-paid case. Measured on the demo: at most 2 of 2,000 paths in a
        # month (0.1 points); the tolerance allows 0.2 points and no more.
        assert np.all(higher.p_ahead >= lower.p_ahead - P_AHEAD_TOLERANCE)


def test_a_higher_experienced_callback_rate_never_delays_break_even() -> None:
    scenario = with_simulation(demo_scenario(), paths=2_000)
    evaluator = TrajectoryEvaluator()
    months = []
    for rate in (0.035, 0.05, 0.075, 0.10, 0.15, 0.25):
        result = evaluator.evaluate(with_search(scenario, callback_rate_experienced=rate))
        month = result.offer(ML).break_even_month
        months.append(math.inf if month is None else month)
    assert months == sorted(months, reverse=True), months
    assert months[0] > months[-1]  # it does matter: the 3.5% → month 54, 15% → 25
