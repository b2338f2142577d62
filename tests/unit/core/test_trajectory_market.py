"""One market for every strategy, the refusal without one, and the no-credit counterfactual."""

from __future__ import annotations

import numpy as np
import pytest

from offer_eval.core.evaluate import Evaluator
from offer_eval.core.trajectory import (
    NO_MARKET_REASON,
    NoMarketError,
    TrajectoryEvaluator,
    TrajectoryResult,
    market_level,
    no_credit_scenario,
)
from offer_eval.persistence.examples import demo_scenario
from tests.unit.core._trajectory_support import LONDON, ML, with_search, with_simulation


def _bands_equal(a: TrajectoryResult, b: TrajectoryResult) -> None:
    for name in ("p10", "p50", "p90", "cumulative_p10", "cumulative_p50", "cumulative_mean"):
        assert np.array_equal(
            getattr(a.decline_and_search, name), getattr(b.decline_and_search, name)
        ), name


def test_swapping_the_order_of_offers_leaves_every_decline_figure_identical() -> None:
    # Without a search benchmark the market is the target benchmark's, whatever the offers.
    scenario = with_simulation(with_search(demo_scenario(), benchmark_id=None), paths=2_000)
    swapped = scenario.replace(offers=tuple(reversed(scenario.offers)))
    first = TrajectoryEvaluator().evaluate(scenario)
    second = TrajectoryEvaluator().evaluate(swapped)
    assert first is not None and second is not None
    _bands_equal(first, second)
    assert first.present_value_decline == second.present_value_decline
    assert first.reservation_salary == second.reservation_salary
    assert first.decline_expected_months_to_offer == second.decline_expected_months_to_offer
    for offer_id in (ML, LONDON):
        assert first.offer(offer_id).break_even_month == second.offer(offer_id).break_even_month
        assert first.offer(offer_id).present_value == second.offer(offer_id).present_value
    # Both offers and declining search in the same market: the target benchmark's £55,000.
    assert first.market_median == 55_000.0
    assert first.offer(ML).market_median == first.offer(LONDON).market_median == 55_000.0


def test_an_offers_own_benchmark_never_sets_the_market() -> None:
    scenario = with_search(demo_scenario(), benchmark_id=None).replace(target_benchmark_id=None)
    assert scenario.offer(LONDON).benchmark_id is not None
    assert market_level(scenario) is None
    with pytest.raises(NoMarketError):
        TrajectoryEvaluator().evaluate(scenario)


def test_without_a_benchmark_the_forecast_says_why_and_the_money_part_is_computed() -> None:
    scenario = with_search(demo_scenario(), benchmark_id=None).replace(target_benchmark_id=None)
    evaluation = Evaluator().evaluate(scenario)
    assert evaluation.trajectory is None
    assert evaluation.trajectory_missing == NO_MARKET_REASON
    assert "choose a benchmark for new offers" in NO_MARKET_REASON
    assert evaluation.money(ML).take_home.net > 0
    assert evaluation.pay_cuts[ML].gross_pct is not None
    # With a market there is nothing to explain.
    assert Evaluator().evaluate(demo_scenario()).trajectory_missing is None


def test_no_credit_counterfactual_equals_a_run_with_the_threshold_beyond_the_horizon() -> None:
    scenario = with_simulation(demo_scenario(), paths=2_000)
    variant = no_credit_scenario(scenario)
    assert variant is not None
    by_hand = with_search(scenario, experience_threshold_months=61)
    evaluator = TrajectoryEvaluator()
    held, hand = evaluator.evaluate(variant), evaluator.evaluate(by_hand)
    assert held is not None and hand is not None
    _bands_equal(held, hand)
    for offer_id in (ML, LONDON):
        a, b = held.offer(offer_id), hand.offer(offer_id)
        assert a.present_value == b.present_value
        assert a.break_even_month == b.break_even_month
        assert np.array_equal(a.accept_and_search.p50, b.accept_and_search.p50)


def test_no_credit_holds_the_novice_pay_discount_and_lowers_the_demo_offers_value() -> None:
    scenario = with_simulation(demo_scenario(), paths=2_000)
    variant = no_credit_scenario(scenario)
    assert variant is not None
    evaluator = TrajectoryEvaluator()
    with_credit, without = evaluator.evaluate(scenario), evaluator.evaluate(variant)
    assert with_credit is not None and without is not None
    assert without.offer(ML).present_value < with_credit.offer(ML).present_value
    # The novice discount stays: equal callback rates alone would still lift offers to the full
    # market after the threshold. Holding the threshold out of reach keeps the median offer at
    # 80% of the market, so the typical salary a found job pays is lower too.
    equal_rates = with_search(
        scenario, callback_rate_experienced=scenario.search.callback_rate_novice
    )
    rates_only = evaluator.evaluate(equal_rates)
    assert rates_only is not None
    assert without.offer(ML).present_value < rates_only.offer(ML).present_value


def test_no_credit_is_none_when_credit_changes_nothing() -> None:
    scenario = with_search(demo_scenario(), callback_rate_experienced=0.035, novice_discount=1.0)
    assert no_credit_scenario(scenario) is None
    assert no_credit_scenario(with_search(demo_scenario(), experience_threshold_months=61)) is None


@pytest.mark.parametrize("offer_id", [ML, LONDON])
def test_each_offer_searches_in_the_search_benchmarks_market(offer_id: str) -> None:
    result = TrajectoryEvaluator().evaluate(with_simulation(demo_scenario(), paths=1_000))
    assert result is not None
    assert result.offer(offer_id).market_median == result.market_median
