"""The decision score: criteria on a 0-10 scale, the weighted score, and how sure the winner is.

DESIGN section 5 defines every figure. In short:

* A rating criterion is the user's 0-10 rating of an offer. A money criterion maps a money figure
  linearly to 0-10 between two anchors, clamped. Default anchors come from the benchmark for the
  role being moved into and the user's target, never from other offers, so adding or removing an
  offer never changes another offer's score.
* Score = sum(weight × value) / sum(weight), 0-10. Contributions = weight × value / sum(weight)
  (points; they add up to the score). Scores within `TIE_POINTS` tie; ranks are competition ranks
  (1, 1, 3); there is no winner on a tie for first place.
* Weight stability: with one criterion's weight share s and the others rescaled in proportion,
  every score is linear in s, so the interval of s over which the winner stays the winner comes
  from the exact crossings, with no scanning.
* Probability of being best: Dirichlet draws of the weight shares around the user's, from the
  scenario seed, ties split equally.
* Tie salary: the base salary at which an offer's score equals the best other offer's score.

`decide` is pure: the same inputs always give the same result, so `evaluate` can memoise it
(`decision_key` gives a hashable key of everything it reads).
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt

from offer_eval.core.compensation import PositionMoney, position_money
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.json_numbers import ratio
from offer_eval.core.models import (
    MAX_MONEY,
    Benchmark,
    Criterion,
    MoneyMetric,
    Position,
    Scenario,
    TaxSettings,
)
from offer_eval.core.money_text import format_money
from offer_eval.core.tax import take_home
from offer_eval.core.text_table import align_columns

FloatArray = npt.NDArray[np.float64]

TIE_POINTS: Final = 0.005
"""Scores (0-10 points) this close or closer tie (DESIGN 5)."""
_EPS: Final = 1e-9
"""Floating-point slack added to `TIE_POINTS`, so that a difference of exactly 0.005 ties."""
DRAWS: Final = 10_000
"""Dirichlet draws for the probability of being best."""
DECISION_STREAM: Final = 0x0DEC_1510
"""Spawn key that gives the decision its own random stream from the scenario seed.

The trajectory draws from the same seed; a distinct `SeedSequence` spawn key keeps the two streams
independent (plain `SeedSequence.spawn` uses small keys 0, 1, 2, ..., never this one).
"""
ANCHOR_LOW_OF_MEDIAN: Final = 0.7
"""Default anchor scoring 0: this fraction of the benchmark median (gross, GBP a year)."""
ANCHOR_HIGH_OF_MEDIAN: Final = 1.3
"""Default anchor scoring 10: the larger of the target and this multiple of the median."""
NEUTRAL: Final = 5.0
"""Value given to a money criterion that has nothing to be measured against (see `MoneyValue`)."""
TIE_SALARY_TOLERANCE: Final = 0.001
"""The tie-salary search stops when the bracket is narrower than this (GBP a year)..."""
TIE_SALARY_POINTS: Final = 1e-6
"""...or when the score is this close to a tie (points; the contract asks for 0.01)."""

EarningsSource = Literal["trajectory", "estimate"]
TieKind = Literal["tie_leader", "lose_lead"]

METRIC_LABELS: Final[dict[str, str]] = {
    "net_take_home": "Net take-home pay, year 1 (£ a year)",
    "total_comp_year1": "Total compensation, year 1 (£ a year)",
    "expected_earnings_3y": "Expected net earnings over 3 years (£)",
    "vs_benchmark": "Base salary against the benchmark median (%)",
}


# --- the criteria a new scenario starts with ---------------------------------------------------


def default_criteria() -> tuple[Criterion, ...]:
    """The standard criteria, each weighted 1: eight ratings and four money criteria.

    Users add, rename and remove criteria freely; ids are what ratings are keyed by.
    """

    def rating(ident: str, label: str, zero: str, five: str, ten: str) -> Criterion:
        return Criterion(ident, label, "rating", 1.0, zero, five, ten)

    def money(ident: str, label: str, metric: MoneyMetric) -> Criterion:
        return Criterion(ident, label, "money", 1.0, metric=metric)

    return (
        rating(
            "team",
            "Team",
            "People I would not want to work with",
            "A fine, ordinary team",
            "People I would learn from every day",
        ),
        rating(
            "manager",
            "Manager",
            "A manager who blocks or blames",
            "Hands-off and fair",
            "Invests in my growth and backs me",
        ),
        rating(
            "variety",
            "Project variety",
            "One narrow task for years",
            "A few related projects",
            "Many different problems",
        ),
        rating(
            "learning",
            "Learning and filling skill gaps",
            "Nothing new to learn",
            "Some new skills on the job",
            "Closes exactly the gaps that held back my applications",
        ),
        rating(
            "impact",
            "Impact and mission",
            "Work I do not believe in",
            "Useful work",
            "Work I am proud to explain",
        ),
        rating(
            "career_capital",
            "Career capital",
            "Does nothing for my next application",
            "A recognisable line on my CV",
            "Makes my next application stand out",
        ),
        rating(
            "commute",
            "Commute and flexibility",
            "Long daily commute, no flexibility",
            "Some hybrid days",
            "Short commute or fully flexible",
        ),
        rating(
            "security",
            "Job security",
            "Could be gone in months",
            "Typical for the sector",
            "Very stable",
        ),
        money("net_pay", "Net take-home pay", "net_take_home"),
        money("total_comp", "Total compensation, year 1", "total_comp_year1"),
        money("earnings_3y", "3-year expected earnings", "expected_earnings_3y"),
        money("vs_benchmark", "Pay against the benchmark", "vs_benchmark"),
    )


# --- money criteria: values and anchors --------------------------------------------------------


def map_to_scale(value: float, low: float, high: float) -> float:
    """A money figure on the 0-10 scale: linear between the anchors, clamped.

    The workbook reproduces exactly this: ``clamp((value - low) / (high - low) * 10, 0, 10)``.
    """
    if not high > low:
        raise InvalidValueError("anchor_high", "must be above anchor_low")
    return min(10.0, max(0.0, (value - low) / (high - low) * 10.0))


@dataclass(frozen=True, slots=True)
class Reference:
    """The gross salaries (GBP a year) that default anchors are derived from, and where they came from.

    `median` is the benchmark median (or the target when no benchmark is known); `low_gross` scores
    0 and `high_gross` scores 10.
    """

    median: float
    low_gross: float
    high_gross: float
    basis: str


@dataclass(frozen=True, slots=True)
class MoneyValue:
    """One offer's figure for one money criterion, the anchors used and the 0-10 value.

    `value`, `low` and `high` share the metric's unit: GBP a year (net take-home, year-1 total
    compensation), GBP over 3 years (expected earnings) or percent (against the benchmark).
    `value` is None when the offer has no such figure (no benchmark to compare with); `low` and
    `high` are None when no anchors could be set or derived. In both cases `score` is `NEUTRAL`
    (5): neither a reward nor a penalty, and a note in the result says so. `estimated` marks the
    stand-in for 3-year expected earnings used until the job-search simulation provides it.
    """

    criterion_id: str
    offer_id: str
    metric: MoneyMetric
    value: float | None
    low: float | None
    high: float | None
    score: float
    basis: str
    explicit_anchors: bool
    estimated: bool = False


def benchmark_median(benchmark: Benchmark | None) -> float | None:
    """The benchmark's median, else read off log-linearly between the points either side of it."""
    if benchmark is None:
        return None
    if benchmark.median is not None:
        return float(benchmark.median)
    points = benchmark.points()
    below = [(level, value) for level, value in points if level < 50.0]
    above = [(level, value) for level, value in points if level > 50.0]
    if not below or not above:
        return None
    (level_a, value_a), (level_b, value_b) = below[-1], above[0]
    share = (50.0 - level_a) / (level_b - level_a)
    return math.exp(math.log(value_a) + share * (math.log(value_b) - math.log(value_a)))


def reference_for(scenario: Scenario, offer: Position) -> Reference | None:
    """What default anchors are derived from for `offer`.

    The benchmark for the role being moved into (`scenario.target_benchmark_id`) comes first, so
    that every offer is measured against the same market; without one, the offer's own benchmark;
    without either, the target alone stands in for the median. None when there is nothing at all.
    Never another offer.
    """
    target = scenario.target_salary if scenario.target_salary else None
    for label, benchmark in (
        ("target role", scenario.benchmark(scenario.target_benchmark_id)),
        ("this offer's", scenario.benchmark(offer.benchmark_id)),
    ):
        median = benchmark_median(benchmark)
        if median is not None and benchmark is not None:
            high = max(target or 0.0, ANCHOR_HIGH_OF_MEDIAN * median)
            basis = f"{label} benchmark '{benchmark.label}' (median {format_money(median)})"
            if target is not None:
                basis += f" and your target ({format_money(target)})"
            return Reference(median, ANCHOR_LOW_OF_MEDIAN * median, high, basis)
    if target is not None:
        return Reference(
            target,
            ANCHOR_LOW_OF_MEDIAN * target,
            ANCHOR_HIGH_OF_MEDIAN * target,
            f"your target ({format_money(target)}); no benchmark chosen",
        )
    return None


@functools.lru_cache(maxsize=256)
def _anchor_net(gross: float, tax: TaxSettings) -> float:
    """Net take-home (GBP a year) of `gross` under the scenario's tax settings, without a pension."""
    return take_home(
        gross, tax_year=tax.year, region=tax.region, student_loans=tax.student_loans
    ).net


def default_anchors(
    metric: MoneyMetric, reference: Reference, tax: TaxSettings
) -> tuple[float, float]:
    """The gross anchors of `reference` put on `metric`'s own scale: (scores 0, scores 10).

    Net take-home: the take-home of each anchor salary under the scenario's tax settings (tax
    year, region, student loans; no pension, so money put into a pension counts as money not
    taken home). Year-1 total compensation: the gross anchors themselves. 3-year expected
    earnings: 36 months of that net take-home. Against the benchmark: the percentages the anchors
    are above or below the median (-30% and +30% or the target's, by default).
    """
    low, high = reference.low_gross, reference.high_gross
    if metric == "total_comp_year1":
        return low, high
    if metric == "net_take_home":
        return _anchor_net(low, tax), _anchor_net(high, tax)
    if metric == "expected_earnings_3y":
        return 3.0 * _anchor_net(low, tax), 3.0 * _anchor_net(high, tax)
    return (
        (low / reference.median - 1.0) * 100.0,
        (high / reference.median - 1.0) * 100.0,
    )


def estimated_earnings_3y(money: PositionMoney) -> float:
    """Stand-in for 3-year expected earnings (GBP) while the job-search simulation is unavailable.

    Year-1 net take-home (sign-on included) plus two more years of the recurring net take-home:
    accepting and staying at today's pay, no raises and no better offer found.
    """
    return money.take_home.net + 2.0 * money.take_home_recurring.net


def metric_value(
    metric: MoneyMetric,
    money: PositionMoney,
    scenario: Scenario,
    expected_earnings_3y: float | None,
) -> float | None:
    """An offer's figure for `metric` in the metric's unit (see `MoneyValue`)."""
    if metric == "net_take_home":
        return money.net_take_home
    if metric == "total_comp_year1":
        return money.total_comp_year1
    if metric == "expected_earnings_3y":
        return expected_earnings_3y
    if money.vs_benchmark_pct is not None:
        return money.vs_benchmark_pct
    median = benchmark_median(scenario.benchmark(scenario.target_benchmark_id))
    if median is None:
        return None
    return (money.base_salary / median - 1.0) * 100.0


def _scaled(value: float | None, low: float | None, high: float | None) -> float:
    """`map_to_scale`, or `NEUTRAL` when the figure or an anchor is missing."""
    if value is None or low is None or high is None:
        return NEUTRAL
    return map_to_scale(value, low, high)


@dataclass(frozen=True, slots=True)
class Anchors:
    """The two anchors of a money criterion for one offer, in the metric's unit, and their source.

    `low` scores 0 and `high` scores 10; both None when nothing to derive them from.
    """

    low: float | None
    high: float | None
    basis: str
    explicit: bool


def money_anchors(criterion: Criterion, scenario: Scenario, offer: Position) -> Anchors:
    """The anchors for `criterion` and `offer`: the user's when set, else derived (DESIGN 5).

    With only one anchor set, the other is derived; they depend on the offer only through its
    own benchmark, used when the scenario names no benchmark for the target role.
    """
    metric = criterion.metric
    if metric is None:
        raise InvalidValueError("metric", "a money criterion needs a metric")
    low, high = criterion.anchor_low, criterion.anchor_high
    if low is not None and high is not None:
        return Anchors(low, high, "set by you", explicit=True)
    reference = reference_for(scenario, offer)
    if reference is None:
        return Anchors(None, None, "no benchmark or target to derive anchors from", False)
    derived_low, derived_high = default_anchors(metric, reference, scenario.tax)
    if low is None and high is None:
        return Anchors(derived_low, derived_high, f"from the {reference.basis}", False)
    low = derived_low if low is None else low
    high = derived_high if high is None else high
    if not low < high:
        return Anchors(
            None,
            None,
            "the anchor you set is on the wrong side of the derived one; set both",
            False,
        )
    return Anchors(low, high, f"one set by you, the other from the {reference.basis}", False)


def money_value(
    criterion: Criterion,
    offer: Position,
    money: PositionMoney,
    scenario: Scenario,
    earnings: float | None,
    *,
    estimated: bool = False,
    anchors: Anchors | None = None,
) -> MoneyValue:
    """One money criterion for one offer: the figure, its anchors and its 0-10 value.

    `anchors` may be passed when already known (they do not depend on the base salary).
    """
    metric = criterion.metric
    if metric is None:
        raise InvalidValueError("metric", "a money criterion needs a metric")
    value = metric_value(metric, money, scenario, earnings)
    if anchors is None:
        anchors = money_anchors(criterion, scenario, offer)
    return MoneyValue(
        criterion_id=criterion.id,
        offer_id=offer.id,
        metric=metric,
        value=value,
        low=anchors.low,
        high=anchors.high,
        score=_scaled(value, anchors.low, anchors.high),
        basis=anchors.basis,
        explicit_anchors=anchors.explicit,
        estimated=estimated and metric == "expected_earnings_3y",
    )


# --- scores, ranks and the winner --------------------------------------------------------------


def weighted_score(values: Sequence[float], weights: Sequence[float]) -> float:
    """Σ w·v / Σ w on the 0-10 scale; exactly rounded sums, so one offer's score never depends
    on which other offers are scored with it."""
    total = math.fsum(weights)
    if not total > 0:
        raise InvalidValueError("criteria", "the weights must add up to more than 0")
    score = math.fsum(w * v for w, v in zip(weights, values, strict=True)) / total
    return min(10.0, max(0.0, score))


def competition_ranks(scores: Sequence[float]) -> tuple[int, ...]:
    """Competition ranks (1, 1, 3): one plus the number of offers scoring more than 0.005 higher."""
    return tuple(
        1 + sum(1 for other in scores if other - score > TIE_POINTS + _EPS) for score in scores
    )


def winner_index(scores: Sequence[float]) -> int | None:
    """The offer ahead of every other by more than 0.005 points, or None on a tie for first."""
    if not scores:
        return None
    ranks = competition_ranks(scores)
    firsts = [index for index, rank in enumerate(ranks) if rank == 1]
    return firsts[0] if len(firsts) == 1 else None


def leader_index(scores: Sequence[float]) -> int | None:
    """The highest score (the first of equal ones), winner or not."""
    if not scores:
        return None
    return max(range(len(scores)), key=lambda index: (scores[index], -index))


# --- weight stability --------------------------------------------------------------------------


def stability_intervals(
    values: FloatArray, weights: FloatArray, winner: int
) -> tuple[tuple[float, float], ...]:
    """For each criterion, the closed interval of its weight share keeping `winner` the winner.

    `values` is offers × criteria (0-10), `weights` the user's weights. Setting criterion k's share
    to s and rescaling the others in proportion gives every offer the score
    ``s·v[i,k] + (1 - s)·R[i,k]``, where R is the score from the other criteria alone. The
    winner's lead over offer i is therefore linear in s and the share at which it falls to the
    tie margin (0.005 points) is found exactly. The interval runs from the nearest such crossing
    below the user's share to the nearest above (0 and 1 when there is none). Inside it the winner
    stays the winner; at an interior end the two offers tie, and beyond it the winner changes.

    If every other criterion has zero weight, "in proportion" is taken as equal shares (the
    limit of equal tiny weights). With a single criterion no share can move: (0, 1).
    """
    count = weights.shape[0]
    total = float(weights.sum())
    out: list[tuple[float, float]] = []
    for k in range(count):
        if count == 1:
            out.append((0.0, 1.0))
            continue
        share = float(weights[k]) / total
        others = np.delete(weights, k)
        rest = np.delete(values, k, axis=1)
        without = rest @ (others / others.sum()) if others.sum() > 0 else rest.mean(axis=1)
        low, high = 0.0, 1.0
        for i in range(values.shape[0]):
            if i == winner:
                continue
            at_one = float(values[winner, k] - values[i, k])  # lead when s = 1
            at_zero = float(without[winner] - without[i])  # lead when s = 0
            slope = at_one - at_zero
            if slope == 0:
                continue
            crossing = (TIE_POINTS - at_zero) / slope
            if slope < 0 and crossing < high:
                high = crossing
            elif slope > 0 and crossing > low:
                low = crossing
        low = min(max(low, 0.0), share)
        high = max(min(high, 1.0), share)
        out.append((low, high))
    return tuple(out)


# --- probability of being best -----------------------------------------------------------------


def decision_rng(seed: int) -> np.random.Generator:
    """The decision's own random stream from the scenario seed (see `DECISION_STREAM`)."""
    return np.random.Generator(
        np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(DECISION_STREAM,)))
    )


def probability_best(
    values: FloatArray,
    weights: FloatArray,
    confidence: float,
    seed: int,
    draws: int = DRAWS,
) -> FloatArray:
    """Share of plausible weightings under which each offer is best (fractions adding up to 1).

    Weight shares are drawn from a Dirichlet distribution with α = confidence × the user's share,
    so they average the user's shares and vary less as `confidence` grows. Criteria weighted 0
    stay at 0. Offers within 0.005 points of the best in a draw share that draw equally.
    """
    if not confidence > 0:
        raise InvalidValueError("weight_confidence", "must be above 0")
    offers = values.shape[0]
    if offers == 0:
        return np.zeros(0)
    used = weights > 0
    shares = weights[used] / weights[used].sum()
    rng = decision_rng(seed)
    # One weighted criterion: every draw gives it the whole weight.
    single = shares.shape[0] == 1
    sample = np.ones((draws, 1)) if single else rng.dirichlet(confidence * shares, size=draws)
    scores = sample @ values[:, used].T  # draws × offers
    best = scores.max(axis=1, keepdims=True)
    tied = scores >= best - (TIE_POINTS + _EPS)
    split = tied / tied.sum(axis=1, keepdims=True)
    result: FloatArray = split.mean(axis=0)
    return result


# --- tie salary --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TieSalary:
    """What base salary (GBP a year) would make an offer tie the best other offer.

    For an offer behind the leader (`kind` ``tie_leader``): the base at which it would tie the
    leader, a counter-offer to ask for. For the leader (`lose_lead`): the base below which it
    would fall behind `against`. `base_salary` is None when no salary can do it (`reason` says
    why). Trajectory-derived figures (3-year expected earnings) are held at their current values;
    everything else is recomputed from the changed base: bonus, employer pension, take-home
    through the tax model, and the stand-in earnings when the simulation is unavailable.
    """

    offer_id: str
    kind: TieKind
    against: str
    current_base_salary: float
    base_salary: float | None
    reason: str

    @property
    def change(self) -> float | None:
        """Tie salary less the current base salary (GBP a year)."""
        return None if self.base_salary is None else self.base_salary - self.current_base_salary


def _solve(
    function: Callable[[float], float],
    low: float,
    high: float,
    *,
    tolerance: float = TIE_SALARY_TOLERANCE,
    points: float = TIE_SALARY_POINTS,
) -> float:
    """Where a non-decreasing `function` (negative at `low`, not at `high`) reaches 0.

    Returns an x with function(x) >= 0 that is within `tolerance` (GBP) of the crossing or whose
    value is within `points` of 0. The score is piecewise linear in the base salary (tax bands,
    clamped anchors), so regula falsi with the Illinois correction converges in a few steps;
    every step keeps a bracket, and a step that would not shrink it well falls back to halving.
    """
    f_low, f_high = function(low), function(high)
    side = 0
    for _ in range(200):
        if high - low <= tolerance or f_high <= points:
            break
        guess = high - f_high * (high - low) / (f_high - f_low)
        width = high - low
        if not low + 0.01 * width < guess < high - 0.01 * width:
            guess = 0.5 * (low + high)
        value = function(guess)
        if value >= 0:
            high, f_high = guess, value
            if side == 1:
                f_low *= 0.5
            side = 1
        else:
            low, f_low = guess, value
            if side == -1:
                f_high *= 0.5
            side = -1
    return high


# --- the result --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DecisionResult:
    """Everything the decision score says about a scenario's offers.

    Scores, values and contributions are on the 0-10 scale (contributions are points of the
    score); shares and probabilities are fractions in [0, 1]; money is GBP. Maps are keyed by
    offer id, then criterion id, in the scenario's order. On a tie for first `winner` is None
    and so is every stability interval; `leader` is the highest score regardless.
    """

    offer_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    weights: FrozenMap[str, float]
    shares: FrozenMap[str, float]
    values: FrozenMap[str, FrozenMap[str, float]]
    contributions: FrozenMap[str, FrozenMap[str, float]]
    scores: FrozenMap[str, float]
    ranks: FrozenMap[str, int]
    winner: str | None
    leader: str | None
    money: FrozenMap[str, FrozenMap[str, MoneyValue]]
    weight_stability: FrozenMap[str, tuple[float, float] | None]
    probability_best: FrozenMap[str, float]
    confidence: float
    draws: int
    seed: int
    tie_salaries: FrozenMap[str, TieSalary] | None
    earnings_source: EarningsSource | None
    explanation: str
    notes: tuple[str, ...] = ()

    @property
    def runner_up(self) -> str | None:
        """The best offer other than the leader."""
        others = [oid for oid in self.offer_ids if oid != self.leader]
        if not others:
            return None
        return max(others, key=lambda oid: (self.scores[oid], -self.offer_ids.index(oid)))

    def interior_bounds(self) -> tuple[tuple[str, str, float], ...]:
        """(criterion id, "low" or "high", share) for every stability bound strictly inside (0, 1)."""
        out: list[tuple[str, str, float]] = []
        for cid, interval in self.weight_stability.items():
            if interval is None:
                continue
            low, high = interval
            if 0.0 < low < 1.0:
                out.append((cid, "low", low))
            if 0.0 < high < 1.0:
                out.append((cid, "high", high))
        return tuple(out)


def _empty(scenario: Scenario, note: str) -> DecisionResult:
    return DecisionResult(
        offer_ids=tuple(o.id for o in scenario.offers),
        criterion_ids=tuple(c.id for c in scenario.criteria),
        weights=FrozenMap((c.id, c.weight) for c in scenario.criteria),
        shares=FrozenMap(),
        values=FrozenMap(),
        contributions=FrozenMap(),
        scores=FrozenMap(),
        ranks=FrozenMap(),
        winner=None,
        leader=None,
        money=FrozenMap(),
        weight_stability=FrozenMap((c.id, None) for c in scenario.criteria),
        probability_best=FrozenMap(),
        confidence=scenario.weight_confidence,
        draws=0,
        seed=scenario.simulation.seed,
        tie_salaries=None,
        earnings_source=None,
        explanation=note,
        notes=(note,),
    )


class _Scorer:
    """Scores one offer from its money figures; reused to re-score at other base salaries."""

    def __init__(
        self,
        scenario: Scenario,
        earnings: Mapping[str, float] | None,
    ) -> None:
        self.scenario = scenario
        self.criteria = scenario.criteria
        self.weights = [c.weight for c in scenario.criteria]
        self.earnings = earnings
        # Anchors do not depend on the base salary: the tie-salary search reuses them.
        self._anchors: dict[tuple[str, str], Anchors] = {}

    def earnings_for(self, offer_id: str) -> float | None:
        if self.earnings is None:
            return None
        value = self.earnings.get(offer_id)
        return None if value is None or not math.isfinite(value) else float(value)

    def row(
        self, index: int, offer: Position, money: PositionMoney
    ) -> tuple[list[float], dict[str, MoneyValue]]:
        values: list[float] = []
        money_values: dict[str, MoneyValue] = {}
        simulated = self.earnings_for(offer.id)
        earnings = simulated if simulated is not None else estimated_earnings_3y(money)
        for criterion in self.criteria:
            if criterion.kind == "rating":
                try:
                    values.append(float(offer.ratings[criterion.id]))
                except KeyError:
                    raise InvalidValueError(
                        f"offers[{index}].ratings.{criterion.id}", "missing rating (0 to 10)"
                    ) from None
            else:
                key = (criterion.id, offer.id)
                anchors = self._anchors.get(key)
                if anchors is None:
                    anchors = self._anchors[key] = money_anchors(criterion, self.scenario, offer)
                item = money_value(
                    criterion,
                    offer,
                    money,
                    self.scenario,
                    earnings,
                    estimated=simulated is None,
                    anchors=anchors,
                )
                money_values[criterion.id] = item
                values.append(item.score)
        return values, money_values

    def score_at_base(self, index: int, offer: Position, base: float) -> float:
        """The offer's score with its base salary changed (GBP a year), simulated figures held."""
        changed = dataclasses.replace(offer, base_salary=base)
        money = position_money(
            changed,
            self.scenario.tax,
            self.scenario.benchmark(changed.benchmark_id),
            self.scenario.target_salary,
        )
        values, _ = self.row(index, changed, money)
        return weighted_score(values, self.weights)


def decide(
    scenario: Scenario,
    money: Mapping[str, PositionMoney],
    expected_earnings_3y: Mapping[str, float] | None = None,
    *,
    tie_salaries: bool = True,
    draws: int = DRAWS,
) -> DecisionResult:
    """Score, rank and compare the scenario's offers (DESIGN 5).

    `money` holds `position_money` for at least every offer, by position id. `expected_earnings_3y`
    holds, by offer id, the job-search simulation's mean accept-and-search cumulative net earnings
    at month 36 (GBP, full resolution). When it is None (or lacks an offer) the stand-in
    `estimated_earnings_3y` is used instead, the money values say `estimated`, and a note says so.
    `tie_salaries=False` skips the tie-salary search (interactive resolution: it is computed at
    full resolution only). Raises `InvalidValueError` for a missing rating or weights adding up
    to 0, which a validated `Scenario` never has.
    """
    if draws < 1:
        raise InvalidValueError("draws", "must be at least 1")
    offers = scenario.offers
    criteria = scenario.criteria
    if not offers:
        return _empty(scenario, "No offers to score yet.")
    if not criteria:
        return _empty(scenario, "No criteria to score the offers on yet.")
    weights = [c.weight for c in criteria]
    total = math.fsum(weights)
    if not total > 0:
        raise InvalidValueError("criteria", "the weights must add up to more than 0")
    scorer = _Scorer(scenario, expected_earnings_3y)

    rows: list[list[float]] = []
    money_rows: dict[str, dict[str, MoneyValue]] = {c.id: {} for c in criteria if c.kind == "money"}
    for index, offer in enumerate(offers):
        values, money_values = scorer.row(index, offer, money[offer.id])
        rows.append(values)
        for cid, item in money_values.items():
            money_rows[cid][offer.id] = item
    scores = [weighted_score(values, weights) for values in rows]
    ranks = competition_ranks(scores)
    win = winner_index(scores)
    lead = leader_index(scores)
    assert lead is not None

    matrix = np.array(rows, dtype=np.float64)
    weight_array = np.array(weights, dtype=np.float64)
    if win is None:
        stability: tuple[tuple[float, float] | None, ...] = (None,) * len(criteria)
    else:
        stability = stability_intervals(matrix, weight_array, win)
    probabilities = probability_best(
        matrix, weight_array, scenario.weight_confidence, scenario.simulation.seed, draws
    )

    ties: FrozenMap[str, TieSalary] | None = None
    if tie_salaries:
        ties = FrozenMap(
            (offer.id, _tie_salary(scorer, index, offer, scores, lead))
            for index, offer in enumerate(offers)
        )

    estimated = any(item.estimated for items in money_rows.values() for item in items.values())
    uses_earnings = any(c.metric == "expected_earnings_3y" for c in criteria)
    earnings_source: EarningsSource | None = None
    if uses_earnings:
        earnings_source = "estimate" if estimated else "trajectory"

    offer_ids = tuple(o.id for o in offers)
    criterion_ids = tuple(c.id for c in criteria)
    result = DecisionResult(
        offer_ids=offer_ids,
        criterion_ids=criterion_ids,
        weights=FrozenMap(zip(criterion_ids, weights, strict=True)),
        shares=FrozenMap((cid, w / total) for cid, w in zip(criterion_ids, weights, strict=True)),
        values=FrozenMap(
            (oid, FrozenMap(zip(criterion_ids, row, strict=True)))
            for oid, row in zip(offer_ids, rows, strict=True)
        ),
        contributions=FrozenMap(
            (
                oid,
                FrozenMap(
                    (cid, w * v / total)
                    for cid, w, v in zip(criterion_ids, weights, row, strict=True)
                ),
            )
            for oid, row in zip(offer_ids, rows, strict=True)
        ),
        scores=FrozenMap(zip(offer_ids, scores, strict=True)),
        ranks=FrozenMap(zip(offer_ids, ranks, strict=True)),
        winner=None if win is None else offer_ids[win],
        leader=offer_ids[lead],
        money=FrozenMap((cid, FrozenMap(items)) for cid, items in money_rows.items()),
        weight_stability=FrozenMap(zip(criterion_ids, stability, strict=True)),
        probability_best=FrozenMap(
            (oid, float(p)) for oid, p in zip(offer_ids, probabilities, strict=True)
        ),
        confidence=scenario.weight_confidence,
        draws=draws,
        seed=scenario.simulation.seed,
        tie_salaries=ties,
        earnings_source=earnings_source,
        explanation="",
        notes=_notes(scenario, money_rows, earnings_source),
    )
    return dataclasses.replace(result, explanation=explain(result, scenario))


def _tie_salary(
    scorer: _Scorer, index: int, offer: Position, scores: Sequence[float], lead: int
) -> TieSalary:
    """The base salary at which `offer` ties the best other offer (see `TieSalary`)."""
    current = offer.base_salary
    others = [(score, i) for i, score in enumerate(scores) if i != index]
    if not others:
        return TieSalary(offer.id, "lose_lead", offer.id, current, None, "there is no other offer")
    target, other = max(others, key=lambda item: (item[0], -item[1]))
    against = scorer.scenario.offers[other].id

    def gap(base: float) -> float:
        return scorer.score_at_base(index, offer, base) - target

    if index == lead:
        if gap(0.0) >= 0:
            return TieSalary(
                offer.id,
                "lose_lead",
                against,
                current,
                None,
                "it leads at any salary: the non-money criteria decide",
            )
        base = _solve(gap, 0.0, current)
        return TieSalary(
            offer.id, "lose_lead", against, current, base, "below this base salary it falls behind"
        )
    if gap(current) >= 0:
        return TieSalary(offer.id, "tie_leader", against, current, current, "it already ties")
    high = max(current, 1_000.0)
    while True:
        high = min(high * 2.0, MAX_MONEY)
        if gap(high) >= 0:
            break
        if high >= MAX_MONEY:
            return TieSalary(
                offer.id,
                "tie_leader",
                against,
                current,
                None,
                "no salary is enough: the non-money criteria decide",
            )
    base = _solve(gap, current, high)
    return TieSalary(
        offer.id, "tie_leader", against, current, base, "at this base salary it would tie"
    )


def _notes(
    scenario: Scenario,
    money_rows: Mapping[str, Mapping[str, MoneyValue]],
    earnings_source: EarningsSource | None,
) -> tuple[str, ...]:
    notes: list[str] = []
    if earnings_source == "estimate":
        notes.append(
            "3-year expected earnings are estimated as year-1 net take-home plus two more years "
            "at the same pay, until the job-search simulation is available"
        )
    for cid, items in money_rows.items():
        label = scenario.criterion(cid).label
        for item in items.values():
            if item.low is None or item.high is None:
                notes.append(
                    f"'{label}' scores {NEUTRAL:g} for every offer: {item.basis}; "
                    "choose a benchmark for the role you are moving into, a target or set its anchors"
                )
                break
            if item.value is None:
                name = scenario.offer(item.offer_id).display_name
                notes.append(
                    f"'{label}' scores {NEUTRAL:g} for {name}: it has no benchmark to compare with"
                )
    return tuple(notes)


# --- the plain explanation ---------------------------------------------------------------------


def _percent(share: float) -> str:
    """A fraction as a percentage that never rounds a near-certainty up to 100% (or down to 0%)."""
    value = share * 100.0
    if value in (0.0, 100.0) or 1.0 <= value <= 99.0:
        return f"{value:.0f}%"
    text = f"{value:.1f}%"
    if text == "0.0%":
        return "under 0.1%"
    if text == "100.0%":
        return "over 99.9%"
    return text


def _join_words(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def carrying_criteria(result: DecisionResult, limit: int = 3) -> tuple[str, ...]:
    """Criterion ids that carry the winner: its largest contribution gains over the runner-up,
    enough of them to make up most (60%) of its total gain, at most `limit`."""
    lead, runner = result.winner, result.runner_up
    if lead is None or runner is None:
        return ()
    gains = sorted(
        (
            (result.contributions[lead][cid] - result.contributions[runner][cid], cid)
            for cid in result.criterion_ids
        ),
        key=lambda item: (-item[0], result.criterion_ids.index(item[1])),
    )
    positive = [(gain, cid) for gain, cid in gains if gain > 0]
    total = sum(gain for gain, _ in positive)
    chosen: list[str] = []
    running = 0.0
    for gain, cid in positive[:limit]:
        chosen.append(cid)
        running += gain
        if running >= 0.6 * total:
            break
    return tuple(chosen)


def tightest_bound(result: DecisionResult) -> tuple[str, float, float] | None:
    """(criterion id, user's share, bound) for the interior stability bound nearest the user's
    share: the smallest change of one weight that would change the winner."""
    best: tuple[float, str, float, float] | None = None
    for cid, _side, bound in result.interior_bounds():
        share = result.shares[cid]
        distance = abs(bound - share)
        if best is None or distance < best[0]:
            best = (distance, cid, share, bound)
    return None if best is None else (best[1], best[2], best[3])


def explain(result: DecisionResult, scenario: Scenario) -> str:
    """One or two plain sentences: which criteria carry the winner, and how robust it is."""
    if not result.scores:
        return result.explanation or "Nothing to score yet."

    def name(offer_id: str) -> str:
        return scenario.offer(offer_id).display_name

    def label(criterion_id: str) -> str:
        text = scenario.criterion(criterion_id).label
        # "Team" reads as "team" mid-sentence; leave "ML team" or "GPS work" alone.
        if len(text) > 1 and text[0].isupper() and text[1].islower():
            return text[0].lower() + text[1:]
        return text

    if len(result.offer_ids) == 1:
        only = result.offer_ids[0]
        return (
            f"Only one offer to compare: {name(only)} scores {result.scores[only]:.1f} out of 10."
        )
    if result.winner is None:
        tied = [oid for oid in result.offer_ids if result.ranks[oid] == 1]
        chances = ", ".join(
            f"{name(oid)} in {_percent(result.probability_best[oid])}" for oid in tied
        )
        return (
            f"{_join_words([name(oid) for oid in tied])} are tied on the score, so the answer "
            f"rests on your weights. Varying the weights a little, each comes out best: {chances}."
        )
    lead = result.winner
    runner = result.runner_up
    assert runner is not None
    gap = result.scores[lead] - result.scores[runner]
    carriers = [label(cid) for cid in carrying_criteria(result)]
    first = (
        f"{name(lead)} comes out ahead of {name(runner)} by {gap:.1f} points out of 10, "
        f"carried mostly by {_join_words(carriers)}."
    )
    probability = result.probability_best[lead]
    if probability >= 0.9:
        verdict = "The answer is robust"
    elif probability >= 0.7:
        verdict = "The answer is fairly robust"
    else:
        verdict = "It is a close call"
    second = f"{verdict}: it is best in {_percent(probability)} of weightings close to yours"
    bound = tightest_bound(result)
    if bound is None:
        second += ", and no change to a single weight would overturn it."
    else:
        cid, share, limit = bound
        direction = "rose" if limit > share else "fell"
        second += (
            f", and it would stay ahead unless the weight on {label(cid)} {direction} from "
            f"{_percent(share)} to {_percent(limit)} of the total."
        )
    return f"{first} {second}"


# --- the report ---------------------------------------------------------------------------------


def decision_json(result: DecisionResult) -> dict[str, Any]:
    """The `decision` object of `report --json` (DESIGN 6.1), plus extras.

    Contract keys: `winner` (offer id or null), `probability_best` (offer id → fraction),
    `weight_stability` (criterion id → [low, high] shares, null on a tie for first) and
    `tie_salary` (offer id → GBP a year or null when no salary can do it; the whole object is null
    when not computed). Extras: scores, ranks, values, contributions, weights, shares, money
    anchors, tie-salary detail, the explanation and notes.
    """
    ties = result.tie_salaries
    return {
        "winner": result.winner,
        "probability_best": {oid: ratio(p, 4) for oid, p in result.probability_best.items()},
        "weight_stability": {
            cid: None if interval is None else [ratio(interval[0], 6), ratio(interval[1], 6)]
            for cid, interval in result.weight_stability.items()
        },
        "tie_salary": None
        if ties is None
        else {oid: ratio(item.base_salary, 2) for oid, item in ties.items()},
        "leader": result.leader,
        "scores": {oid: ratio(score, 4) for oid, score in result.scores.items()},
        "ranks": dict(result.ranks),
        "weights": dict(result.weights),
        "weight_shares": {cid: ratio(share, 6) for cid, share in result.shares.items()},
        "values": {
            oid: {cid: ratio(v, 4) for cid, v in row.items()} for oid, row in result.values.items()
        },
        "contributions": {
            oid: {cid: ratio(v, 4) for cid, v in row.items()}
            for oid, row in result.contributions.items()
        },
        "money": {
            cid: {
                oid: {
                    "metric": item.metric,
                    "value": ratio(item.value, 2),
                    "anchor_low": ratio(item.low, 2),
                    "anchor_high": ratio(item.high, 2),
                    "score": ratio(item.score, 4),
                    "anchors_from": item.basis,
                    "estimated": item.estimated,
                }
                for oid, item in items.items()
            }
            for cid, items in result.money.items()
        },
        "tie_salary_detail": None
        if ties is None
        else {
            oid: {
                "kind": item.kind,
                "against": item.against,
                "current_base_salary": ratio(item.current_base_salary, 2),
                "base_salary": ratio(item.base_salary, 2),
                "reason": item.reason,
            }
            for oid, item in ties.items()
        },
        "weight_confidence": result.confidence,
        "draws": result.draws,
        "earnings_3y_source": result.earnings_source,
        "explanation": result.explanation,
        "notes": list(result.notes),
    }


def offer_decision_json(result: DecisionResult, offer_id: str) -> dict[str, Any]:
    """The `score` (0-10, 4 decimals) and `rank` of one offer for its `offers[]` entry."""
    score = result.scores.get(offer_id)
    return {
        "score": ratio(score, 4),
        "rank": result.ranks.get(offer_id),
    }


def _metric_amount(metric: MoneyMetric, value: float | None) -> str:
    if value is None:
        return "–"
    if metric == "vs_benchmark":
        return f"{value:+.1f}%"
    return format_money(value)


def decision_text(result: DecisionResult, scenario: Scenario) -> list[str]:
    """Lines for the text report: the score table, money anchors, what it would take, stability
    and the plain explanation."""
    lines = ["Decision score (0-10, your weights)"]
    if not result.scores:
        lines.append(result.explanation)
        return lines
    names = [scenario.offer(oid).display_name for oid in result.offer_ids]
    rows: list[list[str]] = [["", "Weight", *names]]
    rows.append(["-" * 4, "-" * 6, *("-" * len(n) for n in names)])
    for cid in result.criterion_ids:
        rows.append(
            [
                f"  {scenario.criterion(cid).label}",
                _percent(result.shares[cid]),
                *(f"{result.values[oid][cid]:.1f}" for oid in result.offer_ids),
            ]
        )
    rows.append(["Score", "", *(f"{result.scores[oid]:.2f}" for oid in result.offer_ids)])
    rows.append(["Rank", "", *(str(result.ranks[oid]) for oid in result.offer_ids)])
    rows.append(
        [
            "Best when weights vary",
            "",
            *(_percent(result.probability_best[oid]) for oid in result.offer_ids),
        ]
    )
    lines.extend(align_columns(rows))
    if result.winner is None:
        lines.append("Winner: none (tied on the score)")
    else:
        lines.append(f"Winner: {scenario.offer(result.winner).display_name}")
    lines.append("")
    if result.money:
        lines.append("Money criteria, scored 0 to 10 between two anchors:")
        for cid, items in result.money.items():
            criterion = scenario.criterion(cid)
            for oid, item in items.items():
                lines.append(
                    f"  {criterion.label}, {scenario.offer(oid).display_name}: "
                    f"{_metric_amount(item.metric, item.value)}"
                    f"{' (estimate)' if item.estimated else ''} scores {item.score:.1f}; "
                    f"0 at {_metric_amount(item.metric, item.low)}, "
                    f"10 at {_metric_amount(item.metric, item.high)} ({item.basis})"
                )
        lines.append("")
    if result.tie_salaries is not None and len(result.offer_ids) > 1:
        lines.append("What it would take (base salary, other figures as they are):")
        for oid, tie in result.tie_salaries.items():
            name = scenario.offer(oid).display_name
            other = scenario.offer(tie.against).display_name
            now = format_money(tie.current_base_salary)
            if tie.base_salary is None:
                lines.append(f"  {name} (now {now}): {tie.reason}.")
            elif tie.kind == "lose_lead":
                lines.append(
                    f"  {name} (now {now}) would fall behind {other} below "
                    f"{format_money(tie.base_salary)}."
                )
            else:
                lines.append(
                    f"  {name} (now {now}) would tie {other} at {format_money(tie.base_salary)}."
                )
        lines.append("")
    if result.winner is not None and len(result.offer_ids) > 1:
        lines.append(
            "Weight that keeps "
            f"{scenario.offer(result.winner).display_name} the winner "
            "(share of the total weight: yours, then the range):"
        )
        for cid, interval in result.weight_stability.items():
            if interval is None:
                continue
            low, high = interval
            lines.append(
                f"  {scenario.criterion(cid).label}: {_percent(result.shares[cid])} "
                f"({_percent(low)} to {_percent(high)})"
            )
        lines.append("")
    lines.append(result.explanation)
    lines.extend(f"Note: {note}." for note in result.notes)
    return lines


# --- memoisation --------------------------------------------------------------------------------


def decision_key(scenario: Scenario, expected_earnings_3y: Mapping[str, float] | None) -> Hashable:
    """A hashable key of everything `decide` reads, for memoising it.

    The money figures are themselves a function of the offers, the tax settings, the benchmarks
    and the target, so they need no place in the key.
    """
    earnings = (
        None
        if expected_earnings_3y is None
        else tuple(sorted((k, float(v)) for k, v in expected_earnings_3y.items()))
    )
    return (
        scenario.offers,
        scenario.criteria,
        scenario.tax,
        scenario.target_salary,
        scenario.target_benchmark_id,
        scenario.benchmarks,
        scenario.weight_confidence,
        scenario.simulation.seed,
        earnings,
    )
