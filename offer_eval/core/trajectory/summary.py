"""From simulated outcomes to the figures a result reports: break-even, present value, notes."""

from __future__ import annotations

import functools

import numpy as np

from offer_eval.core.models import Position, Scenario
from offer_eval.core.money_text import format_money
from offer_eval.core.search_history import history_text
from offer_eval.core.trajectory.model import MAX_MONTHLY_DISCOUNT, SearchModel
from offer_eval.core.trajectory.results import (
    EARNINGS_MONTHS,
    FloatArray,
    OfferTrajectory,
    frozen,
)
from offer_eval.core.trajectory.strategies import StrategyOutcome


def break_even_month(difference: FloatArray) -> int | None:
    """First month m (1-based) with `difference` > 0 in every month from m on; None if none."""
    positive = difference > 0
    if positive.size == 0 or not positive[-1]:
        return None
    failing = np.flatnonzero(~positive)
    return 1 if failing.size == 0 else int(failing[-1]) + 2


def present_value(cumulative_mean: FloatArray, discount_rate_pct: float) -> float:
    """Expected net earnings over the horizon, month t discounted by (1 + rate)^(−t/12) (GBP)."""
    total = np.asarray(cumulative_mean, dtype=np.float64)
    monthly = np.empty_like(total)  # np.diff with 0 prepended, without its copies
    np.subtract(total[:1], 0.0, out=monthly[:1])
    np.subtract(total[1:], total[:-1], out=monthly[1:])
    return float(monthly @ _discount_factors(discount_rate_pct, 1, monthly.size))


@functools.lru_cache(maxsize=64)
def _discount_factors(discount_rate_pct: float, first: int, last: int) -> FloatArray:
    """(1 + rate)^(−t/12) for months t = first..last, kept: a slider step values five curves at
    one rate, and the powers cost more than the sum."""
    months = np.arange(first, last + 1)
    return frozen((1.0 + discount_rate_pct / 100.0) ** (-months / 12.0))


def present_value_with_tail(
    cumulative_mean: FloatArray, discount_rate_pct: float, years_after_horizon: int
) -> float:
    """`present_value` plus a tail: the measure of the last month (its mean over paths) held flat
    for `years_after_horizon` more years, each month discounted the same way (GBP).

    A path's last month is its job's pay, or the income while searching if it has none; the
    mean of a sum is the sum of the means, so the mean last month carries every path's tail.
    """
    value = present_value(cumulative_mean, discount_rate_pct)
    months = cumulative_mean.size
    if years_after_horizon <= 0 or months == 0:
        return value
    last = float(cumulative_mean[-1] - (cumulative_mean[-2] if months > 1 else 0.0))
    factors = _discount_factors(discount_rate_pct, months + 1, months + 12 * years_after_horizon)
    return value + last * float(factors.sum())


def offer_trajectory(
    offer: Position,
    stay: StrategyOutcome,
    search: StrategyOutcome,
    decline: StrategyOutcome,
    *,
    earnings_3y: float,
    discount_rate_pct: float,
    market_median: float,
    years_after_horizon: int = 0,
    p_ahead: FloatArray | None = None,
) -> OfferTrajectory:
    """One offer's figures from its stay, search and the decline outcomes (paired on paths)."""
    difference = search.band.cumulative_mean - decline.band.cumulative_mean
    month_36 = min(EARNINGS_MONTHS, stay.band.cumulative_mean.size) - 1
    return OfferTrajectory(
        offer_id=offer.id,
        accept_and_stay=stay.band,
        accept_and_search=search.band,
        expected_months_to_better_offer=search.expected_months_to_better,
        p_better_within_6=search.p_better_within_6,
        p_better_within_12=search.p_better_within_12,
        break_even_month=break_even_month(difference),
        present_value=present_value(search.band.cumulative_mean, discount_rate_pct),
        expected_earnings_3y=earnings_3y,
        mean_difference_vs_decline=difference,
        present_value_stay=present_value(stay.band.cumulative_mean, discount_rate_pct),
        expected_earnings_3y_stay=float(stay.band.cumulative_mean[month_36]),
        market_median=market_median,
        p_better_within_horizon=search.p_better_within_horizon,
        present_value_with_tail=present_value_with_tail(
            search.band.cumulative_mean, discount_rate_pct, years_after_horizon
        ),
        p_ahead=p_ahead,
    )


def _pct(value: float) -> str:
    return f"{value:g}%"


def assumption_notes(
    scenario: Scenario,
    model: SearchModel,
    *,
    market_median: float,
    market_source: str,
    reservation: float,
    paths: int,
) -> tuple[str, ...]:
    """The model's assumptions in plain words, one sentence each (for the report and the GUI)."""
    s = model.search
    sim = scenario.simulation
    notes = [
        f"New offers are drawn around {format_money(market_median)} a year ({market_source}), "
        f"growing {_pct(s.market_growth_pct)} a year; about 8 in 10 fall within "
        f"{s.offer_spread * 1.28:.0%} either side of that.",
        f"Before employers count you as experienced (after {s.experience_threshold_months} months "
        f"in work in the new field) offers pay {s.novice_discount:.0%} of that level.",
        f"You send {s.applications_per_month:g} applications a month while in work and "
        f"{s.applications_per_month_unemployed:g} without one; {s.callback_rate_novice:.1%} get a "
        f"callback before you are experienced and {s.callback_rate_experienced:.1%} after, and "
        f"{s.offers_per_callback:.0%} of callbacks become an offer.",
        f"While in work you move only for at least {_pct(s.switching_margin_pct)} more base "
        f"salary than you are on; without work you take any offer of at least "
        f"{format_money(reservation)} a year (the lowest offer worth taking).",
        (
            f"You stop searching once a job pays at least {format_money(model.stop_at)} a year "
            "(your target salary); at most one move a month."
            if np.isfinite(model.stop_at)
            else "You keep searching however much a job pays; at most one move a month."
        ),
        f"A job found by searching gives a {_pct(s.annual_raise_pct)} raise each year and pays no "
        f"bonus; the jobs you hold or are offered keep their own raises, bonus and pension.",
        "Nobody is laid off."
        if s.layoff_rate_pct == 0
        else f"Each year a job has a {_pct(s.layoff_rate_pct)} chance of ending in a layoff.",
        "Earnings are take-home pay after income tax, National Insurance, student loan and your "
        f"pension contribution, plus {format_money(s.income_while_searching)} a year while without "
        "work; commuting, moving and living costs are left out.",
        f"{paths:,} simulated futures of {sim.months} months (seed {sim.seed}); the ranges show "
        "the 10th to 90th percentile month by month.",
    ]
    if scenario.search.history is not None:
        notes.append(history_text(scenario.search.history))
    if model.spread is not None:
        notes.append(
            "Your counts set the rates, so each simulated future draws its own: the callback rate "
            "before experience and the offers per callback from what your counts allow, the rate "
            f"once experienced around {s.callback_rate_experienced:.1%} (as sure as "
            f"{s.callback_rate_experienced_weight:g} applications would make you); the ranges, the "
            "chance of being ahead and the present values include that uncertainty."
        )
    if model.discount_monthly >= MAX_MONTHLY_DISCOUNT and s.discount_rate_pct < 0.12:
        notes.append("A discount rate of 0% is treated as about 0.12% a year.")
    return tuple(notes)
