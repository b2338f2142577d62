"""Properties of the decision score that hold for any offers, ratings, weights and anchors.

Score = Σ w·v / Σ w with every v in [0, 10] and anchors that never depend on other offers, so:
scores stay in [0, 10]; scaling every weight changes nothing; raising a rating cannot lower a
score; one offer's score does not depend on which other offers are scored. The weight shares are
drawn around the user's with a spread that shrinks as the confidence grows, so the probability that
the deterministic winner is best goes to 1. Stability bounds are exact crossings; tie salaries are
exact to well under 0.01 points.
"""

from __future__ import annotations

import dataclasses
import math
import sys
from collections.abc import Mapping

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import assume, event, given
from hypothesis import strategies as st

from offer_eval.core.compensation import PositionMoney, position_money
from offer_eval.core.decision import (
    TIE_POINTS,
    DecisionResult,
    competition_ranks,
    decide,
    probability_best,
    stability_intervals,
    winner_index,
)
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.models import (
    Benchmark,
    Criterion,
    MoneyMetric,
    Position,
    Scenario,
    TaxSettings,
)
from tests.strategies import scenarios

FloatArray = npt.NDArray[np.float64]

RATINGS = ("team", "manager", "variety", "learning")
METRICS: tuple[tuple[str, MoneyMetric], ...] = (
    ("net_pay", "net_take_home"),
    ("total_comp", "total_comp_year1"),
    ("earnings_3y", "expected_earnings_3y"),
    ("vs_benchmark", "vs_benchmark"),
)
# Sensible anchor scales per metric: GBP a year, GBP over 3 years, percent.
ANCHOR_SCALE: dict[str, float] = {
    "net_take_home": 100_000.0,
    "total_comp_year1": 150_000.0,
    "expected_earnings_3y": 300_000.0,
    "vs_benchmark": 100.0,
}
BENCHMARKS = (
    Benchmark("role", "Target role", median=55_000.0),
    Benchmark("london", "London", p10=51_250.0, p25=68_375.0, median=90_000.0, p75=120_000.0),
    Benchmark("quartiles", "Quartiles only", p25=35_000.0, p75=60_000.0),
)
weight = st.floats(0.0, 10.0, allow_nan=False)
rating = st.floats(0.0, 10.0, allow_nan=False)


def money_of(scenario: Scenario) -> dict[str, PositionMoney]:
    return {
        p.id: position_money(
            p, scenario.tax, scenario.benchmark(p.benchmark_id), scenario.target_salary
        )
        for p in scenario.positions
    }


@st.composite
def criteria_lists(draw: st.DrawFn) -> tuple[Criterion, ...]:
    ratings = draw(st.lists(st.sampled_from(RATINGS), unique=True, max_size=len(RATINGS)))
    money = draw(st.lists(st.sampled_from(METRICS), unique=True, max_size=len(METRICS)))
    if not ratings and not money:
        ratings = ["team"]
    criteria = [Criterion(cid, cid.title(), "rating", draw(weight)) for cid in ratings]
    for cid, metric in money:
        low = high = None
        if draw(st.booleans()):
            scale = ANCHOR_SCALE[metric]
            low = draw(st.floats(-scale if metric == "vs_benchmark" else 0.0, scale))
            high = low + draw(st.floats(scale / 100, scale))
        criteria.append(
            Criterion(
                cid,
                cid.title(),
                "money",
                draw(weight),
                metric=metric,
                anchor_low=low,
                anchor_high=high,
            )
        )
    if sum(c.weight for c in criteria) <= 0:
        criteria[0] = dataclasses.replace(criteria[0], weight=1.0)
    return tuple(criteria)


@st.composite
def offers_for(draw: st.DrawFn, offer_id: str, criteria: tuple[Criterion, ...]) -> Position:
    tax_free = draw(st.booleans()) and draw(st.booleans())
    # About one offer in four is a contract, paid by the day (its base salary is not read).
    contract = not tax_free and draw(st.integers(0, 3)) == 0
    return Position(
        id=offer_id,
        pay_type="day_rate" if contract else "salary",
        day_rate=draw(st.floats(0.0, 1_500.0)) if contract else 0.0,
        engagement=draw(
            st.sampled_from(["inside_ir35_umbrella", "outside_ir35_ltd", "employed_contract"])
        ),
        base_salary=draw(st.floats(0.0, 250_000.0)),
        benchmark_id=draw(st.sampled_from([None, "role", "london", "quartiles"])),
        bonus_target_pct=draw(st.floats(0.0, 30.0)),
        sign_on=draw(st.sampled_from([0.0, 5_000.0])),
        employer_pension_pct=draw(st.floats(0.0, 10.0)),
        employee_pension_pct=draw(st.floats(0.0, 10.0)),
        pension_method=draw(
            st.sampled_from(["none", "net_pay", "relief_at_source", "salary_sacrifice"])
        ),
        tax_free=tax_free,
        ratings=FrozenMap({c.id: draw(rating) for c in criteria if c.kind == "rating"}),
    )


@dataclasses.dataclass(frozen=True)
class Case:
    scenario: Scenario
    earnings: Mapping[str, float] | None

    def decide(self, scenario: Scenario | None = None, *, ties: bool = False) -> DecisionResult:
        chosen = self.scenario if scenario is None else scenario
        return decide(chosen, money_of(chosen), self.earnings, tie_salaries=ties)


@st.composite
def cases(draw: st.DrawFn, min_offers: int = 1, max_offers: int = 4) -> Case:
    criteria = draw(criteria_lists())
    count = draw(st.integers(min_offers, max_offers))
    offers = tuple(draw(offers_for(f"offer-{i}", criteria)) for i in range(count))
    scenario = Scenario(
        name="property",
        current=Position("current", base_salary=40_000.0),
        tax=TaxSettings(
            year="2026/27",
            region=draw(st.sampled_from(["rUK", "scotland"])),
            student_loans=draw(st.sampled_from([(), ("plan2",), ("plan1", "postgraduate")])),
        ),
        target_salary=draw(st.none() | st.floats(20_000.0, 150_000.0)),
        target_benchmark_id=draw(st.sampled_from([None, "role", "quartiles"])),
        benchmarks=BENCHMARKS,
        offers=offers,
        criteria=criteria,
        weight_confidence=draw(st.floats(0.1, 1_000.0)),
    )
    earnings = None
    if draw(st.booleans()):
        earnings = {o.id: draw(st.floats(0.0, 600_000.0)) for o in offers}
    return Case(scenario, earnings)


# --- scores ----------------------------------------------------------------------------------------


@given(cases())
def test_scores_values_and_probabilities_stay_in_range(case: Case) -> None:
    result = case.decide()
    for oid in result.offer_ids:
        assert 0.0 <= result.scores[oid] <= 10.0
        assert all(0.0 <= v <= 10.0 for v in result.values[oid].values())
        assert math.fsum(result.contributions[oid].values()) == pytest.approx(
            result.scores[oid], abs=1e-9
        )
        assert 0.0 <= result.probability_best[oid] <= 1.0
    assert math.fsum(result.probability_best.values()) == pytest.approx(1.0, abs=1e-9)
    assert sorted(result.ranks.values())[0] == 1


@given(scenarios())
def test_scores_stay_in_range_on_any_valid_scenario(scenario: Scenario) -> None:
    result = decide(scenario, money_of(scenario), None, tie_salaries=False)
    assert set(result.scores) == {o.id for o in scenario.offers} or not scenario.criteria
    assert all(0.0 <= score <= 10.0 for score in result.scores.values())


@given(cases(), st.floats(0.01, 100.0))
def test_scaling_every_weight_changes_no_score(case: Case, factor: float) -> None:
    # Weights so small that scaling rounds them all to 0 make no valid scenario: not a scaling case.
    criteria = case.scenario.criteria
    assume(not criteria or sum(c.weight * factor for c in criteria) > 0)
    # Subnormal weights (below 2.2e-308) lose digits when multiplied, so scaling them changes
    # their ratios: not a pure scaling either.
    tiny = sys.float_info.min
    assume(all(c.weight == 0 or min(c.weight, c.weight * factor) >= tiny for c in criteria))
    scaled = case.scenario.replace(
        criteria=tuple(
            dataclasses.replace(c, weight=c.weight * factor) for c in case.scenario.criteria
        )
    )
    before, after = case.decide(), case.decide(scaled)
    for oid in before.offer_ids:
        assert math.isclose(after.scores[oid], before.scores[oid], rel_tol=0, abs_tol=1e-9)
    assert after.shares.keys() == before.shares.keys()
    for cid in before.shares:
        assert math.isclose(after.shares[cid], before.shares[cid], rel_tol=0, abs_tol=1e-12)


@given(cases(), st.data())
def test_raising_a_rating_never_lowers_the_score(case: Case, data: st.DataObject) -> None:
    rating_ids = [c.id for c in case.scenario.criteria if c.kind == "rating"]
    assume(rating_ids)
    offer = data.draw(st.sampled_from(case.scenario.offers))
    cid = data.draw(st.sampled_from(rating_ids))
    higher = data.draw(st.floats(offer.ratings[cid], 10.0))
    raised = case.scenario.with_position(
        dataclasses.replace(offer, ratings=offer.ratings.set(cid, higher))
    )
    assert case.decide(raised).scores[offer.id] >= case.decide().scores[offer.id]


@given(cases(min_offers=2), st.data())
def test_adding_or_removing_an_offer_never_changes_another_score(
    case: Case, data: st.DataObject
) -> None:
    full = case.decide()
    index = data.draw(st.integers(0, len(case.scenario.offers) - 1))
    removed_id = case.scenario.offers[index].id
    fewer = case.scenario.replace(
        offers=tuple(o for o in case.scenario.offers if o.id != removed_id)
    )
    partial = case.decide(fewer)
    for oid in partial.offer_ids:
        assert partial.scores[oid] == full.scores[oid]
        assert partial.values[oid] == full.values[oid]
    # Adding it back (at the end) restores its own score too.
    again = case.decide(fewer.replace(offers=(*fewer.offers, case.scenario.offers[index])))
    assert again.scores == full.scores


@given(st.lists(st.floats(0.0, 10.0), min_size=1, max_size=6))
def test_ranks_are_competition_ranks(scores: list[float]) -> None:
    ranks = competition_ranks(scores)
    for score, rank in zip(scores, ranks, strict=True):
        assert rank == 1 + sum(1 for other in scores if other > score + TIE_POINTS + 1e-9)
    winner = winner_index(scores)
    if winner is not None:
        assert all(scores[winner] - s > TIE_POINTS for i, s in enumerate(scores) if i != winner)
    else:
        assert ranks.count(1) > 1


# --- probability of being best ---------------------------------------------------------------------


@st.composite
def matrices(draw: st.DrawFn) -> tuple[FloatArray, FloatArray]:
    offers = draw(st.integers(2, 4))
    count = draw(st.integers(1, 6))
    values = np.array([[draw(rating) for _ in range(count)] for _ in range(offers)])
    weights = np.array([draw(st.floats(0.05, 10.0)) for _ in range(count)])
    return values, weights


def margin_of(values: FloatArray, weights: FloatArray) -> tuple[int | None, float]:
    scores = values @ weights / weights.sum()
    winner = winner_index(list(scores))
    if winner is None:
        return None, 0.0
    return winner, float(scores[winner] - np.delete(scores, winner).max())


@given(matrices(), st.integers(0, 2**32))
def test_probability_of_best_goes_to_one_for_the_winner_as_confidence_grows(
    matrix: tuple[FloatArray, FloatArray], seed: int
) -> None:
    values, weights = matrix
    winner, margin = margin_of(values, weights)
    assume(winner is not None and margin > TIE_POINTS + 0.01)
    assert winner is not None
    chances = [
        probability_best(values, weights, c, seed, draws=2_000)[winner] for c in (1.0, 1e4, 1e10)
    ]
    assert chances[-1] == 1.0
    # More confidence is not monotone in general: broad weightings can favour the winner more
    # often than weightings a little spread around a narrow margin (Hypothesis found such a
    # case). Once the weights' spread at a confidence cannot flip the order (every rival four
    # standard deviations behind), the winner is best in nearly every draw.
    if robust_at(values, weights, winner, 1e4):
        assert chances[1] >= 0.95


def robust_at(values: FloatArray, weights: FloatArray, winner: int, confidence: float) -> bool:
    """Whether the winner leads every rival by 4 standard deviations of the Dirichlet weights."""
    used = weights > 0
    shares = weights[used] / weights[used].sum()
    # Covariance of Dirichlet(confidence × shares): (diag(p) - p pᵀ) / (confidence + 1).
    covariance = (np.diag(shares) - np.outer(shares, shares)) / (confidence + 1.0)
    for rival in range(values.shape[0]):
        if rival == winner:
            continue
        gap = values[winner, used] - values[rival, used]
        if float(shares @ gap) <= 4.0 * math.sqrt(max(float(gap @ covariance @ gap), 0.0)):
            return False
    return True


@given(matrices(), st.floats(0.1, 1_000.0), st.integers(0, 2**32))
def test_probabilities_add_to_one(
    matrix: tuple[FloatArray, FloatArray], confidence: float, seed: int
) -> None:
    values, weights = matrix
    chances = probability_best(values, weights, confidence, seed, draws=500)
    assert math.isclose(float(chances.sum()), 1.0, abs_tol=1e-9)
    assert (chances >= 0).all()


# --- weight stability ------------------------------------------------------------------------------


def winner_at_share(values: FloatArray, weights: FloatArray, k: int, share: float) -> int | None:
    others = np.delete(np.arange(weights.shape[0]), k)
    moved = np.empty_like(weights)
    moved[k] = share
    moved[others] = (1 - share) * weights[others] / weights[others].sum()
    return winner_index(list(values @ moved))


@given(matrices())
def test_stability_bounds_are_exact_crossings(matrix: tuple[FloatArray, FloatArray]) -> None:
    values, weights = matrix
    winner, margin = margin_of(values, weights)
    assume(winner is not None and margin > TIE_POINTS + 1e-3 and weights.shape[0] > 1)
    assert winner is not None
    shares = weights / weights.sum()
    step = 1e-7
    for k, (low, high) in enumerate(stability_intervals(values, weights, winner)):
        assert 0.0 <= low <= shares[k] <= high <= 1.0
        for share in np.linspace(low, high, 7)[1:-1]:
            assert winner_at_share(values, weights, k, float(share)) == winner
        if low > step:
            assert winner_at_share(values, weights, k, low + step) == winner
            assert winner_at_share(values, weights, k, low - step) != winner
        if high < 1 - step:
            assert winner_at_share(values, weights, k, high - step) == winner
            assert winner_at_share(values, weights, k, high + step) != winner


# --- tie salary ------------------------------------------------------------------------------------


@given(cases(min_offers=2, max_offers=3))
def test_tie_salary_put_back_ties_within_a_hundredth_of_a_point(case: Case) -> None:
    result = case.decide(ties=True)
    assert result.tie_salaries is not None
    leader = result.leader
    checked = 0
    for oid, tie in result.tie_salaries.items():
        if tie.base_salary is None:
            event(f"no tie salary: {tie.reason}")
            continue
        checked += 1
        assert (tie.kind == "lose_lead") == (oid == leader)
        offer = case.scenario.offer(oid)
        if tie.day_rate is not None:
            # A contract's tie is its day rate: its pay never reads the base salary. Put back
            # to a hundredth of a penny a day, about a penny a year as a salary is put back: at
            # whole pennies a day (over 200 days a year) a small contract scored on narrow
            # anchors moves by more than 0.01 points (found: £1.13 for a tie at £1.125005 a day,
            # 3-year earnings anchored at £0-3,000, 0.0109 points apart; the exact tie: 0).
            event("contract tie put back as a day rate")
            changed = dataclasses.replace(offer, day_rate=round(tie.day_rate, 4))
        else:
            changed = dataclasses.replace(offer, base_salary=round(tie.base_salary, 2))
        moved = case.scenario.with_position(changed)
        again = case.decide(moved)
        assert abs(again.scores[oid] - again.scores[tie.against]) <= 0.01
    event(f"tie salaries put back: {checked}")
