"""The reservation salary without a job: solved on net pay, no hidden floor, continuous across
risk aversion 1, a sourced default income while searching."""

from __future__ import annotations

import dataclasses
import itertools
import math
import statistics

import numpy as np
import pytest

from offer_eval.core.benefits import (
    DEFAULT_INCOME_WHILE_SEARCHING,
    UNIVERSAL_CREDIT_FILE,
    universal_credit_annual,
)
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.models import SearchAssumptions
from offer_eval.core.resources import read_json_resource
from offer_eval.core.search import reservation_wage
from offer_eval.core.tax import take_home
from offer_eval.core.trajectory import build_model, reservation_salaries
from offer_eval.persistence.examples import demo_scenario

MARKET = 55_000.0


def _reservation(search: SearchAssumptions, level: int = 0) -> float:
    scenario = demo_scenario()
    model = build_model(search, scenario.tax, scenario.simulation.months)
    return float(reservation_salaries(model, MARKET)[level])


def _net(gross: float) -> float:
    """Annual take-home of a found job: the demo's tax settings, 5% into a net-pay pension."""
    tax = demo_scenario().tax
    return take_home(
        gross,
        tax_year=tax.year,
        region=tax.region,
        pension_pct=5.0,
        pension_method="net_pay",
        student_loans=tax.student_loans,
    ).net


def _value_iteration_net_reservation(search: SearchAssumptions) -> float:
    """w* (monthly net) by iterating the Bellman equations on net amounts, log utility.

    Written from the model's definition, not from the solver: U = u(c) + β(1 − p)U +
    βp Σ q max(U, V_i), V_i = u(w_i) + βV_i (no separation); w* solves u(w*) = (1 − β)U.
    """
    points = [statistics.NormalDist().inv_cdf((i + 0.5) / 101) for i in range(101)]
    gross = [MARKET * search.novice_discount * math.exp(search.offer_spread * z) for z in points]
    wages = np.array([_net(g) / 12.0 for g in gross])
    c = search.income_while_searching / 12.0
    beta = (1.0 + search.discount_rate_pct / 100.0) ** (-1.0 / 12.0)
    rate = search.callback_rate_novice * search.offers_per_callback
    p = 1.0 - (1.0 - rate) ** search.applications_per_month_unemployed
    v = np.log(wages) / (1.0 - beta)
    u = math.log(c) / (1.0 - beta)
    for _ in range(200_000):
        new_u = math.log(c) + beta * (1.0 - p) * u + beta * p * float(np.maximum(u, v).mean())
        if abs(new_u - u) < 1e-11:
            u = new_u
            break
        u = new_u
    else:
        raise AssertionError("value iteration did not converge")
    return math.exp((1.0 - beta) * u)


def test_reservation_salary_is_solved_on_net_pay_like_value_iteration() -> None:
    search = demo_scenario().search
    assert search.risk_aversion == 1.0 and search.layoff_rate_pct == 0.0
    expected_net = _value_iteration_net_reservation(search)
    gross = _reservation(search)
    # The solver's net offers come from the £25 net table (within about £25 a year of take_home).
    assert _net(gross) / 12.0 == pytest.approx(expected_net, rel=2e-3)


def test_solving_on_gross_would_give_a_different_answer() -> None:
    # The old model mixed gross offers with an after-tax income: the net answer must differ.
    search = demo_scenario().search
    points = [statistics.NormalDist().inv_cdf((i + 0.5) / 101) for i in range(101)]
    wages = [MARKET * 0.8 * math.exp(0.15 * z) / 12 for z in points]
    gross_mixed = 12 * reservation_wage(
        wages,
        [1 / 101] * 101,
        income_while_searching=search.income_while_searching / 12,
        discount=1.05 ** (-1 / 12),
        offer_probability=1 - (1 - 0.035 * 0.25) ** 20,
        risk_aversion=1.0,
    )
    assert abs(_reservation(search) - gross_mixed) > 100.0


def test_continuous_across_risk_aversion_one() -> None:
    search = demo_scenario().search
    values = [
        _reservation(dataclasses.replace(search, risk_aversion=float(g)))
        for g in np.linspace(0.9, 1.1, 21)
    ]
    steps = [abs(b - a) / a for a, b in itertools.pairwise(values)]
    assert max(steps) < 0.02, values


@pytest.mark.parametrize("income", [1.0, 5_098.8, 20_000.0, 60_000.0])
def test_never_below_the_income_while_searching(income: float) -> None:
    search = dataclasses.replace(demo_scenario().search, income_while_searching=income)
    gross = _reservation(search)
    assert gross >= income
    assert _net(gross) >= income - 30.0  # net table resolution


@pytest.mark.parametrize("income", [100.0, 5_098.8, 20_000.0])
def test_a_pound_more_income_moves_it_less_than_one_percent(income: float) -> None:
    search = dataclasses.replace(demo_scenario().search, income_while_searching=income)
    more = dataclasses.replace(search, income_while_searching=income + 1.0)
    assert _reservation(more) == pytest.approx(_reservation(search), rel=0.01)


def test_no_income_with_risk_aversion_one_or_more_is_bad_input_not_a_floor() -> None:
    for gamma in (1.0, 2.0):
        with pytest.raises(InvalidValueError) as error:
            SearchAssumptions(risk_aversion=gamma, income_while_searching=0.0)
        assert error.value.field == "income_while_searching"
        with pytest.raises(InvalidValueError):
            reservation_wage(
                [1.0, 2.0],
                [0.5, 0.5],
                income_while_searching=0.0,
                discount=0.99,
                risk_aversion=gamma,
            )
    # Below 1 an income of 0 is fine: u(0) is finite.
    assert SearchAssumptions(risk_aversion=0.5, income_while_searching=0.0)


def test_default_income_is_the_sourced_universal_credit_standard_allowance() -> None:
    data = read_json_resource(*UNIVERSAL_CREDIT_FILE)
    rows = data["standard_allowance_single_25_or_over_monthly"]
    latest = max(rows)
    assert pytest.approx(12 * rows[latest]["amount"], abs=0.005) == DEFAULT_INCOME_WHILE_SEARCHING
    assert rows["2025/26"]["amount"] == 400.14  # CPAG's published table
    assert SearchAssumptions().income_while_searching == DEFAULT_INCOME_WHILE_SEARCHING
    assert universal_credit_annual("2025/26")[0] == pytest.approx(12 * 400.14)
    assert universal_credit_annual("2030/31")[0] == DEFAULT_INCOME_WHILE_SEARCHING
    for row in rows.values():
        assert row["source"].startswith("https://")
    assert demo_scenario().search.income_while_searching > 0
