"""One money scale for every offer, and the notes for clamps and money counted twice."""

from __future__ import annotations

import dataclasses

import pytest

from offer_eval.core.decision import decide
from offer_eval.core.models import Scenario
from offer_eval.core.tax import take_home
from offer_eval.persistence.examples import demo_scenario
from tests.unit.core._decision_support import decide_demo, money_of


@pytest.fixture(scope="module")
def demo_s() -> Scenario:
    return demo_scenario()


def _twins(demo: Scenario, low: float, high: float) -> Scenario:
    """Two identical jobs but for their base salary, scored on net pay and three ratings."""
    ml = demo.offer("ml-engineer")
    one = dataclasses.replace(ml, id="one", name="One", base_salary=low)
    two = dataclasses.replace(ml, id="two", name="Two", base_salary=high)
    keep = {"team", "manager", "variety", "net_pay"}
    criteria = tuple(
        dataclasses.replace(c, weight=1.0 if c.id in keep else 0.0) for c in demo.criteria
    )
    return demo.replace(offers=(one, two), criteria=criteria)


def test_every_offer_is_scored_on_the_same_scale_without_a_target_benchmark(
    demo_s: Scenario,
) -> None:
    scenario = demo_s.replace(target_benchmark_id=None)
    result = decide(scenario, money_of(scenario))
    london = result.money["net_pay"]["london-ds"]
    ml = result.money["net_pay"]["ml-engineer"]
    assert (london.low, london.high) == (ml.low, ml.high)
    # The search benchmark's median is 55,000 and the target 60,000: 0 at 38,500, 10 at 71,500.
    low = take_home(38_500, tax_year="2026/27", student_loans=("plan2",)).net
    high = take_home(71_500, tax_year="2026/27", student_loans=("plan2",)).net
    assert london.score == pytest.approx((44_493.45 - low) / (high - low) * 10, abs=1e-3)
    # More take-home never scores less (it did when each offer had its own benchmark).
    assert london.score > ml.score


def test_two_offers_at_the_top_anchor_say_so_and_the_clamp_deciding_says_so(
    demo_s: Scenario,
) -> None:
    scenario = _twins(demo_s, 80_000.0, 120_000.0)
    result = decide(scenario, money_of(scenario))
    assert result.values["one"]["net_pay"] == 10.0 == result.values["two"]["net_pay"]
    assert result.winner is None  # tied on the score
    clamp = [n for n in result.notes if "both score 10" in n]
    assert len(clamp) == 1 and "One and Two" in clamp[0] and "Net take-home pay" in clamp[0]
    decides = [n for n in result.notes if "clamp at 0 and 10" in n]
    assert len(decides) == 1 and "Two would come out ahead" in decides[0]


def test_no_clamp_note_when_the_scale_separates_the_offers(demo_s: Scenario) -> None:
    scenario = _twins(demo_s, 40_000.0, 45_000.0)
    result = decide(scenario, money_of(scenario))
    assert not any(" score 10 on" in n or "clamp at" in n for n in result.notes)
    assert result.winner == "two"


def test_a_zero_weight_criterion_at_the_anchor_says_nothing(demo_s: Scenario) -> None:
    scenario = _twins(demo_s, 80_000.0, 120_000.0)
    criteria = tuple(
        dataclasses.replace(c, weight=0.0) if c.id == "net_pay" else c for c in scenario.criteria
    )
    result = decide(scenario.replace(criteria=criteria), money_of(scenario))
    assert not any(" score 10 on" in n or "clamp at" in n for n in result.notes)


def test_net_pay_and_three_year_earnings_weighted_together_are_named(demo_s: Scenario) -> None:
    result = decide_demo(demo_s)
    twice = [n for n in result.notes if "counts twice" in n]
    # Net pay weighs 3 and 3-year earnings 2 of a total of 20.
    assert twice == [
        "'Net take-home pay' and '3-year expected earnings' both measure the pay you take home, "
        "so that money counts twice: together they carry 25% of the weight"
    ]
    criteria = tuple(
        dataclasses.replace(c, weight=0.0) if c.id == "earnings_3y" else c for c in demo_s.criteria
    )
    alone = decide_demo(demo_s.replace(criteria=criteria))
    assert not any("counts twice" in n for n in alone.notes)
