"""The search model's definitions against closed forms: break-even, present value, waits,
the lowest offer worth taking, net pay."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np
import pytest

from offer_eval.core.models import Position, Scenario, SearchAssumptions, Simulation
from offer_eval.core.trajectory import (
    TrajectoryEvaluator,
    TrajectoryResult,
    break_even_month,
    build_model,
    found_job_net_curve,
    market_level,
    present_value,
    stay_band,
    strategy_spec,
)
from offer_eval.persistence.examples import demo_scenario, example
from tests.unit.core._trajectory_support import LONDON, ML, with_search


@pytest.fixture(scope="module")
def demo_result() -> TrajectoryResult:
    return TrajectoryEvaluator().evaluate(demo_scenario())


# --- definitions ----------------------------------------------------------------------------------


def test_break_even_month_definition() -> None:
    assert break_even_month(np.array([-3.0, -1.0, 2.0, 5.0])) == 3
    assert break_even_month(np.array([1.0, -1.0, 2.0, 5.0])) == 3  # ahead early, then behind
    assert break_even_month(np.array([1.0, 2.0])) == 1
    assert break_even_month(np.array([1.0, 2.0, -0.5])) is None  # behind at the horizon
    assert break_even_month(np.array([-1.0, 0.0])) is None  # level is not ahead


def test_present_value_discounts_each_month() -> None:
    cumulative = np.cumsum(np.full(24, 1_000.0))
    expected = sum(1_000.0 * 1.05 ** (-m / 12) for m in range(1, 25))
    assert present_value(cumulative, 5.0) == pytest.approx(expected)
    assert present_value(cumulative, 0.0) == pytest.approx(24_000.0)


def test_break_even_and_present_value_in_the_result_follow_their_definitions(
    demo_result: TrajectoryResult,
) -> None:
    item = demo_result.offer(ML)
    difference = (
        item.accept_and_search.cumulative_mean - demo_result.decline_and_search.cumulative_mean
    )
    assert np.allclose(item.mean_difference_vs_decline, difference)
    month = item.break_even_month
    assert month is not None and 1 < month < 60
    assert (difference[month - 1 :] > 0).all() and difference[month - 2] <= 0
    assert item.present_value == pytest.approx(
        present_value(item.accept_and_search.cumulative_mean, 5.0)
    )
    assert item.expected_earnings_3y == pytest.approx(
        item.accept_and_search.cumulative_mean[35], rel=1e-9
    )


def _normal_tail(x: float) -> float:
    return 0.5 * math.erfc(x / math.sqrt(2.0))


def closed_form_wait(scenario: Scenario, offer: Position) -> float:
    """E[min(T, H+1)] with T the first better offer, from the model's monthly chance λ_t.

    Before the first move the state is the same on every path, so λ_t is a number: the chance of
    an offer that month times the chance it beats the salary times (1 + margin). Written here from
    the model's definitions and the trajectory module's documented conventions, not from its code.
    """
    s = scenario.search
    months = scenario.simulation.months
    market = market_level(scenario)
    assert market is not None
    median = market[0]
    survive = 1.0
    total = 0.0
    for t in range(1, months + 1):
        experience = s.prior_experience_months + (t - 1 if offer.target_field else 0)
        credit = min(
            max((experience - s.experience_threshold_months + 1) / (s.ramp_months + 1), 0), 1
        )
        callback = (
            s.callback_rate_novice + (s.callback_rate_experienced - s.callback_rate_novice) * credit
        )
        arrival = 1 - (1 - callback * s.offers_per_callback) ** s.applications_per_month
        level = (
            median
            * (1 + s.market_growth_pct / 100) ** (t / 12)
            * (s.novice_discount + (1 - s.novice_discount) * credit)
        )
        threshold = (
            offer.base_salary
            * (1 + offer.annual_raise_pct / 100) ** ((t - 1) // 12)
            * (1 + s.switching_margin_pct / 100)
        )
        better = arrival * _normal_tail(math.log(threshold / level) / s.offer_spread)
        total += t * better * survive
        survive *= 1 - better
    return total + (months + 1) * survive


WAIT_CASES = [
    ("demo, ML engineer", {}, ML),
    ("demo, London offer", {}, LONDON),
    ("ramp and prior experience", {"ramp_months": 4, "prior_experience_months": 2}, ML),
    ("busy applicant", {"applications_per_month": 25.0, "offer_spread": 0.25}, ML),
    ("small margin, fast market", {"switching_margin_pct": 2.0, "market_growth_pct": 6.0}, ML),
]


@pytest.mark.parametrize(("label", "changes", "offer_id"), WAIT_CASES)
def test_expected_wait_agrees_with_the_closed_form(
    label: str, changes: dict[str, Any], offer_id: str
) -> None:
    # The closed form knows no stop at the target (the London offer is above it).
    scenario = with_search(demo_scenario(), stop_at_target=False, **changes)
    simulated = (
        TrajectoryEvaluator().evaluate(scenario).offer(offer_id).expected_months_to_better_offer
    )
    expected = closed_form_wait(scenario, scenario.offer(offer_id))
    assert simulated == pytest.approx(expected, rel=0.02), label


def test_expected_wait_for_an_offer_outside_the_new_field_uses_novice_rates() -> None:
    scenario = demo_scenario()
    outside = dataclasses.replace(scenario.offer(ML), target_field=False)
    scenario = scenario.with_position(outside)
    simulated = TrajectoryEvaluator().evaluate(scenario).offer(ML).expected_months_to_better_offer
    assert simulated == pytest.approx(closed_form_wait(scenario, outside), rel=0.02)


def test_probabilities_within_6_and_12_months_match_the_closed_form() -> None:
    scenario = demo_scenario()
    offer = scenario.offer(ML)
    item = TrajectoryEvaluator().evaluate(scenario).offer(ML)
    # P(T <= h) = 1 − Π_{t<=h}(1 − λ_t): the closed form on a horizon of h months gives it via
    # E[min(T, h+1)], so recover the survival product from two short horizons.
    assert 0 < item.p_better_within_6 < item.p_better_within_12 < 1
    survive_12 = 1.0
    s = scenario.search
    for t in range(1, 13):
        experience = t - 1
        credit = 1.0 if experience >= s.experience_threshold_months else 0.0
        callback = (
            s.callback_rate_novice + (s.callback_rate_experienced - s.callback_rate_novice) * credit
        )
        arrival = 1 - (1 - callback * s.offers_per_callback) ** s.applications_per_month
        level = 55_000 * 1.03 ** (t / 12) * (0.8 + 0.2 * credit)
        threshold = offer.base_salary * 1.1
        survive_12 *= 1 - arrival * _normal_tail(math.log(threshold / level) / s.offer_spread)
    assert item.p_better_within_12 == pytest.approx(1 - survive_12, abs=0.015)


# --- the reservation salary ----------------------------------------------------------------------


def test_reservation_salary_once_experienced_is_higher(demo_result: TrajectoryResult) -> None:
    # Its definition on net pay is checked against value iteration in test_reservation_net.py.
    # Once experienced, offers come more often and pay more: holding out is worth more.
    assert demo_result.reservation_salary_experienced > demo_result.reservation_salary


def test_reservation_salary_rises_with_income_while_searching_and_patience() -> None:
    base = demo_scenario()
    evaluator = TrajectoryEvaluator()

    def reservation(**changes: object) -> float:
        return evaluator.evaluate(with_search(base, **changes)).reservation_salary

    assert reservation(income_while_searching=12_000.0) > reservation(income_while_searching=1.0)
    assert reservation(discount_rate_pct=2.0) > reservation(discount_rate_pct=10.0)


# --- net pay --------------------------------------------------------------------------------------


def test_net_pay_of_found_jobs_follows_the_tax_model() -> None:
    from offer_eval.core.tax import take_home

    tax = demo_scenario().tax

    def exact(gross: float) -> float:
        return take_home(
            gross,
            tax_year=tax.year,
            pension_pct=5.0,
            pension_method="net_pay",
            student_loans=tax.student_loans,
        ).net

    curve = found_job_net_curve(tax, 5.0)
    gross = np.array(
        [0.0, 12_570.0, 31_000.0, 50_270.0, 61_234.0, 99_999.0, 140_000.0, 400_000.0],
        dtype=np.float32,
    )
    annual = 12.0 * curve(gross).astype(np.float64)
    assert np.allclose(annual, [exact(float(g)) for g in gross], atol=60.0)
    assert curve.annual(45_000.0) == pytest.approx(exact(45_000.0), abs=0.05)
    assert (np.diff(curve.monthly) >= 0).all()  # more pay never means less take-home


def test_tax_free_starting_jobs_are_paid_net_equals_gross() -> None:
    scenario = example("phd-stipend.offers.json")
    model = build_model(scenario.search, scenario.tax, 60)
    spec = strategy_spec(
        scenario.current,
        scenario.tax,
        model,
        market_median=55_000.0,
        reservation=np.zeros(model.levels),
        searches_while_employed=False,
        include_sign_on=False,
    )
    band = stay_band(spec, 60)
    assert band.cumulative_mean[3] == pytest.approx(4 * 21_805 / 12, abs=0.01)
    assert band.p50[4] == 0.0  # the stipend has ended


def test_search_section_defaults_and_help_are_plain_one_liners() -> None:
    from offer_eval.core.models import SearchHistory, field_help

    for cls in (SearchAssumptions, SearchHistory, Simulation):
        for item in dataclasses.fields(cls):
            text = field_help(cls, item.name)
            assert text, item.name
            assert "\n" not in text
            assert len(text) <= 120, item.name
