"""Tie salaries: the base salary at which an offer ties the best other, checked by round trips."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import pytest

from offer_eval.core.decision import (
    DecisionResult,
    decide,
)
from offer_eval.core.models import Scenario
from offer_eval.persistence.examples import demo_scenario
from offer_eval.present.decision_report import decision_json, decision_text
from tests.unit.core._decision_support import (
    decide_demo,
    demo_earnings,
    money_led,
    money_of,
    with_base,
)


@pytest.fixture(scope="module")
def demo_s() -> Scenario:
    return demo_scenario()


@pytest.fixture(scope="module")
def demo_result(demo_s: Scenario) -> DecisionResult:
    return decide_demo(demo_s)


# --- tie salary ------------------------------------------------------------------------------------


def assert_round_trip(
    scenario: Scenario, result: DecisionResult, earnings: Mapping[str, float] | None
) -> int:
    checked = 0
    assert result.tie_salaries is not None
    for oid, tie in result.tie_salaries.items():
        if tie.base_salary is None:
            continue
        moved = with_base(scenario, oid, round(tie.base_salary, 2))
        again = decide(moved, money_of(moved), earnings, tie_salaries=False)
        assert abs(again.scores[oid] - again.scores[tie.against]) <= 0.01, (oid, tie)
        checked += 1
    return checked


def test_demo_says_no_salary_is_enough_and_the_winner_leads_at_any_salary(
    demo_result: DecisionResult,
) -> None:
    ties = demo_result.tie_salaries
    assert ties is not None
    assert ties["london-ds"].base_salary is None
    assert ties["london-ds"].reason == "no salary is enough: the non-money criteria decide"
    assert ties["ml-engineer"].base_salary is None
    assert ties["ml-engineer"].kind == "lose_lead"
    assert decision_json(demo_result)["tie_salary"] == {"ml-engineer": None, "london-ds": None}


def test_tie_salary_round_trips_with_trajectory_earnings_held(demo_s: Scenario) -> None:
    scenario = money_led(demo_s)
    earnings = demo_earnings(scenario)
    result = decide(scenario, money_of(scenario), earnings)
    ties = result.tie_salaries
    assert ties is not None
    leader = result.leader
    assert leader is not None
    assert all(t.base_salary is not None for t in ties.values()), ties
    assert assert_round_trip(scenario, result, earnings) == 2
    # The trailing offer needs more; the leader could go lower before losing the lead.
    for oid, tie in ties.items():
        assert tie.base_salary is not None
        if oid == leader:
            assert tie.kind == "lose_lead" and tie.base_salary < tie.current_base_salary
        else:
            assert tie.kind == "tie_leader" and tie.base_salary > tie.current_base_salary
            assert tie.against == leader


def test_tie_salary_round_trips_with_the_estimate(demo_s: Scenario) -> None:
    scenario = money_led(demo_s)
    result = decide(scenario, money_of(scenario), None)
    assert assert_round_trip(scenario, result, None) == 2


def test_tie_salary_round_trips_with_three_offers(demo_s: Scenario) -> None:
    scenario = money_led(demo_s)
    third = dataclasses.replace(scenario.offer("ml-engineer"), id="third", base_salary=38_000.0)
    scenario = scenario.replace(offers=(*scenario.offers, third))
    earnings = {**demo_earnings(demo_s), "third": 90_000.0}
    result = decide(scenario, money_of(scenario), earnings)
    assert assert_round_trip(scenario, result, earnings) == 3


def test_tie_salary_is_skipped_at_interactive_resolution(demo_s: Scenario) -> None:
    result = decide_demo(demo_s, tie_salaries=False)
    assert result.tie_salaries is None
    assert decision_json(result)["tie_salary"] is None


def test_one_offer_has_no_one_to_tie(demo_s: Scenario) -> None:
    single = demo_s.replace(offers=demo_s.offers[:1])
    result = decide_demo(single)
    assert result.winner == "ml-engineer"
    assert result.probability_best == {"ml-engineer": 1.0}
    assert result.weight_stability["team"] == (0.0, 1.0)
    assert result.tie_salaries is not None
    assert result.tie_salaries["ml-engineer"].base_salary is None
    assert "Only one offer" in result.explanation
    text = "\n".join(decision_text(result, single))
    assert "keeps" not in text and "What it would take" not in text
