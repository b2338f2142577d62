"""Exact tie salaries: the forecast re-simulated at every salary tried, checked by re-running
`evaluate` at the reported salary and £200 either side."""

from __future__ import annotations

import dataclasses

import pytest

from offer_eval.core.evaluate import Evaluation, Evaluator
from offer_eval.core.models import Scenario
from offer_eval.persistence.examples import demo_scenario
from offer_eval.present.decision_report import decision_json
from tests.unit.core._decision_support import money_led, with_base


@pytest.fixture(scope="module")
def evaluator() -> Evaluator:
    return Evaluator()


@pytest.fixture(scope="module")
def led() -> Scenario:
    return money_led(demo_scenario())


@pytest.fixture(scope="module")
def searched(evaluator: Evaluator, led: Scenario) -> Evaluation:
    return evaluator.with_tie_salaries(evaluator.evaluate(led))


def _gap(evaluator: Evaluator, scenario: Scenario, oid: str, against: str, base: float) -> float:
    """Score of `oid` less that of `against`, with `oid` at `base`, by a fresh `evaluate`."""
    decision = evaluator.evaluate(with_base(scenario, oid, base)).decision
    assert decision is not None
    return decision.scores[oid] - decision.scores[against]


def test_evaluate_leaves_the_searches_out(evaluator: Evaluator, led: Scenario) -> None:
    evaluation = evaluator.evaluate(led)
    assert not evaluation.searched
    assert evaluation.decision is not None and evaluation.decision.tie_salaries is None


def test_each_tie_salary_ties_when_put_back_and_not_200_pounds_either_side(
    evaluator: Evaluator, led: Scenario, searched: Evaluation
) -> None:
    decision = searched.decision
    assert decision is not None and decision.tie_salaries is not None
    checked = 0
    for oid, tie in decision.tie_salaries.items():
        assert tie.simulated
        assert tie.base_salary is not None, tie
        at = round(tie.base_salary, -1)  # to £10
        assert abs(_gap(evaluator, led, oid, tie.against, at)) <= 0.01
        assert _gap(evaluator, led, oid, tie.against, at - 200.0) < -0.005
        assert _gap(evaluator, led, oid, tie.against, at + 200.0) > 0.005
        checked += 1
    assert checked == 2


def test_holding_the_forecast_fixed_would_give_another_salary(
    led: Scenario, searched: Evaluation
) -> None:
    """Re-simulating moves the answer: the held-fixed search of `decide` differs by pounds."""
    from offer_eval.core.decision import decide

    decision = searched.decision
    assert decision is not None and decision.tie_salaries is not None
    trajectory = searched.trajectory
    assert trajectory is not None
    earnings = {oid: t.expected_earnings_3y for oid, t in trajectory.offers.items()}
    held = decide(led, {m.position_id: m for m in searched.positions}, earnings)
    assert held.tie_salaries is not None
    trailing = next(oid for oid in decision.offer_ids if oid != decision.leader)
    exact = decision.tie_salaries[trailing].base_salary
    fixed = held.tie_salaries[trailing].base_salary
    assert exact is not None and fixed is not None
    assert abs(exact - fixed) > 20.0
    assert not held.tie_salaries[trailing].simulated


def test_the_report_carries_the_searched_tie_salaries(searched: Evaluation) -> None:
    decision = searched.decision
    assert decision is not None and decision.tie_salaries is not None
    out = decision_json(decision)["tie_salary"]
    assert set(out) == {"ml-engineer", "london-ds"}
    assert all(isinstance(v, float) for v in out.values())


def test_the_demo_needs_no_salary_search_to_say_so(evaluator: Evaluator) -> None:
    demo = demo_scenario()
    decision = evaluator.with_tie_salaries(evaluator.evaluate(demo)).decision
    assert decision is not None and decision.tie_salaries is not None
    assert decision.tie_salaries["london-ds"].base_salary is None
    assert decision.tie_salaries["ml-engineer"].kind == "lose_lead"


def test_reordering_offers_gives_the_same_tie_salaries(evaluator: Evaluator, led: Scenario) -> None:
    backward = led.replace(offers=tuple(reversed(led.offers)))
    one = evaluator.with_tie_salaries(evaluator.evaluate(led)).decision
    two = evaluator.with_tie_salaries(evaluator.evaluate(backward)).decision
    assert one is not None and two is not None
    assert one.tie_salaries is not None and two.tie_salaries is not None
    assert dict(one.tie_salaries) == dict(two.tie_salaries)
    assert dataclasses.asdict(one.tie_salaries["london-ds"])["simulated"]
