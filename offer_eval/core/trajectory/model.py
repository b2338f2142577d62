"""The search model as monthly tables, the lowest offer worth taking, and the market level."""

from __future__ import annotations

import dataclasses
import functools
import math
import statistics
from dataclasses import dataclass
from typing import Final

import numpy as np

from offer_eval.core.benchmarks import median_estimate
from offer_eval.core.models import Scenario, SearchAssumptions, TaxSettings
from offer_eval.core.search import reservation_wage
from offer_eval.core.search_history import effective_search
from offer_eval.core.trajectory.net_pay import NetCurve, found_job_net_curve
from offer_eval.core.trajectory.rates import BetaParameters, rate_spread
from offer_eval.core.trajectory.results import FloatArray, frozen

RESERVATION_POINTS: Final = 101
"""Equally likely salaries standing in for the lognormal offer distribution in the McCall model."""
MAX_MONTHLY_DISCOUNT: Final = 0.9999
"""The McCall model needs a discount factor below 1; a 0% discount rate is read as about 0.12%."""


def _standard_normal_points(count: int) -> FloatArray:
    normal = statistics.NormalDist()
    return np.array([normal.inv_cdf((i + 0.5) / count) for i in range(count)])


@functools.cache
def _reservation_points() -> FloatArray:
    return frozen(_standard_normal_points(RESERVATION_POINTS))


def _offer_chance(rate_per_application: FloatArray, applications: float) -> FloatArray:
    """Chance of at least one offer in a month: 1 − (1 − q)^applications."""
    if applications <= 0:
        return np.zeros_like(rate_per_application)
    with np.errstate(divide="ignore"):
        result: FloatArray = -np.expm1(applications * np.log1p(-rate_per_application))
    return np.where(rate_per_application >= 1.0, 1.0, result)


@dataclass(frozen=True, slots=True, eq=False)
class SearchModel:
    """The search section turned into monthly tables, indexed by months of target-field experience.

    `credit[e]` is how far employers treat you as experienced after e months (0 novice, 1
    experienced); `arrival_employed/unemployed[e]` the monthly chance of an offer; `offer_factor[e]`
    the share of the market median offered (the novice discount fading out).
    """

    search: SearchAssumptions
    months: int
    credit: FloatArray
    arrival_employed: FloatArray
    arrival_unemployed: FloatArray
    offer_factor: FloatArray
    layoff_monthly: float
    margin: float
    raise_found: float
    growth_monthly: float
    income_monthly: float
    discount_monthly: float
    net_found: NetCurve
    stop_at: float = math.inf
    """A path stops searching once it holds a job paying at least this base salary (the target
    salary with `stop_at_target`; infinity: never stops)."""
    spread: BetaParameters | None = None
    """The Beta parameters each path draws its own rates from when your counts set them
    (`rate_spread`); None: every path has the rates as set."""

    @property
    def levels(self) -> int:
        """Size of the experience tables (every experience reachable within the horizon)."""
        return int(self.credit.size)

    def callback_rate(self, experience: int) -> float:
        """Callback rate per application after `experience` months in the new field."""
        s = self.search
        credit = float(self.credit[min(experience, self.levels - 1)])
        return (
            s.callback_rate_novice + (s.callback_rate_experienced - s.callback_rate_novice) * credit
        )


def build_model(
    search: SearchAssumptions,
    tax: TaxSettings,
    months: int,
    children: int = 0,
    stop_at: float = math.inf,
) -> SearchModel:
    """Monthly tables for `search` (already effective: history applied) over `months` months;
    found jobs pay the household's Child Benefit charge on `children`."""
    levels = search.prior_experience_months + months + 2
    experience = np.arange(levels, dtype=np.float64)
    steps = search.ramp_months + 1
    credit = np.clip((experience - search.experience_threshold_months + 1.0) / steps, 0.0, 1.0)
    callback = (
        search.callback_rate_novice
        + (search.callback_rate_experienced - search.callback_rate_novice) * credit
    )
    per_application = callback * search.offers_per_callback
    layoff_yearly = search.layoff_rate_pct / 100.0
    layoff_monthly = -math.expm1(math.log1p(-layoff_yearly) / 12.0) if layoff_yearly < 1 else 1.0
    discount = (1.0 + search.discount_rate_pct / 100.0) ** (-1.0 / 12.0)
    return SearchModel(
        search=search,
        months=months,
        credit=frozen(credit),
        arrival_employed=frozen(_offer_chance(per_application, search.applications_per_month)),
        arrival_unemployed=frozen(
            _offer_chance(per_application, search.applications_per_month_unemployed)
        ),
        offer_factor=frozen(search.novice_discount + (1.0 - search.novice_discount) * credit),
        layoff_monthly=layoff_monthly,
        margin=1.0 + search.switching_margin_pct / 100.0,
        raise_found=1.0 + search.annual_raise_pct / 100.0,
        growth_monthly=(1.0 + search.market_growth_pct / 100.0) ** (1.0 / 12.0),
        income_monthly=search.income_while_searching / 12.0,
        discount_monthly=min(discount, MAX_MONTHLY_DISCOUNT),
        net_found=found_job_net_curve(tax, search.new_job_pension_pct, children),
        stop_at=stop_at,
        spread=rate_spread(search),
    )


def reservation_salaries(model: SearchModel, market_median: float) -> FloatArray:
    """Lowest offer worth taking without a job, by months of experience (annual gross GBP, today).

    McCall with offer arrival, separation and CRRA utility (`reservation_wage`), run on monthly
    NET amounts: each offer of the lognormal at today's market is turned into its take-home (the
    found-job net curve: your tax settings, the new job's pension) and compared with the income
    while searching, which is already after tax; the net answer is then turned back into the gross
    salary paying that net. The arrival chance is the one for searching without a job, the
    separation rate the monthly layoff chance and the discount factor the monthly one. Experience
    does not grow while out of work, so each experience level is its own stationary problem. The
    model values a job as if it were kept, ignoring that work in the new field makes later
    applications more successful.
    """
    s = model.search
    found: dict[tuple[float, float], float] = {}
    # Levels share their (offer factor, offer chance) below the threshold and past the ramp:
    # each distinct pair is solved once (the tables read as Python floats in one go).
    keys = list(zip(model.offer_factor.tolist(), model.arrival_unemployed.tolist(), strict=True))
    for key in keys:
        if key not in found:
            found[key] = _reservation_salary(
                model.net_found,
                market_median,
                s.offer_spread,
                *key,
                income=model.income_monthly,
                discount=model.discount_monthly,
                separation=model.layoff_monthly,
                risk_aversion=s.risk_aversion,
            )
    return frozen(np.array([found[key] for key in keys], dtype=np.float64))


@functools.lru_cache(maxsize=256)
def _reservation_salary(
    curve: NetCurve,
    market_median: float,
    offer_spread: float,
    factor: float,
    chance: float,
    *,
    income: float,
    discount: float,
    separation: float,
    risk_aversion: float,
) -> float:
    """One experience level's reservation salary (`reservation_salaries`), remembered across
    models: a slider that moves one rate changes the novice levels' answers only, and the
    experienced levels' are found again on every step otherwise."""
    points = _reservation_points()
    probabilities = np.full(points.size, 1.0 / points.size)
    net_table, gross_table = _net_tables(curve)
    gross = market_median * factor * np.exp(offer_spread * points)
    # Only the table up to just past the dearest offer is read (40,001 entries in all).
    top = float(gross.max())
    end = int(top // curve.step) + 2 if top < gross_table[-1] else gross_table.size
    wages = np.interp(gross, gross_table[:end], net_table[:end])
    net = reservation_wage(
        wages,
        probabilities,
        income_while_searching=income,
        discount=discount,
        offer_probability=chance,
        separation_rate=separation,
        risk_aversion=risk_aversion,
    )
    return gross_for_net(net_table, gross_table, net)


@functools.lru_cache(maxsize=16)
def _net_tables(curve: NetCurve) -> tuple[FloatArray, FloatArray]:
    """(monthly net never falling as gross rises, the annual gross of each entry) of a found-job
    net curve. Kept per curve: 40,001 entries, and a search slider asks for them on every step."""
    net_table = frozen(np.maximum.accumulate(curve.monthly.astype(np.float64)))
    return net_table, frozen(np.arange(net_table.size, dtype=np.float64) * curve.step)


def gross_for_net(net_table: FloatArray, gross_table: FloatArray, net: float) -> float:
    """The lowest annual gross whose monthly take-home (by the found-job table) is `net`.

    Take-home never falls as gross rises; where the table is flat the lowest gross is taken.
    Beyond the table's top the last step's slope carries on, so very large answers stay finite.
    """
    top = float(net_table[-1])
    if net > top:
        slope = (gross_table[-1] - gross_table[-2]) / max(top - float(net_table[-2]), 1e-9)
        return float(gross_table[-1] + (net - top) * slope)
    index = int(np.searchsorted(net_table, net, side="left"))
    if index == 0:
        return float(gross_table[0])
    low, high = float(net_table[index - 1]), float(net_table[index])
    share = 0.0 if high <= low else (net - low) / (high - low)
    return float(gross_table[index - 1] + share * (gross_table[index] - gross_table[index - 1]))


NO_MARKET_REASON: Final = (
    "No forecast: choose a benchmark for new offers (the search's benchmark or the target "
    "benchmark); new offers are drawn around its median."
)
"""Why the trajectory is not computed when no market level exists (the money part still is)."""


class NoMarketError(ValueError):
    """The scenario names no benchmark for new offers, so no strategy can be simulated."""


def market_level(scenario: Scenario) -> tuple[float, str] | None:
    """(Market median every strategy's new offers are drawn around, where it comes from), or None.

    One market for every strategy, so declining and accepting are compared in the same world and
    nothing depends on the order of the offers: the search section's benchmark, else the target
    benchmark. An offer's own benchmark describes that job, not the jobs a search finds, so it is
    never used; with neither benchmark (or one without a median) there is no forecast.
    """
    benchmark_id = market_benchmark_id(scenario)
    benchmark = scenario.benchmark(benchmark_id)
    median = None if benchmark is None else median_estimate(benchmark)
    if benchmark is None or median is None:
        return None
    return median, f"the median of '{benchmark.label}'"


def market_benchmark_id(scenario: Scenario) -> str | None:
    """The id of the benchmark `market_level` reads (the search's, else the target's, whichever
    first has a median), or None."""
    for benchmark_id in (scenario.search.benchmark_id, scenario.target_benchmark_id):
        benchmark = scenario.benchmark(benchmark_id)
        if benchmark is not None and median_estimate(benchmark) is not None:
            return benchmark_id
    return None


def no_credit_scenario(scenario: Scenario) -> Scenario | None:
    """The scenario with employers giving no credit for experience in the new field.

    The experience threshold moves beyond the horizon, so callbacks AND the novice pay discount
    stay novice throughout (prior experience is dropped too: it would otherwise count towards the
    threshold). None when that changes nothing: the threshold is already out of reach, or novice
    and experienced are the same.
    """
    search = scenario.search
    effective = effective_search(search)
    months = scenario.simulation.months
    out_of_reach = (
        effective.experience_threshold_months > effective.prior_experience_months + months
    )
    same = (
        effective.callback_rate_experienced == effective.callback_rate_novice
        and effective.novice_discount == 1.0
    )
    if out_of_reach or same:
        return None
    changed = dataclasses.replace(
        search, experience_threshold_months=months + 1, prior_experience_months=0
    )
    return scenario.replace(search=changed)
