"""The trajectory's results: every strategy's band, deterministic and simulated staying, read-only arrays."""

from __future__ import annotations

import numpy as np
import pytest

from offer_eval.core.compensation import position_money
from offer_eval.core.trajectory import (
    Band,
    TrajectoryEvaluator,
    TrajectoryResult,
)
from offer_eval.persistence.examples import demo_scenario, example
from tests.unit.core._trajectory_support import LONDON, ML, with_search, with_simulation


@pytest.fixture(scope="module")
def demo_result() -> TrajectoryResult:
    return TrajectoryEvaluator().evaluate(demo_scenario())


# --- shape of the results ------------------------------------------------------------------------


def test_every_strategy_has_a_full_band(demo_result: TrajectoryResult) -> None:
    bands = [demo_result.decline_and_search]
    for item in demo_result.offers.values():
        bands += [item.accept_and_stay, item.accept_and_search]
    assert set(demo_result.offers) == {ML, LONDON}
    for band in bands:
        assert band.months.tolist() == list(range(1, 61))
        for name in ("p10", "p50", "p90", "cumulative_p10", "cumulative_p50", "cumulative_p90"):
            values = getattr(band, name)
            assert values.shape == (60,)
            assert values.dtype == np.float64
            assert not values.flags.writeable
    assert demo_result.paths == 10_000
    assert demo_result.months == 60
    assert demo_result.resolution == "full"


def test_accept_and_stay_without_layoffs_is_deterministic_and_matches_compensation(
    demo_result: TrajectoryResult,
) -> None:
    scenario = demo_scenario()
    offer = scenario.offer(ML)
    stay = demo_result.offer(ML).accept_and_stay
    assert stay.deterministic
    assert np.array_equal(stay.p10, stay.p90)
    # Salary in force: £45,000 for months 1-12, then +4% on each anniversary (months 13, 25, ...).
    assert stay.p50[0] == stay.p50[11] == 45_000
    assert stay.p50[12] == pytest.approx(45_000 * 1.04, rel=1e-6)
    assert stay.p50[59] == pytest.approx(45_000 * 1.04**4, rel=1e-6)
    # The first year's take-home equals the compensation module's recurring figure.
    money = position_money(offer, scenario.tax, None, None)
    assert stay.cumulative_mean[11] == pytest.approx(money.take_home_recurring.net, abs=0.05)


def test_accept_and_stay_is_simulated_when_jobs_can_end() -> None:
    safe = with_simulation(demo_scenario(), paths=2_000)
    risky = with_search(safe, layoff_rate_pct=20.0)
    stay = TrajectoryEvaluator().evaluate(risky).offer(ML).accept_and_stay
    certain = TrajectoryEvaluator().evaluate(safe).offer(ML).accept_and_stay
    assert not stay.deterministic
    assert (stay.p10 < stay.p90).any()
    # Time out of work costs money: the unlucky tenth earns less than the job would have paid.
    # (On average a layoff from this £45,000 job can pay: the market is £55,000 and the time
    # out of work is now paid the Universal Credit allowance, so the mean is not compared.)
    assert stay.cumulative_p10[-1] < certain.cumulative_p10[-1]


def test_the_phd_stipend_ends_and_declining_means_searching_without_a_job() -> None:
    scenario = example("phd-stipend.offers.json")
    result = TrajectoryEvaluator().evaluate(scenario)
    decline = result.decline_and_search
    # The stipend (£21,805, tax-free) is paid in months 1-4 only.
    assert decline.cumulative_p10[3] == pytest.approx(4 * 21_805 / 12, abs=0.05)
    # Without a job most paths earn nothing in month 5; the ones earning took an offer in month 4.
    assert decline.p10[4] == 0
    # Out of work an offer is taken once it reaches the reservation salary; living on the
    # Universal Credit allowance meanwhile, that takes about a year.
    assert result.decline_expected_months_to_offer < 15


def test_band_rejects_writes() -> None:
    band = TrajectoryEvaluator().evaluate(with_simulation(demo_scenario(), paths=1_000))
    with pytest.raises(ValueError):
        band.decline_and_search.p50[0] = 1.0
    assert isinstance(band.decline_and_search, Band)
