"""A contract's counter-offer is a day rate: its pay never reads the base salary, so the tie search
must move the day rate (a search over the base salary found nothing and the verdict said "£0")."""

from __future__ import annotations

import dataclasses

import pytest

from offer_eval.core.contracts import days_billed
from offer_eval.core.decision import decide
from offer_eval.core.evaluate import evaluate, evaluate_searches, with_tie_salaries
from offer_eval.core.models import Scenario
from offer_eval.persistence.examples import demo_scenario
from offer_eval.present.decision_report import decision_json, decision_text
from offer_eval.present.report import render_text, report_dict
from tests.unit.core._decision_support import demo_earnings, money_led, money_of

BILLED = 220.0  # the demo's 220 days a year at 100% utilisation


def contract_demo(day_rate: float) -> Scenario:
    """The money-led demo with the London offer turned into an outside-IR35 contract. Its base
    salary is 0, as a contract's usually is in the file: the day rate is its pay."""
    demo = money_led(demo_scenario())
    offer = dataclasses.replace(
        demo.offer("london-ds"),
        pay_type="day_rate",
        day_rate=day_rate,
        base_salary=0.0,
        engagement="outside_ir35_ltd",
        accountancy_cost=1_500.0,
    )
    return demo.with_position(offer)


def _at_rate(scenario: Scenario, rate: float) -> Scenario:
    return scenario.with_position(dataclasses.replace(scenario.offer("london-ds"), day_rate=rate))


def test_a_trailing_contract_ties_the_leader_at_a_day_rate() -> None:
    scenario = contract_demo(150.0)
    earnings = demo_earnings(scenario)
    result = decide(scenario, money_of(scenario), earnings)
    assert result.leader == "ml-engineer"
    assert result.tie_salaries is not None
    tie = result.tie_salaries["london-ds"]
    assert tie.is_day_rate and tie.kind == "tie_leader"
    assert tie.current_day_rate == 150.0
    assert tie.current_base_salary == pytest.approx(150.0 * BILLED)
    assert tie.day_rate is not None and tie.day_rate > 150.0
    assert tie.base_salary == pytest.approx(tie.day_rate * BILLED)
    assert tie.reason == "at this day rate it would tie"
    # Round trip: at the tie day rate (earnings held as in the search) the scores meet.
    moved = _at_rate(scenario, tie.day_rate)
    again = decide(moved, money_of(moved), earnings, tie_salaries=False)
    assert again.scores["london-ds"] == pytest.approx(again.scores["ml-engineer"], abs=0.01)
    # A salaried offer keeps its base-salary search and has no day rate.
    assert not result.tie_salaries["ml-engineer"].is_day_rate
    assert result.tie_salaries["ml-engineer"].day_rate is None


def test_a_leading_contract_falls_behind_below_a_day_rate_with_the_forecast_resimulated() -> None:
    scenario = contract_demo(300.0)
    evaluation = with_tie_salaries(evaluate(scenario))
    decision = evaluation.decision
    assert decision is not None and decision.leader == "london-ds"
    assert decision.tie_salaries is not None
    tie = decision.tie_salaries["london-ds"]
    assert tie.is_day_rate and tie.kind == "lose_lead" and tie.simulated
    assert tie.day_rate is not None and 0.0 < tie.day_rate < 300.0
    assert tie.reason == "below this day rate it falls behind"
    # Just above the tie rate it still leads, a little below it does not (the search is to £10 a
    # year of billing, under 5p a day; a pound a day either side is well clear of it).
    above = evaluate(_at_rate(scenario, tie.day_rate + 1.0)).decision
    below = evaluate(_at_rate(scenario, tie.day_rate - 1.0)).decision
    assert above is not None and above.leader == "london-ds"
    assert below is not None and below.leader == "ml-engineer"


def test_report_words_and_json_give_a_contract_tie_as_a_day_rate() -> None:
    scenario = contract_demo(150.0)
    result = decide(scenario, money_of(scenario), demo_earnings(scenario))
    assert result.tie_salaries is not None
    tie = result.tie_salaries["london-ds"]
    assert tie.day_rate is not None
    text = "\n".join(decision_text(result, scenario))
    line = next(x for x in text.splitlines() if "(now £150 a day)" in x)
    assert f"would tie ML Engineer (regional) at £{tie.day_rate:,.0f} a day." in line
    assert "now £0" not in text and "base salary or day rate" in text
    detail = decision_json(result)["tie_salary_detail"]["london-ds"]
    assert detail["current_day_rate"] == 150.0
    assert detail["day_rate"] == pytest.approx(tie.day_rate, abs=0.01)
    assert detail["base_salary"] == pytest.approx(tie.day_rate * BILLED, abs=0.01)
    # Salaried offers keep exactly the keys they had.
    assert "day_rate" not in decision_json(result)["tie_salary_detail"]["ml-engineer"]


def test_lowest_offer_worth_taking_for_a_contract_is_a_day_rate_in_text_and_json() -> None:
    scenario = contract_demo(300.0)
    evaluation = evaluate(scenario)
    lowest = evaluate_searches(scenario).lowest_salary["london-ds"]
    assert isinstance(lowest, float) and lowest > 0
    rate = lowest / days_billed(220.0, 100.0)
    text = render_text(evaluation)
    assert (
        f"Lowest offer worth taking while you have a job: £{rate:,.0f} a day "
        f"(£{lowest:,.0f} a year billed). At that day rate" in text
    )
    offers = report_dict(evaluation)["trajectory"]["offers"]
    assert offers["london-ds"]["lowest_day_rate_worth_taking"] == pytest.approx(rate, abs=0.01)
    assert offers["london-ds"]["lowest_salary_worth_taking"] == pytest.approx(lowest, abs=0.01)
    assert "lowest_day_rate_worth_taking" not in offers["ml-engineer"]
