"""Money criteria: an offer's figure for a metric, the two anchors it is scored between, 0-10.

Default anchors come from ONE reference for every offer: the benchmark for the role being moved
into (else the job search's benchmark) and the user's target; never from an offer's own benchmark
or from other offers, so adding or removing an offer never changes another offer's score.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Final

from offer_eval.core.benchmarks import median_estimate
from offer_eval.core.compensation import PositionMoney
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.models import (
    Criterion,
    MoneyMetric,
    Position,
    Scenario,
    TaxSettings,
)
from offer_eval.core.money_text import format_money
from offer_eval.core.tax import take_home

ANCHOR_LOW_OF_MEDIAN: Final = 0.7
"""Default anchor scoring 0: this fraction of the benchmark median (gross, GBP a year)."""
ANCHOR_HIGH_OF_MEDIAN: Final = 1.3
"""Default anchor scoring 10: the larger of the target and this multiple of the median."""
NEUTRAL: Final = 5.0
"""Value given to a money criterion that has nothing to be measured against (see `MoneyValue`)."""


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


def reference_for(scenario: Scenario, offer: Position | None = None) -> Reference | None:
    """What default anchors are derived from: ONE reference for every offer.

    The benchmark for the role being moved into (`scenario.target_benchmark_id`) comes first;
    without one, the job search's benchmark (`search.benchmark_id`); without either, the target
    alone stands in for the median. None when there is nothing at all. Never an offer's own
    benchmark and never another offer: every offer is measured on the same scale, so a pound is
    worth the same points whichever offer it is in, and adding or removing an offer never changes
    another offer's score. `offer` is accepted for callers that pass it and is not read.
    """
    del offer
    target = scenario.target_salary if scenario.target_salary else None
    for label, benchmark in (
        ("target role", scenario.benchmark(scenario.target_benchmark_id)),
        ("job search", scenario.benchmark(scenario.search.benchmark_id)),
    ):
        median = None if benchmark is None else median_estimate(benchmark)
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
    reference = reference_for(scenario)
    if reference is None:
        return None
    return (money.base_salary / reference.median - 1.0) * 100.0


def unclamped(item: MoneyValue) -> float:
    """The 0-10 value a money figure would have without the clamp (may lie outside 0-10), or
    its value when it has no figure or anchors."""
    if item.value is None or item.low is None or item.high is None:
        return item.score
    return (item.value - item.low) / (item.high - item.low) * 10.0


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
    """The anchors for `criterion`: the user's when set, else derived from the one reference.

    With only one anchor set, the other is derived. They are the same for every offer.
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
