"""The reality check: what the search assumptions imply, beside published UK figures.

A forecast is only as good as its rates, and the rates are the user's guesses (or the example's
illustrative defaults). So the figures they imply — callbacks per application, applications per
offer, offers a year, the chance of changing job within a year — are set beside published UK
figures (shipped with their sources in `resources/search/reality-check.json`) and flagged when
more than 2× apart; and the forecast's typical salary at the horizon is placed among the offers
the market makes then, flagged when it beats 9 in 10 of them. `rate_sources` says where every
search setting the forecast reads comes from: the user's own entry, their counts, a published
source, or "illustrative".
"""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass
from typing import Any, Final, Literal

from offer_eval.core.benefits import UNIVERSAL_CREDIT_YEAR, universal_credit_annual
from offer_eval.core.models import Scenario, SearchAssumptions
from offer_eval.core.resources import read_json_resource
from offer_eval.core.search_history import effective_search
from offer_eval.core.trajectory.model import market_benchmark_id
from offer_eval.core.trajectory.results import Band, TrajectoryResult

REALITY_FILE: Final = ("search", "reality-check.json")
FLAG_RATIO: Final = 2.0
"""An implied figure more than this many times the published one (or less than 1/this) is
flagged."""
HIGH_PERCENTILE: Final = 90.0
"""A typical future salary above this percentile of the market's offers is flagged."""
ILLUSTRATIVE: Final = "illustrative"

Unit = Literal["share", "count", "percentile"]


@dataclass(frozen=True, slots=True)
class RealityItem:
    """One implied figure beside the published one it should resemble.

    `implied` and `published` are in `unit`: "share" a fraction in [0, 1], "count" a number,
    "percentile" 0-100; either may be None (a rate of 0 implies no offers: applications per
    offer is then None). `source` is where the published figure comes from; `what` says what it
    measures, `note` what the implied figure rests on. `flag`: the two are far enough apart to
    question the assumptions (see `FLAG_RATIO`, `HIGH_PERCENTILE`).
    """

    key: str
    name: str
    implied: float | None
    published: float | None
    unit: Unit
    source: str
    what: str
    note: str
    flag: bool


@dataclass(frozen=True, slots=True)
class RateSource:
    """A search setting the forecast reads, its value (as the model uses it) and its source."""

    key: str
    value: float
    source: str

    @property
    def illustrative(self) -> bool:
        return self.source.startswith(ILLUSTRATIVE)


@functools.cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = read_json_resource(*REALITY_FILE)
    return data


def published(key: str) -> tuple[float, str, str]:
    """(Value, what it measures, source) of a shipped published figure."""
    row = _data()["published"][key]
    return float(row["value"]), str(row["what"]), str(row["source"])


def far_apart(implied: float | None, published: float | None) -> bool:
    """More than `FLAG_RATIO` times apart either way (a zero against a positive figure is)."""
    if implied is None or published is None:
        return False
    if implied <= 0 or published <= 0:
        return (implied <= 0) != (published <= 0)
    return max(implied / published, published / implied) > FLAG_RATIO


def _item(
    key: str, name: str, implied: float | None, published_key: str, *, unit: Unit, note: str
) -> RealityItem:
    value, what, source = published(published_key)
    return RealityItem(
        key, name, implied, value, unit, source, what, note, far_apart(implied, value)
    )


def _rates(search: SearchAssumptions) -> tuple[tuple[str, str, float], ...]:
    """(key suffix, words, callback rate) now and once experienced (only now if the same)."""
    experienced_now = search.prior_experience_months >= search.experience_threshold_months
    now = search.callback_rate_experienced if experienced_now else search.callback_rate_novice
    rates = [("now", "now", now)]
    if not experienced_now:
        rates.append(("experienced", "once experienced", search.callback_rate_experienced))
    return tuple(rates)


def market_percentile(salary: float, median: float, spread: float) -> float:
    """Percentile (0-100) of `salary` among lognormal offers around `median` with log-spread
    `spread`: the model's own offer distribution."""
    if median <= 0 or salary <= 0:
        return 0.0 if salary <= 0 < median else 50.0
    if spread <= 0:
        return 50.0 if math.isclose(salary, median) else (100.0 if salary > median else 0.0)
    z = math.log(salary / median) / spread
    return 50.0 * (1.0 + math.erf(z / math.sqrt(2.0)))


def _salary_item(
    key: str,
    name: str,
    band: Band,
    *,
    result: TrajectoryResult,
    search: SearchAssumptions,
    scenario: Scenario,
) -> RealityItem:
    months = result.months
    salary = float(band.p50[months - 1])
    median = result.market_median * (1.0 + search.market_growth_pct / 100.0) ** (months / 12.0)
    percentile = market_percentile(salary, median, search.offer_spread)
    benchmark = scenario.benchmark(result.market_benchmark_id or market_benchmark_id(scenario))
    label = benchmark.label if benchmark is not None else "the market"
    origin = (benchmark.source or "no source given") if benchmark is not None else "no source"
    return RealityItem(
        key,
        name,
        percentile,
        50.0,
        "percentile",
        f"the median of '{label}' ({origin}), grown {search.market_growth_pct:g}% a year",
        f"where the typical (median) base salary in month {months} sits among the offers the "
        f"market makes then (the middle one is the 50th percentile)",
        f"typical base salary in month {months} £{salary:,.0f}; the market's median offer then "
        f"£{median:,.0f}, offers spread ±{search.offer_spread:.0%}",
        percentile > HIGH_PERCENTILE,
    )


def reality_check(scenario: Scenario, result: TrajectoryResult) -> tuple[RealityItem, ...]:
    """Every implied figure beside its published one, for this scenario's forecast."""
    search = effective_search(scenario.search)
    employed = scenario.current.base_salary > 0
    per_month = (
        search.applications_per_month if employed else search.applications_per_month_unemployed
    )
    per_year = 12.0 * per_month
    items: list[RealityItem] = []
    for suffix, words, rate in _rates(search):
        offers_rate = rate * search.offers_per_callback
        items.append(
            _item(
                f"callbacks_per_application_{suffix}",
                f"Callbacks per application, {words}",
                rate,
                "callbacks_per_application",
                unit="share",
                note="your callback rate",
            )
        )
        items.append(
            _item(
                f"applications_per_offer_{suffix}",
                f"Applications per offer, {words}",
                1.0 / offers_rate if offers_rate > 0 else None,
                "applications_per_offer",
                unit="count",
                note=f"callbacks {rate:.1%} of applications × offers {search.offers_per_callback:.0%} "
                "of callbacks",
            )
        )
        per_offer, _what, source = published("applications_per_offer")
        items.append(
            RealityItem(
                f"offers_a_year_{suffix}",
                f"Offers a year, {words}",
                per_year * offers_rate,
                per_year / per_offer,
                "count",
                source,
                f"your {per_year:,.0f} applications a year at {per_offer:,.0f} applications per "
                "offer",
                f"{per_month:g} applications a month × {offers_rate:.2%} of them an offer",
                far_apart(per_year * offers_rate, per_year / per_offer),
            )
        )
    items.append(
        _item(
            "job_change_within_a_year_decline",
            "Job change within a year, declining",
            result.decline_p_offer_within_12,
            "job_change_within_a_year",
            unit="share",
            note="the simulated futures in which you accept a better offer within 12 months",
        )
    )
    names = {offer.id: offer.display_name for offer in scenario.offers}
    for offer in scenario.offers:
        item = result.offers.get(offer.id)
        if item is None:
            continue
        change = _item(
            f"job_change_within_a_year:{offer.id}",
            f"Job change within a year, accepting {offer.display_name}",
            item.p_better_within_12,
            "job_change_within_a_year",
            unit="share",
            note="the simulated futures in which you move on to a better offer within 12 months",
        )
        target = scenario.target_salary
        if search.stop_at_target and target is not None and offer.base_salary >= target:
            # Staying put is the user's own rule here, not an optimistic rate.
            change = dataclasses.replace(
                change,
                note="you stop searching once a job pays your target salary, and this one does",
                flag=False,
            )
        items.append(change)
    years = f"{result.months / 12:g} year{'s' if result.months != 12 else ''}"
    items.append(
        _salary_item(
            "typical_salary_percentile_decline",
            f"Typical salary after {years}, declining",
            result.decline_and_search,
            result=result,
            search=search,
            scenario=scenario,
        )
    )
    for offer_id, item in result.offers.items():
        items.append(
            _salary_item(
                f"typical_salary_percentile:{offer_id}",
                f"Typical salary after {years}, accepting {names.get(offer_id, offer_id)}",
                item.accept_and_search,
                result=result,
                search=search,
                scenario=scenario,
            )
        )
    return tuple(items)


RATE_KEYS: Final = (
    "applications_per_month",
    "applications_per_month_unemployed",
    "callback_rate_novice",
    "callback_rate_experienced",
    "callback_rate_experienced_weight",
    "experience_threshold_months",
    "ramp_months",
    "offers_per_callback",
    "market_growth_pct",
    "novice_discount",
    "offer_spread",
    "switching_margin_pct",
    "annual_raise_pct",
    "layoff_rate_pct",
    "income_while_searching",
    "discount_rate_pct",
    "risk_aversion",
    "new_job_pension_pct",
)
"""The numeric search settings the forecast reads, in the order the form shows them."""

_DEFAULTS: Final = SearchAssumptions()


def _default_source(key: str) -> str:
    source = str(_data()["defaults"].get(key, ILLUSTRATIVE))
    if source == "universal-credit":
        _amount, url = universal_credit_annual(UNIVERSAL_CREDIT_YEAR)
        return (
            f"Universal Credit standard allowance, single, 25 or over, {UNIVERSAL_CREDIT_YEAR}: "
            f"{url}"
        )
    return source


def rate_sources(scenario: Scenario) -> tuple[RateSource, ...]:
    """Where each search setting the forecast reads comes from, in this order: a source the
    scenario gives for that field; the user's own counts (when set to be used); the shipped
    source of the default (when the value is the default, or "illustrative"); else the
    user's own figure."""
    search = scenario.search
    used = effective_search(search)
    counted = {
        name
        for name in ("callback_rate_novice", "offers_per_callback")
        if getattr(used, name) != getattr(search, name)
        or (search.history is not None and search.history.use_for_rates)
    }
    rows: list[RateSource] = []
    for key in RATE_KEYS:
        value = float(getattr(used, key))
        own = scenario.sources.get(f"search.{key}")
        if own:
            source = own
        elif key in counted and search.history is not None:
            history = search.history
            source = (
                f"your own counts ({history.applications} applications, {history.callbacks} "
                f"callbacks, {history.offers} offers) weighed with a starting belief"
            )
        elif value == float(getattr(_DEFAULTS, key)):
            source = _default_source(key)
        else:
            source = "your figure"
        rows.append(RateSource(key, value, source))
    return tuple(rows)
