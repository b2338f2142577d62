"""Tie salary: the base salary at which an offer's score would equal the best other offer's.

A contract is paid by the day and never reads its base salary, so for a contract the search moves
the day rate instead (the figure a contractor negotiates) and reports both the tie day rate and
what it bills in a year, the contract's "base salary" for comparisons.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from offer_eval.core.contracts import MAX_DAY_RATE, days_billed
from offer_eval.core.decision.scorer import Scorer
from offer_eval.core.models import MAX_MONEY, Position

TieKind = Literal["tie_leader", "lose_lead"]

TIE_SALARY_TOLERANCE: Final = 0.001
"""The tie-salary search stops when the bracket is narrower than this (GBP a year)..."""
TIE_SALARY_POINTS: Final = 1e-6
"""...or when the score is this close to a tie (points; the contract asks for 0.01)."""
SIMULATED_TOLERANCE: Final = 10.0
"""Bracket width (GBP a year) the search stops at when each step re-simulates the forecast."""
SIMULATED_POINTS: Final = 1e-4
"""Score gap (points) that stops a re-simulating search early."""


@dataclass(frozen=True, slots=True)
class TieSalary:
    """What base salary (GBP a year) would make an offer tie the best other offer.

    For an offer behind the leader (`kind` ``tie_leader``): the base at which it would tie the
    leader, a counter-offer to ask for. For the leader (`lose_lead`): the base below which it
    would fall behind `against`. `base_salary` is None when no salary can do it (`reason` says
    why). Everything is recomputed from the changed base: bonus, employer pension, take-home
    through the tax model, and the 3-year expected earnings, re-simulated at each salary tried
    on the same paths (common random numbers, full resolution) when `simulated` is True, or the
    stand-in recomputed when the simulation is unavailable.

    For a contract (`day_rate` is not None) the search moved the day rate: `day_rate` and
    `current_day_rate` are GBP a day, and `base_salary` / `current_base_salary` are what those
    rates bill in a year (day rate × days a year × utilisation).
    """

    offer_id: str
    kind: TieKind
    against: str
    current_base_salary: float
    base_salary: float | None
    reason: str
    simulated: bool = False
    current_day_rate: float | None = None
    day_rate: float | None = None

    @property
    def is_day_rate(self) -> bool:
        """True when the search moved a contract's day rate rather than a base salary."""
        return self.current_day_rate is not None

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


def tie_salary(
    scorer: Scorer,
    index: int,
    offer: Position,
    scores: Sequence[float],
    lead: int,
    *,
    earnings_at: Callable[[Position], float] | None = None,
) -> TieSalary:
    """The base salary at which `offer` ties the best other offer (see `TieSalary`).

    `earnings_at` re-simulates an offer's 3-year earnings at a changed salary; each step of the
    search then costs a simulation, so it stops at `SIMULATED_TOLERANCE` (GBP 10) instead.
    """
    found = _tie_salary(scorer, index, offer, scores, lead, earnings_at=earnings_at)
    simulated = earnings_at is not None and scorer.earnings_for(offer.id) is not None
    return dataclasses.replace(found, simulated=simulated)


def _tie_salary(
    scorer: Scorer,
    index: int,
    offer: Position,
    scores: Sequence[float],
    lead: int,
    *,
    earnings_at: Callable[[Position], float] | None,
) -> TieSalary:
    contract = offer.pay_type == "day_rate"
    # The search runs in the unit of the field it moves (GBP a year, or GBP a day for a
    # contract); `per_year` turns that unit into a year's pay.
    per_year = days_billed(offer.days_per_year, offer.utilisation_pct) if contract else 1.0
    current = offer.day_rate if contract else offer.base_salary
    word = "day rate" if contract else "salary"
    tolerance, points = TIE_SALARY_TOLERANCE, TIE_SALARY_POINTS
    if earnings_at is not None:
        tolerance, points = SIMULATED_TOLERANCE, SIMULATED_POINTS
    if contract:
        tolerance = tolerance / per_year if per_year > 0 else tolerance
        top = min(MAX_DAY_RATE, MAX_MONEY / per_year) if per_year > 0 else MAX_DAY_RATE
        start = max(current, 1_000.0 / per_year if per_year > 0 else 1.0)
    else:
        top, start = MAX_MONEY, max(current, 1_000.0)

    def result(kind: TieKind, against: str, value: float | None, reason: str) -> TieSalary:
        annual = None if value is None else value * per_year
        if not contract:
            return TieSalary(offer.id, kind, against, current, annual, reason)
        return TieSalary(
            offer.id,
            kind,
            against,
            current * per_year,
            annual,
            reason,
            current_day_rate=current,
            day_rate=value,
        )

    others = [(score, i) for i, score in enumerate(scores) if i != index]
    if not others:
        return result("lose_lead", offer.id, None, "there is no other offer")
    target, other = max(others, key=lambda item: (item[0], -item[1]))
    against = scorer.scenario.offers[other].id

    def gap(value: float) -> float:
        return scorer.score_at_pay(index, offer, value, earnings_at) - target

    if index == lead:
        if gap(0.0) >= 0:
            return result(
                "lose_lead",
                against,
                None,
                f"it leads at any {word}: the non-money criteria decide",
            )
        value = _solve(gap, 0.0, current, tolerance=tolerance, points=points)
        return result(
            "lose_lead",
            against,
            value,
            f"below this {'day rate' if contract else 'base salary'} it falls behind",
        )
    if gap(current) >= 0:
        return result("tie_leader", against, current, "it already ties")
    high = start
    while True:
        high = min(high * 2.0, top)
        if gap(high) >= 0:
            break
        if high >= top:
            return result(
                "tie_leader",
                against,
                None,
                f"no {word} is enough: the non-money criteria decide",
            )
    value = _solve(gap, current, high, tolerance=tolerance, points=points)
    return result(
        "tie_leader",
        against,
        value,
        f"at this {'day rate' if contract else 'base salary'} it would tie",
    )
