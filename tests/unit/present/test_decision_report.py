"""The decision in the report: the JSON contract keys and the text section."""

from __future__ import annotations

import dataclasses
import json

import pytest

from offer_eval.core.decision import (
    DecisionResult,
    TieSalary,
)
from offer_eval.core.models import Scenario
from offer_eval.persistence.examples import demo_scenario
from offer_eval.present.decision_report import (
    behind_at_any_pay_text,
    decision_json,
    decision_text,
    offer_decision_json,
)
from tests.unit.core._decision_support import (
    decide_demo,
)


@pytest.fixture(scope="module")
def demo_s() -> Scenario:
    return demo_scenario()


@pytest.fixture(scope="module")
def demo_result(demo_s: Scenario) -> DecisionResult:
    return decide_demo(demo_s)


def test_decision_json_has_the_contract_keys(demo_result: DecisionResult) -> None:
    body = decision_json(demo_result)
    assert {"winner", "probability_best", "weight_stability", "tie_salary"} <= set(body)
    assert body["winner"] == "ml-engineer"
    assert set(body["probability_best"]) == {"ml-engineer", "london-ds"}
    assert set(body["weight_stability"]) == set(demo_result.criterion_ids)
    low, high = body["weight_stability"]["net_pay"]
    assert 0.0 == low < 0.15 < high < 1.0
    assert set(body["tie_salary"]) == {"ml-engineer", "london-ds"}
    assert body["explanation"] == demo_result.explanation
    assert body["money"]["net_pay"]["ml-engineer"]["anchor_low"] == 30_419.25
    json.dumps(body, allow_nan=False)
    assert offer_decision_json(demo_result, "ml-engineer") == {
        "score": round(demo_result.scores["ml-engineer"], 4),
        "rank": 1,
    }


def test_decision_text_shows_table_anchors_and_explanation(
    demo_result: DecisionResult, demo_s: Scenario
) -> None:
    lines = decision_text(demo_result, demo_s)
    text = "\n".join(lines)
    assert "Winner: ML Engineer (regional)" in text
    assert "Net take-home pay, ML Engineer (regional): £32,714" in text
    assert "0 at £30,419, 10 at £48,237" in text
    assert "no salary is enough" in text
    assert "Net take-home pay: 15% (0% to 27%)" in text
    assert demo_result.explanation in lines


def test_no_counter_offer_is_one_sentence_naming_who_stays_behind() -> None:
    salary = TieSalary("b", "tie_leader", "a", 50_000.0, None, "no salary is enough: ...")
    assert behind_at_any_pay_text("Offer B", "Offer A", salary) == (
        "Offer B stays behind Offer A at any salary: the non-money criteria decide"
    )
    rate = dataclasses.replace(salary, current_day_rate=400.0)
    assert behind_at_any_pay_text("Offer B", "Offer A", rate) == (
        "Offer B stays behind Offer A at any day rate: the non-money criteria decide"
    )
    assert behind_at_any_pay_text(None, "Offer A", None) == (
        "No counter-offer from the others changes the answer"
    )
