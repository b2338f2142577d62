"""The trajectory in the report: the JSON keys, the plain-words text, the no-credit case."""

from __future__ import annotations

import json

from offer_eval.core.evaluate import Evaluator
from offer_eval.core.trajectory import (
    TrajectoryEvaluator,
)
from offer_eval.persistence.examples import demo_scenario
from offer_eval.present.report import render_text, report_dict
from tests.unit.core._trajectory_support import LONDON, ML, with_simulation

# --- the report -----------------------------------------------------------------------------------

BAND_KEYS = {"months", "p10", "p50", "p90", "cumulative_p10", "cumulative_p50", "cumulative_p90"}
OFFER_KEYS = {
    "accept_and_stay",
    "accept_and_search",
    "expected_months_to_better_offer",
    "p_better_within_6",
    "p_better_within_12",
    "break_even_month",
    "present_value",
}


def test_report_json_has_the_design_keys() -> None:
    scenario = with_simulation(demo_scenario(), paths=2_000)
    body = json.loads(json.dumps(report_dict(Evaluator().evaluate(scenario))))["trajectory"]
    assert {"reservation_salary", "decline_and_search", "offers"} <= set(body)
    assert list(body)[:3] == ["reservation_salary", "decline_and_search", "offers"]
    assert set(body["decline_and_search"]) >= BAND_KEYS
    assert set(body["offers"]) == {ML, LONDON}
    for item in body["offers"].values():
        assert set(item) >= OFFER_KEYS
        assert list(item)[:7] == [
            "accept_and_stay",
            "accept_and_search",
            "expected_months_to_better_offer",
            "p_better_within_6",
            "p_better_within_12",
            "break_even_month",
            "present_value",
        ]
        for band in ("accept_and_stay", "accept_and_search"):
            assert set(item[band]) >= BAND_KEYS
            assert item[band]["months"] == list(range(1, 61))
            assert all(round(v, 2) == v for v in item[band]["cumulative_p50"])
        assert 0 <= item["p_better_within_6"] <= item["p_better_within_12"] <= 1
        assert isinstance(item["break_even_month"], int | None)
    assert isinstance(body["reservation_salary"], float)


def test_text_report_explains_the_plans_in_plain_words() -> None:
    text = render_text(Evaluator().evaluate(with_simulation(demo_scenario(), paths=2_000)))
    section = text[text.index("What happens next") :]
    for phrase in (
        "Accept and stay",
        "Accept and keep searching",
        "Decline and keep searching",
        "Break-even: from month",
        "Lowest offer worth taking",
        "If employers gave no credit for the new job",
        "Assumptions:",
    ):
        assert phrase in section, phrase
    for line in section.splitlines():
        # Jargon only with a plain gloss on the same line.
        if "McCall" in line or "reservation wage" in line or "reservation salary" in line:
            assert "lowest offer" in line, line
        assert "CRRA" not in line


def test_no_credit_case_uses_the_novice_rate_throughout() -> None:
    from offer_eval.core.trajectory import no_credit_scenario

    scenario = demo_scenario()
    variant = no_credit_scenario(scenario)
    assert variant is not None
    assert variant.search.experience_threshold_months > scenario.simulation.months
    assert no_credit_scenario(variant) is None
    slow = TrajectoryEvaluator().evaluate(with_simulation(variant, paths=2_000)).offer(ML)
    fast = TrajectoryEvaluator().evaluate(with_simulation(scenario, paths=2_000)).offer(ML)
    assert slow.expected_months_to_better_offer > fast.expected_months_to_better_offer


def test_a_scenario_without_a_market_reports_why_and_keeps_the_money() -> None:
    import dataclasses

    scenario = demo_scenario()
    scenario = scenario.replace(
        search=dataclasses.replace(scenario.search, benchmark_id=None), target_benchmark_id=None
    )
    evaluation = Evaluator().evaluate(scenario)
    report = report_dict(evaluation)
    assert report["trajectory"] is None
    assert "choose a benchmark for new offers" in report["trajectory_unavailable"]
    assert report["offers"][0]["net_take_home"] > 0
    assert "choose a benchmark for new offers" in render_text(evaluation)
    assert report_dict(Evaluator().evaluate(demo_scenario()))["trajectory_unavailable"] is None


def test_report_json_has_the_market_no_credit_tail_and_lowest_salary_keys() -> None:
    scenario = with_simulation(demo_scenario(), paths=2_000)
    report = report_dict(Evaluator().evaluate(scenario))
    trajectory = report["trajectory"]
    assert trajectory["market"] == {"benchmark_id": "ml-uk-excl-london-story", "median": 55_000.0}
    assert trajectory["years_after_horizon"] == 0
    decline = trajectory["decline_and_search"]
    assert decline["present_value_with_tail"] == decline["present_value"]  # no tail here
    for offer_id in (ML, LONDON):
        item = trajectory["offers"][offer_id]
        assert item["present_value_with_tail"] == item["present_value"]
        assert len(item["p_ahead"]) == 60 and all(0 <= v <= 1 for v in item["p_ahead"])
        lowest = item["lowest_salary_worth_taking"]
        assert isinstance(lowest, float) and 0 < lowest < 45_000
        no_credit = trajectory["no_credit"][offer_id]
        assert set(no_credit) == {
            "break_even_month",
            "expected_months_to_better_offer",
            "present_value",
        }
    # Holding callbacks and pay at a novice's costs the ML offer value and its break-even.
    assert trajectory["no_credit"][ML]["present_value"] < trajectory["offers"][ML]["present_value"]
    text = render_text(Evaluator().evaluate(scenario))
    assert "Lowest offer worth taking while you have a job" in text
    assert "of 10 futures by month 36" in text
