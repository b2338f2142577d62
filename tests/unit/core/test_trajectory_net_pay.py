"""The trajectory's net pay knows every UK rule the offers' take-home knows: contracts, benefits
in kind, salary sacrifice and the household's Child Benefit charge."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from offer_eval.core.assumptions import Household
from offer_eval.core.contracts import contract_take_home
from offer_eval.core.models import Position, TaxSettings
from offer_eval.core.pay import company_car_benefit
from offer_eval.core.tax import take_home
from offer_eval.core.trajectory import (
    TrajectoryEvaluator,
    build_model,
    found_job_net_curve,
    starting_job_net,
    strategy_spec,
)
from offer_eval.persistence.examples import demo_scenario

TAX = TaxSettings(year="2026/27", region="rUK", student_loans=("plan2",))


def _spec(position: Position, children: int = 0) -> tuple[float, ...]:
    model = build_model(demo_scenario().search, TAX, 36, children)
    spec = strategy_spec(
        position,
        TAX,
        model,
        market_median=55_000.0,
        reservation=np.zeros(model.levels),
        searches_while_employed=False,
        include_sign_on=False,
        children=children,
    )
    return spec.net_by_year


def test_a_contract_starting_job_is_paid_its_engagement_take_home() -> None:
    contract = Position(
        id="c",
        base_salary=0.0,
        pay_type="day_rate",
        day_rate=550.0,
        days_per_year=220.0,
        utilisation_pct=90.0,
        engagement="outside_ir35_ltd",
        accountancy_cost=1_800.0,
        annual_raise_pct=0.0,
    )
    expected = contract_take_home(
        550.0,
        engagement="outside_ir35_ltd",
        days_per_year=220.0,
        utilisation_pct=90.0,
        tax_year="2026/27",
        student_loans=("plan2",),
        accountancy_cost=1_800.0,
    ).net
    model = build_model(demo_scenario().search, TAX, 36)
    spec = strategy_spec(
        contract,
        TAX,
        model,
        market_median=55_000.0,
        reservation=np.zeros(model.levels),
        searches_while_employed=False,
        include_sign_on=False,
    )
    assert spec.base == pytest.approx(550.0 * 220.0 * 0.9)
    assert spec.net_by_year == pytest.approx((expected,) * 3, abs=0.01)
    # a contract is not taxed as a salary of the same amount
    as_salary = take_home(550.0 * 198.0, tax_year="2026/27", student_loans=("plan2",)).net
    assert abs(expected - as_salary) > 1_000.0


def test_benefits_in_kind_children_and_sacrifice_reach_the_starting_job() -> None:
    position = Position(
        id="p",
        base_salary=70_000.0,
        annual_raise_pct=3.0,
        employee_pension_pct=5.0,
        pension_method="salary_sacrifice",
        bik_private_medical=1_200.0,
        bik_car_list_price=40_000.0,
        bik_car_co2_g_km=0,
    )
    car = company_car_benefit(40_000.0, 0, tax_year="2026/27")
    for year in (1, 2, 3):
        salary = 70_000.0 * 1.03 ** (year - 1)
        expected = take_home(
            salary,
            tax_year="2026/27",
            student_loans=("plan2",),
            pension_pct=5.0,
            pension_method="salary_sacrifice",
            benefits_in_kind=1_200.0 + car,
            children=2,
        )
        assert expected.child_benefit_charge > 0  # in the charge zone: the test can tell
        assert _spec(position, children=2)[year - 1] == pytest.approx(expected.net, abs=0.01)
    assert _spec(position, children=2)[0] < _spec(position, children=0)[0] - 500.0
    plain = dataclasses.replace(position, bik_private_medical=0.0, bik_car_list_price=0.0)
    assert _spec(position)[0] < _spec(plain)[0]


def test_sign_on_lump_is_taxed_with_the_household_charge() -> None:
    position = Position(id="p", base_salary=58_000.0, sign_on=10_000.0)
    nets, lump = starting_job_net(position, TAX, 3, 3)
    with_sign_on = take_home(68_000.0, tax_year="2026/27", student_loans=("plan2",), children=3)
    without = take_home(58_000.0, tax_year="2026/27", student_loans=("plan2",), children=3)
    assert nets[0] == pytest.approx(without.net, abs=0.01)
    assert lump == pytest.approx(with_sign_on.net - without.net, abs=0.01)
    assert with_sign_on.child_benefit_charge > 0 == without.child_benefit_charge


def test_found_jobs_pay_the_child_benefit_charge() -> None:
    curve = found_job_net_curve(TAX, 5.0, 2)
    for gross in (40_000.0, 65_000.0, 72_000.0, 90_000.0):
        exact = take_home(
            gross,
            tax_year="2026/27",
            student_loans=("plan2",),
            pension_pct=5.0,
            pension_method="net_pay",
            children=2,
        )
        assert curve.annual(gross) == pytest.approx(exact.net, abs=60.0)
    no_children = found_job_net_curve(TAX, 5.0, 0)
    assert no_children.annual(40_000.0) == pytest.approx(curve.annual(40_000.0), abs=0.01)
    charge = take_home(90_000.0, tax_year="2026/27", children=2).child_benefit_charge
    assert no_children.annual(90_000.0) - curve.annual(90_000.0) == pytest.approx(charge, abs=60.0)


def test_the_household_changes_the_trajectory_and_is_part_of_its_cache_key() -> None:
    base = demo_scenario()
    current = dataclasses.replace(base.current, base_salary=70_000.0)
    without = dataclasses.replace(base, current=current, household=Household(children=0))
    with_children = dataclasses.replace(without, household=Household(children=3))
    stopped = dataclasses.replace(
        without, household=Household(children=3, claims_child_benefit=False)
    )
    evaluator = TrajectoryEvaluator()
    a = evaluator.evaluate(without, resolution="interactive")
    b = evaluator.evaluate(with_children, resolution="interactive")
    c = evaluator.evaluate(stopped, resolution="interactive")
    decline_a = a.decline_and_search.cumulative_mean[-1]
    decline_b = b.decline_and_search.cumulative_mean[-1]
    assert decline_b < decline_a - 1_000.0
    assert c.decline_and_search.cumulative_mean[-1] == decline_a


def test_the_float64_lookup_gives_the_float32_figures() -> None:
    """The simulation reads found jobs' net pay as float64 (`wide`): the same figures as the
    float32 table, at grid points, between them, at zero and past the table's top."""
    curve = found_job_net_curve(TAX, 5.0, 1)
    rng = np.random.default_rng(7)
    gross = np.concatenate(
        [
            rng.uniform(0.0, 200_000.0, 2_000),
            np.arange(0.0, 160_000.0, 25.0),
            [0.0, 999_999.0, 1_000_000.0, 1_000_025.0, 3_000_000.0],
        ]
    ).astype(np.float32)
    wide = curve.wide()(gross)
    assert wide.dtype == np.float64
    assert np.array_equal(wide, curve(gross).astype(np.float64))
    # Each figure is the table's entry at the grid point at or below the salary.
    assert wide[-1] == wide[-2] == float(curve.monthly[-1])
