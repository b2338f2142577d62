"""The decision's criteria and money criteria: defaults, the 0-10 mapping, anchors, 3-year earnings."""

from __future__ import annotations

import dataclasses
import math

import pytest

from offer_eval.core.benchmarks import median_estimate
from offer_eval.core.compensation import position_money
from offer_eval.core.decision import (
    ANCHOR_HIGH_OF_MEDIAN,
    ANCHOR_LOW_OF_MEDIAN,
    NEUTRAL,
    DecisionResult,
    decide,
    default_criteria,
    estimated_earnings_3y,
    map_to_scale,
)
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.models import Benchmark, Criterion, Scenario
from offer_eval.core.tax import take_home
from offer_eval.persistence.examples import demo_scenario
from tests.unit.core._decision_support import (
    decide_demo,
    demo_earnings,
    money_of,
)


@pytest.fixture(scope="module")
def demo_s() -> Scenario:
    return demo_scenario()


@pytest.fixture(scope="module")
def demo_result(demo_s: Scenario) -> DecisionResult:
    return decide_demo(demo_s)


# --- criteria ------------------------------------------------------------------------------------


def test_default_criteria_cover_the_issue_list_with_meanings() -> None:
    criteria = default_criteria()
    ratings = [c for c in criteria if c.kind == "rating"]
    money = [c for c in criteria if c.kind == "money"]
    assert [c.id for c in ratings] == [
        "team",
        "manager",
        "variety",
        "learning",
        "impact",
        "career_capital",
        "commute",
        "security",
    ]
    assert all(c.meaning_0 and c.meaning_5 and c.meaning_10 for c in ratings)
    assert sorted(c.metric or "" for c in money) == sorted(
        ["net_take_home", "total_comp_year1", "expected_earnings_3y", "vs_benchmark"]
    )
    assert len({c.id for c in criteria}) == len(criteria)


def test_default_criteria_make_a_valid_scenario_that_scores(demo_s: Scenario) -> None:
    criteria = default_criteria()
    offers = tuple(
        dataclasses.replace(
            o, ratings=FrozenMap({c.id: 5.0 for c in criteria if c.kind == "rating"})
        )
        for o in demo_s.offers
    )
    scenario = demo_s.replace(criteria=criteria, offers=offers)
    result = decide(scenario, money_of(scenario))
    assert set(result.scores) == {"ml-engineer", "london-ds"}
    # Same ratings: the money criteria decide, and the London offer pays more.
    assert result.winner == "london-ds"


def test_users_can_rename_add_and_remove_criteria(demo_s: Scenario) -> None:
    renamed = demo_s.with_criterion(dataclasses.replace(demo_s.criterion("team"), label="My team"))
    assert decide_demo(renamed).scores == decide_demo(demo_s).scores
    removed = demo_s.replace(
        criteria=tuple(c for c in demo_s.criteria if c.id != "security"),
        offers=tuple(
            dataclasses.replace(o, ratings=o.ratings.without("security")) for o in demo_s.offers
        ),
        current=dataclasses.replace(
            demo_s.current, ratings=demo_s.current.ratings.without("security")
        ),
    )
    assert "security" not in decide_demo(removed).criterion_ids
    added = demo_s.replace(
        criteria=(
            *demo_s.criteria,
            Criterion("pension", "Pension", "money", 1.0, metric="total_comp_year1"),
        ),
    )
    assert "pension" in decide_demo(added).money


# --- money criteria: the 0-10 mapping and its anchors ---------------------------------------------


def test_map_to_scale_is_linear_between_anchors_and_clamped() -> None:
    assert map_to_scale(100.0, 100.0, 200.0) == 0.0
    assert map_to_scale(200.0, 100.0, 200.0) == 10.0
    assert map_to_scale(150.0, 100.0, 200.0) == pytest.approx(5.0)
    assert map_to_scale(125.0, 100.0, 200.0) == pytest.approx(2.5)
    assert map_to_scale(50.0, 100.0, 200.0) == 0.0
    assert map_to_scale(1e9, 100.0, 200.0) == 10.0
    with pytest.raises(InvalidValueError):
        map_to_scale(1.0, 2.0, 2.0)


def test_demo_anchors_come_from_the_target_benchmark_and_target(
    demo_result: DecisionResult, demo_s: Scenario
) -> None:
    median = 55_000.0
    low_gross, high_gross = 0.7 * median, max(60_000.0, 1.3 * median)
    assert (low_gross, high_gross) == (38_500.0, 71_500.0)

    def net(gross: float) -> float:
        return take_home(gross, tax_year="2026/27", region="rUK", student_loans=("plan2",)).net

    for oid in demo_s_offer_ids(demo_s):
        net_pay = demo_result.money["net_pay"][oid]
        assert (net_pay.low, net_pay.high) == (net(38_500), net(71_500))
        value = money_of(demo_s)[oid].net_take_home
        assert net_pay.value == value
        assert net_pay.score == pytest.approx(
            (value - net(38_500)) / (net(71_500) - net(38_500)) * 10
        )
        assert "Machine Learning Engineer, UK excluding London" in net_pay.basis
        earnings = demo_result.money["earnings_3y"][oid]
        assert (earnings.low, earnings.high) == pytest.approx((3 * net(38_500), 3 * net(71_500)))
        assert earnings.value == demo_earnings(demo_s)[oid]
        assert not earnings.estimated


def demo_s_offer_ids(scenario: Scenario) -> list[str]:
    return [o.id for o in scenario.offers]


def test_total_comp_and_vs_benchmark_anchors(demo_s: Scenario) -> None:
    scenario = demo_s.replace(
        criteria=(
            *demo_s.criteria,
            Criterion("tc", "Total comp", "money", 1.0, metric="total_comp_year1"),
            Criterion("vb", "Against benchmark", "money", 1.0, metric="vs_benchmark"),
        )
    )
    result = decide_demo(scenario)
    money = money_of(scenario)
    for oid in ("ml-engineer", "london-ds"):
        tc = result.money["tc"][oid]
        assert (tc.low, tc.high) == (38_500.0, 71_500.0)
        assert tc.value == money[oid].total_comp_year1
        vb = result.money["vb"][oid]
        assert (vb.low, vb.high) == pytest.approx((-30.0, 30.0))
        # The figure is against the offer's own market benchmark (London for the London offer).
        assert vb.value == money[oid].vs_benchmark_pct
    assert result.money["vb"]["london-ds"].score == 0.0  # 62k is 31% below the London median
    # A target above 1.3 × median sets the top anchor.
    higher = decide_demo(scenario.replace(target_salary=80_000.0))
    assert higher.money["tc"]["ml-engineer"].high == 80_000.0
    assert higher.money["vb"]["ml-engineer"].high == pytest.approx((80_000 / 55_000 - 1) * 100)


def test_explicit_anchors_override_the_default(demo_s: Scenario) -> None:
    net_pay = demo_s.criterion("net_pay")
    both = demo_s.with_criterion(
        dataclasses.replace(net_pay, anchor_low=20_000.0, anchor_high=60_000.0)
    )
    item = decide_demo(both).money["net_pay"]["ml-engineer"]
    assert (item.low, item.high, item.basis, item.explicit_anchors) == (
        20_000.0,
        60_000.0,
        "set by you",
        True,
    )
    assert item.score == pytest.approx((32_714.25 - 20_000) / 40_000 * 10)
    one = demo_s.with_criterion(dataclasses.replace(net_pay, anchor_low=25_000.0))
    item = decide_demo(one).money["net_pay"]["ml-engineer"]
    assert item.low == 25_000.0
    assert item.high == take_home(71_500, tax_year="2026/27", student_loans=("plan2",)).net
    assert not item.explicit_anchors


def test_anchors_fall_back_to_search_benchmark_then_target_then_neutral(demo_s: Scenario) -> None:
    own = decide_demo(demo_s.replace(target_benchmark_id=None))
    # One scale for every offer: the job search's benchmark (median 55,000), never the London
    # offer's own benchmark (median 90,000).
    for oid in ("london-ds", "ml-engineer"):
        item = own.money["net_pay"][oid]
        assert item.low == take_home(38_500, tax_year="2026/27", student_loans=("plan2",)).net
        assert "job search benchmark" in item.basis
    # 0.7 x 90,000 is what the London benchmark would have given: not used.
    assert own.money["net_pay"]["london-ds"].low != pytest.approx(
        take_home(63_000, tax_year="2026/27", student_loans=("plan2",)).net, abs=1.0
    )

    # Offers' own benchmarks are never read: with no target or search benchmark the target alone.
    bare = demo_s.replace(
        target_benchmark_id=None, search=dataclasses.replace(demo_s.search, benchmark_id=None)
    )
    target_only = decide_demo(bare)
    item = target_only.money["net_pay"]["ml-engineer"]
    assert item.low == pytest.approx(
        take_home(42_000, tax_year="2026/27", student_loans=("plan2",)).net, abs=0.01
    )
    assert item.high == pytest.approx(
        take_home(78_000, tax_year="2026/27", student_loans=("plan2",)).net, abs=0.01
    )
    assert "your target" in item.basis

    nothing = decide_demo(bare.replace(target_salary=None))
    item = nothing.money["net_pay"]["ml-engineer"]
    assert (item.low, item.high, item.score) == (None, None, NEUTRAL)
    assert any("Net take-home pay" in note and "scores 5" in note for note in nothing.notes)


def test_benchmark_median_is_read_between_quartiles_when_missing() -> None:
    bench = Benchmark("b", "B", p25=40_000.0, p75=90_000.0)
    assert median_estimate(bench) == pytest.approx(math.sqrt(40_000 * 90_000))
    assert median_estimate(Benchmark("b", "B", p75=90_000.0)) is None
    assert median_estimate(Benchmark("b", "B", median=50_000.0)) == 50_000.0
    assert ANCHOR_LOW_OF_MEDIAN == 0.7 and ANCHOR_HIGH_OF_MEDIAN == 1.3


def test_anchors_never_come_from_other_offers(demo_s: Scenario) -> None:
    rich = dataclasses.replace(demo_s.offer("london-ds"), id="rich", base_salary=400_000.0)
    more = demo_s.replace(offers=(*demo_s.offers, rich))
    earnings = {**demo_earnings(demo_s), "rich": 1_000_000.0}
    before = decide_demo(demo_s)
    after = decide(more, money_of(more), earnings)
    for oid in ("ml-engineer", "london-ds"):
        assert after.scores[oid] == before.scores[oid]
        assert after.money["net_pay"][oid] == before.money["net_pay"][oid]


# --- 3-year expected earnings ----------------------------------------------------------------------


def test_trajectory_earnings_are_used_and_labelled(demo_s: Scenario) -> None:
    earnings = {"ml-engineer": 150_000.0, "london-ds": 100_000.0}
    result = decide(demo_s, money_of(demo_s), earnings)
    assert result.earnings_source == "trajectory"
    assert result.money["earnings_3y"]["ml-engineer"].value == 150_000.0
    assert result.money["earnings_3y"]["ml-engineer"].score == 10.0
    assert not any("estimated" in note for note in result.notes)


def test_without_trajectory_earnings_are_estimated_and_say_so(demo_s: Scenario) -> None:
    money = money_of(demo_s)
    result = decide(demo_s, money, None)
    assert result.earnings_source == "estimate"
    item = result.money["earnings_3y"]["london-ds"]
    assert item.estimated
    assert item.value == estimated_earnings_3y(money["london-ds"])
    assert item.value == pytest.approx(3 * money["london-ds"].net_take_home)  # no sign-on
    assert any("estimated" in note for note in result.notes)
    partial = decide(demo_s, money, {"ml-engineer": 120_000.0})
    assert not partial.money["earnings_3y"]["ml-engineer"].estimated
    assert partial.money["earnings_3y"]["london-ds"].estimated
    assert partial.earnings_source == "estimate"


def test_sign_on_counts_once_in_the_earnings_estimate(demo_s: Scenario) -> None:
    offer = dataclasses.replace(demo_s.offer("ml-engineer"), sign_on=5_000.0)
    money = position_money(offer, demo_s.tax, demo_s.benchmark(offer.benchmark_id), 60_000.0)
    assert estimated_earnings_3y(money) == pytest.approx(
        money.take_home.net + 2 * money.take_home_recurring.net
    )
    assert estimated_earnings_3y(money) < 3 * money.net_take_home
