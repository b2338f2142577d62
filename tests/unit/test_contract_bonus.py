"""A contract through an umbrella or the user's own company has no bonus: the day rate is the pay.

An offer turned into a contract (in the file, or a workbook row) keeps the bonus % it had as a job;
through an umbrella or a limited company nobody pays one, so it must not add to the billing, the
take-home or the trajectory's pay, and the note beside the contract says it was left out. An
employed (fixed-term) contract has an employer and keeps its bonus.
"""

from __future__ import annotations

import dataclasses

import pytest

from offer_eval.core.compensation import PositionMoney, year_pay
from offer_eval.core.contracts import contract_take_home
from offer_eval.core.evaluate import Evaluator
from offer_eval.core.models import Scenario
from offer_eval.core.position import Engagement, Position
from offer_eval.persistence.examples import demo_scenario


def _contract(engagement: Engagement, bonus_pct: float) -> tuple[Scenario, Position]:
    scenario = demo_scenario()
    offer = dataclasses.replace(
        scenario.offer("london-ds"),  # a salaried offer with an 8% bonus target
        pay_type="day_rate",
        day_rate=400.0,
        days_per_year=220.0,
        utilisation_pct=100.0,
        base_salary=0.0,
        engagement=engagement,
        bonus_target_pct=bonus_pct,
        bonus_payout_pct=100.0,
        sign_on=0.0,
        employee_pension_pct=0.0,
    )
    return scenario.with_position(offer), offer


def _money(scenario: Scenario, position_id: str) -> PositionMoney:
    return Evaluator().evaluate(scenario, parts="money").money(position_id)


@pytest.mark.parametrize("engagement", ["inside_ir35_umbrella", "outside_ir35_ltd"])
def test_a_contractors_bonus_percent_is_not_counted(engagement: Engagement) -> None:
    scenario, offer = _contract(engagement, 8.0)
    assert year_pay(offer, 1) == (400.0 * 220, 0.0)  # £88,000 billed, no bonus on top
    money = _money(scenario, offer.id)
    assert money.year1.bonus == 0.0
    assert money.take_home.gross == pytest.approx(88_000.0)
    expected = contract_take_home(
        400.0,
        engagement=engagement,
        days_per_year=220.0,
        utilisation_pct=100.0,
        tax_year=scenario.tax.year,
        student_loans=scenario.tax.student_loans,
        umbrella_margin=offer.umbrella_margin,
        accountancy_cost=offer.accountancy_cost,
    )
    assert money.net_take_home == pytest.approx(expected.net)
    # The same as the contract with no bonus at all, and the note says why.
    plain = _money(*_contract(engagement, 0.0)[:1], offer.id)
    assert money.net_take_home == plain.net_take_home
    assert "bonus of 8% is not counted" in (money.take_home.note or "")
    assert "bonus" not in (plain.take_home.note or "")


def test_an_employed_contract_keeps_its_bonus() -> None:
    scenario, offer = _contract("employed_contract", 8.0)
    assert year_pay(offer, 1) == pytest.approx((88_000.0, 7_040.0))  # 8% of £88,000
    money = _money(scenario, offer.id)
    assert money.year1.bonus == pytest.approx(7_040.0)
    assert money.take_home.gross == pytest.approx(95_040.0)
    assert "bonus" not in (money.take_home.note or "")
