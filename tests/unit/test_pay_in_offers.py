"""Contracts, the household's children and a company car reach every offer's take-home."""

from __future__ import annotations

import dataclasses

import pytest

from offer_eval.core.compensation import PositionMoney
from offer_eval.core.contracts import contract_take_home
from offer_eval.core.evaluate import Evaluator
from offer_eval.core.models import Household, Scenario
from offer_eval.core.position import Engagement
from offer_eval.persistence.examples import demo_scenario


def _money(scenario: Scenario, position_id: str) -> PositionMoney:
    return Evaluator().evaluate(scenario, parts="money").money(position_id)


def test_children_bring_the_charge_into_take_home() -> None:
    scenario = demo_scenario()
    offer = scenario.offers[1]
    assert offer.base_salary > 60_000
    plain = _money(scenario, offer.id)
    parents = dataclasses.replace(scenario, household=Household(children=2))
    charged = _money(parents, offer.id)
    assert charged.take_home.child_benefit_charge > 0
    assert charged.net_take_home == pytest.approx(
        plain.net_take_home - charged.take_home.child_benefit_charge
    )
    stopped = dataclasses.replace(
        scenario, household=Household(children=2, claims_child_benefit=False)
    )
    assert _money(stopped, offer.id).net_take_home == plain.net_take_home


def test_a_contract_offer_is_paid_through_its_engagement() -> None:
    scenario = demo_scenario()
    offer = dataclasses.replace(
        scenario.offers[0],
        pay_type="day_rate",
        day_rate=450.0,
        days_per_year=220.0,
        utilisation_pct=90.0,
        engagement="inside_ir35_umbrella",
        umbrella_margin=1_100.0,
        bonus_target_pct=0.0,
        sign_on=0.0,
        employee_pension_pct=0.0,
    )
    scenario = dataclasses.replace(scenario, offers=(offer, *scenario.offers[1:]))
    money = _money(scenario, offer.id)
    assert money.base_salary == pytest.approx(450 * 198)
    expected = contract_take_home(
        450,
        engagement="inside_ir35_umbrella",
        days_per_year=220,
        utilisation_pct=90,
        tax_year=scenario.tax.year,
        student_loans=scenario.tax.student_loans,
        umbrella_margin=1_100,
    )
    assert money.net_take_home == pytest.approx(expected.net)
    assert money.take_home.gross == pytest.approx(450 * 198)


def test_a_company_car_is_taxed_as_a_benefit() -> None:
    scenario = demo_scenario()
    offer = dataclasses.replace(scenario.offers[0], bik_car_list_price=40_000.0, bik_car_co2_g_km=0)
    scenario_with_car = dataclasses.replace(scenario, offers=(offer, *scenario.offers[1:]))
    money = _money(scenario_with_car, offer.id)
    plain = _money(scenario, offer.id)
    # 2026/27: an electric car's benefit is 4% of its list price, £1,600 taxed, not cash; the
    # offer is a basic-rate taxpayer, so £320 more income tax.
    assert scenario.tax.year == "2026/27"
    assert money.take_home.income_tax == pytest.approx(plain.take_home.income_tax + 320)
    assert money.net_take_home == pytest.approx(plain.net_take_home - 320)


def test_half_the_employer_ni_saved_by_salary_sacrifice_goes_into_the_pension() -> None:
    scenario = demo_scenario()
    offer = scenario.offers[1]
    assert (offer.base_salary, offer.pension_method, offer.employee_pension_pct) == (
        62_000,
        "salary_sacrifice",
        5,
    )
    sharing = dataclasses.replace(offer, sacrifice_ni_passed_on_pct=50.0)
    scenario_sharing = dataclasses.replace(scenario, offers=(scenario.offers[0], sharing))
    # £3,100 sacrificed, all above the £5,000 threshold: 15% is £465 saved, half of it £232.50.
    before = _money(scenario, offer.id).year1.employer_pension
    after = _money(scenario_sharing, offer.id).year1.employer_pension
    assert after - before == pytest.approx(232.50)


@pytest.mark.parametrize(
    ("engagement", "employer_pays"),
    [("inside_ir35_umbrella", False), ("outside_ir35_ltd", False), ("employed_contract", True)],
)
def test_only_an_employed_contract_has_an_employer_pension(
    engagement: Engagement, employer_pays: bool
) -> None:
    # An offer turned into a contract keeps the 5% employer pension it had as a job; through an
    # umbrella or a company nobody pays it (the report's note says so), so it must not count.
    scenario = demo_scenario()
    offer = dataclasses.replace(
        scenario.offers[1],
        pay_type="day_rate",
        day_rate=400.0,
        engagement=engagement,
        employer_pension_pct=5.0,
    )
    year1 = _money(scenario.with_position(offer), offer.id).year1
    expected = 0.05 * 400.0 * 220.0 if employer_pays else 0.0
    assert year1.employer_pension == pytest.approx(expected)
