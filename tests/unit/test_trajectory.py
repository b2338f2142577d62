"""The job-search trajectory (DESIGN 5): outputs, definitions, common random numbers, memoisation."""

from __future__ import annotations

import dataclasses
import json
import math
import statistics
from typing import Any

import numpy as np
import pytest

from offer_eval.core.compensation import position_money
from offer_eval.core.evaluate import Evaluator
from offer_eval.core.models import Position, Scenario, SearchAssumptions, Simulation
from offer_eval.core.search import reservation_wage
from offer_eval.core.trajectory import (
    INTERACTIVE_PATHS,
    Band,
    TrajectoryEvaluator,
    TrajectoryResult,
    break_even_month,
    build_model,
    found_job_net_curve,
    make_draws,
    market_level,
    present_value,
    stay_band,
    strategy_spec,
)
from offer_eval.persistence.examples import demo_scenario, example
from offer_eval.present.report import render_text, report_dict

ML = "ml-engineer"
LONDON = "london-ds"


def with_search(scenario: Scenario, **changes: Any) -> Scenario:
    return scenario.replace(search=dataclasses.replace(scenario.search, **changes))


def with_simulation(scenario: Scenario, **changes: Any) -> Scenario:
    return scenario.replace(simulation=dataclasses.replace(scenario.simulation, **changes))


def one_offer(scenario: Scenario, offer_id: str = ML) -> Scenario:
    return scenario.replace(offers=(scenario.offer(offer_id),))


@pytest.fixture(scope="module")
def demo_result() -> TrajectoryResult:
    return TrajectoryEvaluator().evaluate(demo_scenario())


# --- shape of the results ------------------------------------------------------------------------


def test_every_strategy_has_a_full_band(demo_result: TrajectoryResult) -> None:
    bands = [demo_result.decline_and_search]
    for item in demo_result.offers.values():
        bands += [item.accept_and_stay, item.accept_and_search]
    assert set(demo_result.offers) == {ML, LONDON}
    for band in bands:
        assert band.months.tolist() == list(range(1, 61))
        for name in ("p10", "p50", "p90", "cumulative_p10", "cumulative_p50", "cumulative_p90"):
            values = getattr(band, name)
            assert values.shape == (60,)
            assert values.dtype == np.float64
            assert not values.flags.writeable
    assert demo_result.paths == 10_000
    assert demo_result.months == 60
    assert demo_result.resolution == "full"


def test_accept_and_stay_without_layoffs_is_deterministic_and_matches_compensation(
    demo_result: TrajectoryResult,
) -> None:
    scenario = demo_scenario()
    offer = scenario.offer(ML)
    stay = demo_result.offer(ML).accept_and_stay
    assert stay.deterministic
    assert np.array_equal(stay.p10, stay.p90)
    # Salary in force: £45,000 for months 1-12, then +4% on each anniversary (months 13, 25, ...).
    assert stay.p50[0] == stay.p50[11] == 45_000
    assert stay.p50[12] == pytest.approx(45_000 * 1.04, rel=1e-6)
    assert stay.p50[59] == pytest.approx(45_000 * 1.04**4, rel=1e-6)
    # The first year's take-home equals the compensation module's recurring figure.
    money = position_money(offer, scenario.tax, None, None)
    assert stay.cumulative_mean[11] == pytest.approx(money.take_home_recurring.net, abs=0.05)


def test_accept_and_stay_is_simulated_when_jobs_can_end() -> None:
    safe = with_simulation(demo_scenario(), paths=2_000)
    risky = with_search(safe, layoff_rate_pct=20.0)
    stay = TrajectoryEvaluator().evaluate(risky).offer(ML).accept_and_stay
    certain = TrajectoryEvaluator().evaluate(safe).offer(ML).accept_and_stay
    assert not stay.deterministic
    assert (stay.p10 < stay.p90).any()
    # Time out of work costs money: the unlucky tenth earns less than the job would have paid.
    assert stay.cumulative_p10[-1] < certain.cumulative_p10[-1]
    assert stay.cumulative_mean[-1] < certain.cumulative_mean[-1]


def test_the_phd_stipend_ends_and_declining_means_searching_without_a_job() -> None:
    scenario = example("phd-stipend.offers.json")
    result = TrajectoryEvaluator().evaluate(scenario)
    decline = result.decline_and_search
    # The stipend (£21,805, tax-free) is paid in months 1-4 only.
    assert decline.cumulative_p10[3] == pytest.approx(4 * 21_805 / 12, abs=0.05)
    # Without a job most paths earn nothing in month 5; the ones earning took an offer in month 4.
    assert decline.p10[4] == 0
    assert result.decline_expected_months_to_offer < 12


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
    DESIGN 5 and the trajectory module's documented conventions, not from its code.
    """
    s = scenario.search
    months = scenario.simulation.months
    median, _ = market_level(scenario, offer)
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
    scenario = with_search(demo_scenario(), **changes)
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


def test_reservation_salary_is_mccall_on_monthly_amounts_annualised(
    demo_result: TrajectoryResult,
) -> None:
    s = demo_scenario().search
    points = [statistics.NormalDist().inv_cdf((i + 0.5) / 101) for i in range(101)]
    wages = [55_000 * 0.8 * math.exp(0.15 * z) / 12 for z in points]
    arrival = 1 - (1 - 0.035 * 0.25) ** 20  # novice, 20 applications a month without a job
    monthly = reservation_wage(
        wages,
        [1 / 101] * 101,
        income_while_searching=0.0,
        discount=1.05 ** (-1 / 12),
        offer_probability=arrival,
        separation_rate=0.0,
        risk_aversion=s.risk_aversion,
    )
    assert demo_result.reservation_salary == pytest.approx(12 * monthly, rel=1e-9)
    # Once experienced, offers come more often and pay more: holding out is worth more.
    assert demo_result.reservation_salary_experienced > demo_result.reservation_salary


def test_reservation_salary_rises_with_income_while_searching_and_patience() -> None:
    base = demo_scenario()
    evaluator = TrajectoryEvaluator()

    def reservation(**changes: object) -> float:
        return evaluator.evaluate(with_search(base, **changes)).reservation_salary

    assert reservation(income_while_searching=12_000.0) > reservation(income_while_searching=0.0)
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


# --- common random numbers and resolution -------------------------------------------------------


def test_draws_of_a_path_do_not_depend_on_how_many_paths_there_are() -> None:
    small = make_draws(7, 1_500)
    large = make_draws(7, 4_000)
    assert np.array_equal(small.arrival, large.arrival[:, :1_500])
    assert np.array_equal(small.offer, large.offer[:, :1_500])
    assert np.array_equal(small.layoff, large.layoff[:, :1_500])
    assert not np.array_equal(make_draws(8, 1_500).offer, small.offer)


def test_interactive_resolution_is_the_first_thousand_of_the_same_paths() -> None:
    scenario = demo_scenario()
    interactive = TrajectoryEvaluator().evaluate(scenario, resolution="interactive")
    thousand = TrajectoryEvaluator().evaluate(with_simulation(scenario, paths=INTERACTIVE_PATHS))
    full = TrajectoryEvaluator().evaluate(scenario)
    assert interactive.paths == INTERACTIVE_PATHS
    for offer_id in (ML, LONDON):
        a = interactive.offer(offer_id)
        b = thousand.offer(offer_id)
        for name in ("p10", "p50", "p90", "cumulative_p50", "cumulative_mean"):
            assert np.array_equal(
                getattr(a.accept_and_search, name), getattr(b.accept_and_search, name)
            )
        assert a.expected_months_to_better_offer == b.expected_months_to_better_offer
        assert a.break_even_month == b.break_even_month
        # ... except the 3-year expected earnings, which always use every path.
        assert a.expected_earnings_3y == full.offer(offer_id).expected_earnings_3y
    assert np.array_equal(interactive.decline_and_search.p90, thousand.decline_and_search.p90)


def test_same_seed_same_report_other_seed_other_report() -> None:
    scenario = with_simulation(demo_scenario(), paths=3_000)
    first = json.dumps(report_dict(Evaluator().evaluate(scenario)))
    again = json.dumps(report_dict(Evaluator().evaluate(scenario)))
    other = json.dumps(
        report_dict(
            Evaluator().evaluate(with_simulation(scenario, seed=scenario.simulation.seed + 1))
        )
    )
    assert first == again
    assert first != other
    text = render_text(Evaluator().evaluate(scenario))
    assert text == render_text(Evaluator().evaluate(scenario))
    assert json.loads(first)["trajectory"] != json.loads(other)["trajectory"]


def test_sweeping_the_novice_callback_rate_moves_the_median_smoothly() -> None:
    """DESIGN 3: a slider moves the charts smoothly. 50 steps from 1% to 10% callbacks as a
    novice: the accept-and-search median of cumulative earnings at month 24 only rises, and no
    step moves it by more than 5% of the whole range."""
    base = one_offer(demo_scenario())
    evaluator = TrajectoryEvaluator()
    medians = np.array(
        [
            evaluator.evaluate(with_search(base, callback_rate_novice=float(rate)))
            .offer(ML)
            .accept_and_search.cumulative_p50[23]
            for rate in np.linspace(0.01, 0.10, 50)
        ]
    )
    steps = np.diff(medians)
    spread = medians.max() - medians.min()
    assert spread > 100  # the rate matters
    assert (steps >= 0).all()
    assert np.abs(steps).max() <= 0.05 * spread


# --- memoisation ---------------------------------------------------------------------------------


def test_only_the_strategies_that_read_an_edited_field_run_again() -> None:
    scenario = with_simulation(demo_scenario(), paths=2_000)
    evaluator = TrajectoryEvaluator()
    evaluator.evaluate(scenario)
    assert evaluator.simulated_strategies == 3  # decline, and accept-and-search for each offer

    def runs_after(edited: Scenario) -> int:
        before = evaluator.simulated_strategies
        evaluator.evaluate(edited)
        return evaluator.simulated_strategies - before

    offer = scenario.offer(ML)
    assert runs_after(scenario) == 0
    assert runs_after(scenario.with_position(dataclasses.replace(offer, base_salary=47_000.0))) == 1
    assert runs_after(scenario.replace(weight_confidence=10.0)) == 0
    assert runs_after(scenario.replace(notes="edited")) == 0
    assert runs_after(with_search(scenario, switching_margin_pct=12.0)) == 3
    current = dataclasses.replace(scenario.current, base_salary=53_000.0)
    assert runs_after(scenario.with_position(current)) == 1
    # History counts that are not used for the rates do not change the model.
    assert scenario.search.history is not None
    history = dataclasses.replace(scenario.search.history, applications=200)
    assert runs_after(with_search(scenario, history=history)) == 0


def test_evaluate_carries_the_trajectory_and_feeds_the_decision() -> None:
    scenario = with_simulation(demo_scenario(), paths=2_000)
    evaluation = Evaluator().evaluate(scenario)
    assert evaluation.trajectory is not None
    assert evaluation.decision is not None
    assert evaluation.decision.earnings_source == "trajectory"
    interactive = Evaluator().evaluate(scenario, resolution="interactive")
    assert interactive.trajectory is not None
    for offer_id in (ML, LONDON):
        assert (
            interactive.trajectory.offer(offer_id).expected_earnings_3y
            == evaluation.trajectory.offer(offer_id).expected_earnings_3y
        )


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
    assert variant.search.callback_rate_experienced == scenario.search.callback_rate_novice
    assert no_credit_scenario(variant) is None
    slow = TrajectoryEvaluator().evaluate(with_simulation(variant, paths=2_000)).offer(ML)
    fast = TrajectoryEvaluator().evaluate(with_simulation(scenario, paths=2_000)).offer(ML)
    assert slow.expected_months_to_better_offer > fast.expected_months_to_better_offer


def test_search_section_defaults_and_help_are_plain_one_liners() -> None:
    from offer_eval.core.models import SearchHistory, field_help

    for cls in (SearchAssumptions, SearchHistory, Simulation):
        for item in dataclasses.fields(cls):
            text = field_help(cls, item.name)
            assert text, item.name
            assert "\n" not in text
            assert len(text) <= 120, item.name


def test_band_rejects_writes() -> None:
    band = TrajectoryEvaluator().evaluate(with_simulation(demo_scenario(), paths=1_000))
    with pytest.raises(ValueError):
        band.decline_and_search.p50[0] = 1.0
    assert isinstance(band.decline_and_search, Band)


def test_interactive_parts_are_computed_when_read_and_agree_with_full(demo: Scenario) -> None:
    """A slider step on a money-only tab must not pay for the simulation; read, the figures are
    the same as a full evaluation's (the 3-year means to the last bit)."""
    evaluator = Evaluator()
    evaluation = evaluator.evaluate(demo, resolution="interactive")
    assert evaluator.trajectories.simulated_strategies == 0
    bands = evaluation.trajectory_bands
    assert bands is not None
    assert math.isnan(bands.offers["ml-engineer"].expected_earnings_3y)
    decision = evaluation.decision
    assert decision is not None
    full = Evaluator().evaluate(demo, resolution="full")
    assert full.trajectory is not None and full.decision is not None
    for offer_id, item in full.trajectory.offers.items():
        assert evaluator.trajectories.earnings_3y(demo)[offer_id] == item.expected_earnings_3y
        complete = evaluation.trajectory
        assert complete is not None
        assert complete.offers[offer_id].expected_earnings_3y == item.expected_earnings_3y
    assert decision.scores == full.decision.scores
    assert decision.winner == full.decision.winner


def test_money_only_preview_has_no_trajectory_or_decision(demo: Scenario) -> None:
    evaluator = Evaluator()
    preview = evaluator.evaluate(demo, resolution="interactive", parts="money")
    assert not preview.complete
    assert preview.trajectory is None
    assert preview.decision is None
    assert evaluator.trajectories.simulated_strategies == 0
    assert preview.offers[0].net_take_home > 0
