"""The marginal-rate picture of a position: its curve, zones and the sacrifice what-if, checked
against figures worked out by hand from the published 2026/27 rates."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from offer_eval.core import marginal
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.marginal import (
    kept_at,
    position_marginal_curve,
    recurring_gross,
    sacrifice_what_if,
)
from offer_eval.core.models import Position, TaxSettings
from offer_eval.core.position import Equity, NegotiationStep

RUK = TaxSettings(year="2026/27", region="rUK")
SALARY = Position(id="p", base_salary=110_000.0)


def test_between_100k_and_125140_a_thousand_more_keeps_380() -> None:
    # 40% tax + 20% more from the lost allowance (£500 of it) + 2% NI above the upper limit.
    curve = position_marginal_curve(SALARY, RUK)
    kept = dict(zip(curve.gross, curve.kept, strict=True))
    assert kept[110_000.0] == 380.0
    assert kept[101_000.0] == 380.0
    assert kept[124_000.0] == 380.0
    assert kept[130_000.0] == 1_000.0 - 450.0 - 20.0  # 45% band, allowance gone
    assert kept[40_000.0] == 1_000.0 - 200.0 - 80.0  # basic rate, 8% NI
    assert len(curve.gross) == 200 and curve.gross[0] == 0.0 and curve.gross[-1] == 199_000.0
    assert kept_at(SALARY, RUK, 110_000.0) == 380.0


def test_zones_sit_where_the_rules_bite_in_the_positions_own_gross() -> None:
    tax = dataclasses.replace(RUK, student_loans=("plan2",))
    curve = position_marginal_curve(SALARY, tax, children=2)
    zones = {zone.kind: zone for zone in curve.zones}
    assert (zones["taper"].start, zones["taper"].end) == (100_000.0, 125_140.0)
    charge = zones["child_benefit_charge"]
    assert (charge.start, charge.end) == (60_000.0, 80_000.0)
    assert zones["student_loan"].name == "plan2" and zones["student_loan"].start == 29_385.0
    assert zones["student_loan"].end is None
    # 10% sacrificed: adjusted net income is 90% of gross, so every zone moves out by 1/0.9.
    sacrificing = dataclasses.replace(
        SALARY, employee_pension_pct=10.0, pension_method="salary_sacrifice"
    )
    moved = {zone.kind: zone for zone in position_marginal_curve(sacrificing, tax).zones}
    assert moved["taper"].start == pytest.approx(100_000.0 / 0.9, abs=0.01)
    assert moved["student_loan"].start == pytest.approx(29_385.0 / 0.9, abs=0.01)
    assert "child_benefit_charge" not in moved  # no children: no charge zone


def test_the_curve_is_the_same_whatever_the_salary_and_knows_benefits_in_kind() -> None:
    other = dataclasses.replace(SALARY, base_salary=50_000.0)
    assert position_marginal_curve(other, RUK) is position_marginal_curve(SALARY, RUK)
    with_car = dataclasses.replace(SALARY, bik_private_medical=10_000.0)
    zones = {z.kind: z for z in position_marginal_curve(with_car, RUK).zones}
    assert zones["taper"].start == 90_000.0  # £10,000 of benefits count towards the £100,000


def test_a_contract_has_its_own_curve_and_no_salary_zones() -> None:
    contract = Position(
        id="c",
        base_salary=0.0,
        pay_type="day_rate",
        day_rate=500.0,
        engagement="inside_ir35_umbrella",
    )
    curve = position_marginal_curve(contract, RUK)
    salary = position_marginal_curve(SALARY, RUK)
    assert curve.zones == ()
    assert curve.kept != salary.kept
    # an umbrella pays employer NI (15%) and the 0.5% levy out of the billing first
    assert dict(zip(curve.gross, curve.kept, strict=True))[60_000.0] < 580.0
    assert recurring_gross(contract) == 500.0 * 220.0


def test_sacrifice_to_keep_the_allowance_gives_up_380_per_thousand() -> None:
    what_if = sacrifice_what_if(SALARY, RUK)
    assert what_if is not None
    assert what_if.sacrificed == 10_000.0
    assert what_if.net_given_up == pytest.approx(3_800.0, abs=0.01)
    assert what_if.pension_after - what_if.pension_before == 10_000.0
    assert sacrifice_what_if(dataclasses.replace(SALARY, base_salary=95_000.0), RUK) is None
    # with 5% already sacrificed, £110,000 is £104,500 of adjusted net income: £4,500 more
    sacrificing = dataclasses.replace(
        SALARY, employee_pension_pct=5.0, pension_method="salary_sacrifice"
    )
    what_if = sacrifice_what_if(sacrificing, RUK)
    assert what_if is not None and what_if.sacrificed == 4_500.0
    assert what_if.pension_before == 5_500.0 and what_if.pension_after == 10_000.0


# --- what the curve is remembered on -------------------------------------------------------

# A different value for every field the curve is not keyed on (each valid on its own).
OTHER_VALUES: dict[str, Any] = {
    "base_salary": 77_000.0,
    "day_rate": 640.0,
    "sign_on": 5_000.0,
    "id": "other",
    "name": "Renamed",
    "employer": "Acme",
    "title": "Lead",
    "region": "london",
    "benchmark_id": "some-benchmark",
    "target_field": True,
    "ratings": FrozenMap({"pay": 4.0}),
    "rating_uncertainty": FrozenMap({"pay": 1.5}),
    "negotiation": (NegotiationStep(stage="countered", base_salary=90_000.0),),
    "notes": "notes",
    "commute_days_per_week": 3.0,
    "commute_cost_per_day": 12.5,
    "commute_minutes_per_day": 40.0,
    "living_cost_difference_per_month": 200.0,
    "relocation_cost": 3_000.0,
    "hours_per_week": 40.0,
    "holiday_days": 30.0,
    "annual_raise_pct": 4.0,
    "bonus_target_pct": 15.0,
    "bonus_payout_pct": 80.0,
    "ends_after_months": 12,
    "equity": Equity(grant_value=40_000.0),
    "employer_pension_pct": 9.0,
    "pension_match_ratio": 1.5,
    "pension_match_floor_pct": 3.0,
    "pension_match_cap_pct": 8.0,
    "benefits_value": 2_000.0,
}
SACRIFICING_WITH_A_CAR = dataclasses.replace(
    SALARY,
    employee_pension_pct=5.0,
    pension_method="salary_sacrifice",
    bik_private_medical=1_100.0,
    bik_car_list_price=42_000.0,
    bik_car_co2_g_km=0,
)
OUTSIDE_IR35 = Position(
    id="c",
    base_salary=0.0,
    pay_type="day_rate",
    day_rate=520.0,
    engagement="outside_ir35_ltd",
    accountancy_cost=1_500.0,
)
LOANS = dataclasses.replace(RUK, student_loans=("plan2",))


def _fresh(position: Position) -> tuple[object, ...]:
    """The curve of `position` worked out anew (nothing remembered), as comparable values."""
    marginal._curve.cache_clear()
    curve = position_marginal_curve(position, LOANS, children=2)
    return curve.kept, curve.zones


def test_every_field_left_out_of_the_curves_key_is_one_take_home_does_not_read() -> None:
    assert set(OTHER_VALUES) == marginal.NOT_READ_BY_THE_CURVE
    for position in (SACRIFICING_WITH_A_CAR, OUTSIDE_IR35):
        drawn = _fresh(position)
        for name, value in OTHER_VALUES.items():
            other = dataclasses.replace(position, **{name: value})
            assert _fresh(other) == drawn, name


def test_the_curve_is_remembered_across_pay_names_and_ratings_but_not_rules() -> None:
    first = position_marginal_curve(SACRIFICING_WITH_A_CAR, RUK)
    renamed = dataclasses.replace(
        SACRIFICING_WITH_A_CAR, base_salary=64_000.0, name="New name", ratings=FrozenMap({"a": 2.0})
    )
    assert position_marginal_curve(renamed, RUK) is first
    # A field take-home reads gives another curve, with other figures.
    changes: tuple[tuple[str, Any], ...] = (
        ("employee_pension_pct", 8.0),
        ("pension_method", "net_pay"),
        ("bik_private_medical", 9_000.0),
        ("tax_region", "scotland"),
    )
    for name, value in changes:
        changed = position_marginal_curve(
            dataclasses.replace(SACRIFICING_WITH_A_CAR, **{name: value}), RUK
        )
        assert changed is not first and changed.kept != first.kept, name
    contract = position_marginal_curve(OUTSIDE_IR35, RUK)
    contract_changes: tuple[tuple[str, Any], ...] = (
        ("engagement", "inside_ir35_umbrella"),
        ("accountancy_cost", 6_000.0),
    )
    for name, value in contract_changes:
        changed = position_marginal_curve(dataclasses.replace(OUTSIDE_IR35, **{name: value}), RUK)
        assert changed.kept != contract.kept, name
