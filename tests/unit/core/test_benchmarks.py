"""One benchmark median for every figure: the stored one, else read between the percentiles around
the 50th in log salary, else none. Expected values are worked out by hand in each test."""

from __future__ import annotations

import pytest

from offer_eval.core.benchmarks import median_estimate
from offer_eval.core.compensation import position_money
from offer_eval.core.decision import decide
from offer_eval.core.evaluate import evaluate
from offer_eval.core.models import Benchmark, Criterion, Position, Scenario, TaxSettings
from offer_eval.core.trajectory import market_level

QUARTILES_ONLY = Benchmark("b", "Quartiles only", p25=40_000.0, p75=90_000.0)


def test_a_stored_median_is_used_as_it_is() -> None:
    # Quartiles whose log midpoint is 60,000 must not override the 50,000 stored.
    bench = Benchmark("b", "B", p25=40_000.0, median=50_000.0, p75=90_000.0)
    assert median_estimate(bench) == 50_000.0


def test_quartiles_alone_give_their_geometric_mean() -> None:
    # The 50th is halfway from the 25th to the 75th, so halfway in log salary:
    # exp((ln 40,000 + ln 90,000) / 2) = sqrt(3.6e9) = 60,000.
    assert median_estimate(QUARTILES_ONLY) == pytest.approx(60_000.0, rel=1e-12)


def test_the_nearest_points_either_side_are_used() -> None:
    # p10 and p90 are further out than p25 and p75, so they do not matter: still 60,000.
    bench = Benchmark("b", "B", p10=20_000.0, p25=40_000.0, p75=90_000.0, p90=400_000.0)
    assert median_estimate(bench) == pytest.approx(60_000.0, rel=1e-12)


def test_uneven_neighbours_are_weighted_by_distance_in_percentile() -> None:
    # From the 10th (30,000) to the 75th (80,000): the 50th is 40/65 = 8/13 of the way, in log
    # salary, so the median is 30,000 × (80,000 / 30,000)^(8/13) ≈ 54,862.
    bench = Benchmark("b", "B", p10=30_000.0, p75=80_000.0)
    expected = 30_000.0 * (8.0 / 3.0) ** (8.0 / 13.0)
    assert median_estimate(bench) == pytest.approx(expected, rel=1e-12)
    assert 54_800 < expected < 54_900


@pytest.mark.parametrize(
    "bench",
    [
        Benchmark("b", "B", p75=90_000.0),
        Benchmark("b", "B", p75=90_000.0, p90=120_000.0),
        Benchmark("b", "B", p10=20_000.0, p25=40_000.0),
    ],
    ids=["p75 only", "upper points only", "lower points only"],
)
def test_points_on_one_side_only_give_no_median(bench: Benchmark) -> None:
    assert median_estimate(bench) is None


def _quartiles_scenario(offer_benchmark: str | None) -> Scenario:
    pay = Criterion("pay", "Pay against the benchmark", "money", 1.0, metric="vs_benchmark")
    return Scenario(
        name="quartiles only",
        current=Position("current", base_salary=30_000.0),
        offers=(Position("offer", base_salary=66_000.0, benchmark_id=offer_benchmark),),
        criteria=(pay,),
        benchmarks=(QUARTILES_ONLY,),
        target_benchmark_id="b",
    )


def test_a_quartiles_only_benchmark_gives_vs_median_in_the_table() -> None:
    # 66,000 against the estimated median of 60,000 is 10% above it.
    money = position_money(
        Position("offer", base_salary=66_000.0, benchmark_id="b"),
        TaxSettings(year="2026/27"),
        QUARTILES_ONLY,
        None,
    )
    assert money.benchmark_median == pytest.approx(60_000.0, rel=1e-12)
    assert money.vs_benchmark_pct == pytest.approx(10.0, rel=1e-9)


@pytest.mark.parametrize("offer_benchmark", ["b", None], ids=["own benchmark", "target's only"])
def test_table_score_and_simulation_read_the_same_median(offer_benchmark: str | None) -> None:
    scenario = _quartiles_scenario(offer_benchmark)
    evaluation = evaluate(scenario)
    table = {m.position_id: m for m in evaluation.positions}["offer"]
    decision = decide(scenario, {m.position_id: m for m in evaluation.positions})
    scored = decision.money["pay"]["offer"]
    # The score's figure is +10%; its default anchors are 0.7 and 1.3 times the same 60,000
    # median, i.e. -30% and +30%, so the value is (10 + 30) / 60 × 10 = 6.67.
    assert scored.value == pytest.approx(10.0, rel=1e-9)
    assert scored.low == pytest.approx(-30.0, rel=1e-9)
    assert scored.high == pytest.approx(30.0, rel=1e-9)
    assert scored.score == pytest.approx(40.0 / 6.0, rel=1e-9)
    if offer_benchmark is not None:
        assert table.vs_benchmark_pct == pytest.approx(scored.value, rel=1e-12)
    market = market_level(scenario)
    assert market is not None
    median, source = market
    assert median == pytest.approx(60_000.0, rel=1e-12)
    assert source == "the median of 'Quartiles only'"


def test_a_benchmark_without_a_median_estimate_gives_no_market_level() -> None:
    # Only p75: no median can be read, and neither the target salary nor an offer's benchmark
    # stands in for the market, so there is no forecast.
    scenario = _quartiles_scenario(None).replace(
        benchmarks=(Benchmark("b", "Upper only", p75=90_000.0),), target_salary=55_000.0
    )
    assert market_level(scenario) is None
