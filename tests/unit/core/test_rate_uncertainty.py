"""Your rates are uncertain: with the counts setting the rates, each path draws its own rates from
their posteriors (the experienced rate from a Beta of the set mean and strength)."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest

from offer_eval.core.assumptions import SearchHistory
from offer_eval.core.models import Scenario
from offer_eval.core.search_history import effective_search
from offer_eval.core.trajectory import TrajectoryEvaluator, with_salary
from offer_eval.core.trajectory.rates import path_rates, rate_spread
from offer_eval.persistence.examples import demo_scenario
from tests.unit.core._trajectory_support import ML, with_search, with_simulation


def _counted(applications: int, callbacks: int, offers: int, **search: float) -> Scenario:
    history = SearchHistory(
        applications=applications,
        callbacks=callbacks,
        offers=offers,
        use_for_rates=True,
        prior_callback_rate=0.05,
        prior_applications=30.0,
        prior_offers_per_callback=0.2,
        prior_callbacks=4.0,
    )
    return with_search(with_simulation(demo_scenario(), paths=4_000), history=history, **search)


def test_near_certain_counts_give_the_fixed_rate_result() -> None:
    # 99,000 applications and a very strong experienced rate: every path has nearly
    # the same rates (about 1% apart), so the result is nearly that of the rates set without
    # counts.
    counted = _counted(99_000, 4_950, 990, callback_rate_experienced_weight=99_000.0)
    used = effective_search(counted.search)
    fixed = with_search(
        counted,
        history=None,
        callback_rate_novice=used.callback_rate_novice,
        offers_per_callback=used.offers_per_callback,
    )
    assert rate_spread(fixed.search) is None
    evaluator = TrajectoryEvaluator()
    a, b = evaluator.evaluate(counted), evaluator.evaluate(fixed)
    for left, right in (
        (a.decline_and_search, b.decline_and_search),
        (a.offer(ML).accept_and_search, b.offer(ML).accept_and_search),
    ):
        assert left.cumulative_mean[-1] == pytest.approx(right.cumulative_mean[-1], rel=5e-3)
    assert a.offer(ML).present_value == pytest.approx(b.offer(ML).present_value, rel=5e-3)


def test_a_paths_rates_do_not_depend_on_how_many_paths_there_are() -> None:
    spread = rate_spread(_counted(117, 4, 1).search)
    assert spread is not None
    small, large = path_rates(7, 1_000, spread), path_rates(7, 10_000, spread)
    for name in ("novice", "offers", "experienced"):
        assert np.array_equal(getattr(small, name), getattr(large, name)[:1_000])
    # Their means are the posterior means (the experienced one: the rate as set).
    search = effective_search(_counted(117, 4, 1).search)
    assert large.novice.mean() == pytest.approx(search.callback_rate_novice, rel=0.05)
    assert large.offers.mean() == pytest.approx(search.offers_per_callback, rel=0.05)
    assert large.experienced.mean() == pytest.approx(search.callback_rate_experienced, rel=0.05)


def test_rates_as_set_leave_every_path_alike() -> None:
    scenario = demo_scenario()
    assert scenario.search.history is not None and not scenario.search.history.use_for_rates
    assert rate_spread(scenario.search) is None
    unused = dataclasses.replace(scenario.search.history, use_for_rates=False)
    assert rate_spread(dataclasses.replace(scenario.search, history=unused)) is None


def test_with_counts_a_better_paid_offer_is_still_worth_more_and_as_often_ahead() -> None:
    scenario = _counted(117, 4, 1)
    evaluator = TrajectoryEvaluator()
    items = [
        evaluator.evaluate(scenario.with_position(with_salary(scenario.offer(ML), salary))).offer(
            ML
        )
        for salary in (30_000.0, 40_000.0, 50_000.0, 58_000.0)
    ]
    for lower, higher in itertools.pairwise(items):
        assert higher.present_value > lower.present_value
        assert lower.p_ahead is not None and higher.p_ahead is not None
        assert np.all(higher.p_ahead >= lower.p_ahead - 0.002)  # see test_monotone_offers
