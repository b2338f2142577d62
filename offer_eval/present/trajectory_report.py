"""The trajectory's text and JSON output (the report's "What happens next" section)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Literal

from offer_eval.core.json_numbers import money, ratio
from offer_eval.core.models import Position, Scenario, SearchAssumptions
from offer_eval.core.money_text import format_money
from offer_eval.core.search_history import effective_search
from offer_eval.core.trajectory import (
    Band,
    LowestSalary,
    OfferTrajectory,
    TrajectoryResult,
    no_credit_scenario,
)
from offer_eval.core.trajectory.results import FloatArray
from offer_eval.present.labels import LOWEST_OFFER, STRATEGIES
from offer_eval.present.pay_terms import annual_as_pay_text, day_rate_of, is_contract
from offer_eval.present.text_table import align_columns


def _money_list(values: FloatArray) -> list[float | None]:
    return [money(v) for v in values.tolist()]


def band_json(band: Band) -> dict[str, Any]:
    """A band under its published keys (`months`, `p10`..`cumulative_p90`), plus extras."""
    return {
        "months": [int(m) for m in band.months.tolist()],
        "p10": _money_list(band.p10),
        "p50": _money_list(band.p50),
        "p90": _money_list(band.p90),
        "cumulative_p10": _money_list(band.cumulative_p10),
        "cumulative_p50": _money_list(band.cumulative_p50),
        "cumulative_p90": _money_list(band.cumulative_p90),
        "cumulative_mean": _money_list(band.cumulative_mean),
        "deterministic": band.deterministic,
    }


def lowest_salary_json(value: LowestSalary) -> float | str | None:
    """A lowest salary worth taking as JSON: money, "any" or null."""
    return value if value is None or isinstance(value, str) else money(value)


def lowest_salary_text(value: LowestSalary) -> str:
    """A lowest salary worth taking in words."""
    if value is None:
        return "none below £10,000,000"
    if isinstance(value, str):
        return "any salary"
    return f"{format_money(value)} a year"


def lowest_pay_text(offer: Position, value: LowestSalary) -> str:
    """A lowest offer worth taking in the offer's own terms: a salary a year, or for a contract
    the day rate (and what it bills in a year)."""
    if not is_contract(offer):
        return lowest_salary_text(value)
    if value is None:
        return "none below £10,000,000 a year billed"
    if isinstance(value, str):
        return "any day rate"
    return annual_as_pay_text(offer, value)


def _lowest_json(offer: Position | None, lowest: LowestSalary) -> dict[str, Any]:
    found: dict[str, Any] = {"lowest_salary_worth_taking": lowest_salary_json(lowest)}
    if offer is not None and is_contract(offer):
        # The search moved the day rate; the salary key above is what that rate bills a year.
        rate = lowest if lowest is None or isinstance(lowest, str) else day_rate_of(offer, lowest)
        found["lowest_day_rate_worth_taking"] = (
            rate if rate is None or isinstance(rate, str) else money(rate)
        )
    return found


def offer_trajectory_json(
    item: OfferTrajectory,
    lowest: LowestSalary | Literal["not computed"] = "not computed",
    offer: Position | None = None,
) -> dict[str, Any]:
    """One offer's trajectory: the published keys, then extras. `lowest_salary_worth_taking`
    appears when the searches ran (`evaluate_searches`); for a contract (`offer` given) also
    `lowest_day_rate_worth_taking`."""
    searched = {} if lowest == "not computed" else _lowest_json(offer, lowest)
    return {
        "accept_and_stay": band_json(item.accept_and_stay),
        "accept_and_search": band_json(item.accept_and_search),
        "expected_months_to_better_offer": ratio(item.expected_months_to_better_offer, 2),
        "p_better_within_6": ratio(item.p_better_within_6),
        "p_better_within_12": ratio(item.p_better_within_12),
        "break_even_month": item.break_even_month,
        "present_value": money(item.present_value),
        "present_value_with_tail": money(item.present_value_with_tail),
        **searched,
        "p_ahead": None
        if item.p_ahead is None
        else [ratio(float(v)) for v in item.p_ahead.tolist()],
        "expected_earnings_3y": money(item.expected_earnings_3y),
        "present_value_stay": money(item.present_value_stay),
        "expected_earnings_3y_stay": money(item.expected_earnings_3y_stay),
        "market_median": money(item.market_median),
        "p_better_within_horizon": ratio(item.p_better_within_horizon),
        "mean_difference_vs_decline": _money_list(item.mean_difference_vs_decline),
    }


def trajectory_json(
    result: TrajectoryResult,
    lowest: Mapping[str, LowestSalary] | None = None,
    no_credit: TrajectoryResult | None = None,
    scenario: Scenario | None = None,
) -> dict[str, Any]:
    """The `trajectory` key of `report --json`: the published keys, then extras. `lowest` holds
    each offer's lowest salary worth taking in work, when the searches ran; `no_credit` is the
    same scenario with no credit for experience (None: it would change nothing); `scenario`
    says which offers are contracts (their lowest offer is also given as a day rate)."""
    offers = {} if scenario is None else {o.id: o for o in scenario.offers}
    decline = band_json(result.decline_and_search)
    decline["present_value"] = money(result.present_value_decline)
    decline["present_value_with_tail"] = money(result.present_value_decline_with_tail)
    return {
        "reservation_salary": money(result.reservation_salary),
        "decline_and_search": decline,
        "offers": {
            oid: offer_trajectory_json(
                item, "not computed" if lowest is None else lowest.get(oid), offers.get(oid)
            )
            for oid, item in result.offers.items()
        },
        "years_after_horizon": result.years_after_horizon,
        "market": {
            "benchmark_id": result.market_benchmark_id,
            "median": money(result.market_median),
        },
        "no_credit": None
        if no_credit is None
        else {
            oid: {
                "break_even_month": item.break_even_month,
                "expected_months_to_better_offer": ratio(item.expected_months_to_better_offer, 2),
                "present_value": money(item.present_value),
            }
            for oid, item in no_credit.offers.items()
        },
        "reservation_salary_experienced": money(result.reservation_salary_experienced),
        "decline_expected_months_to_offer": ratio(result.decline_expected_months_to_offer, 2),
        "decline_p_offer_within_6": ratio(result.decline_p_offer_within_6),
        "decline_p_offer_within_12": ratio(result.decline_p_offer_within_12),
        "decline_p_offer_within_horizon": ratio(result.decline_p_offer_within_horizon),
        "present_value_decline": money(result.present_value_decline),
        "market_median": money(result.market_median),
        "market_source": result.market_source,
        "resolution": result.resolution,
        "paths": result.paths,
        "months": result.months,
        "seed": result.seed,
        "assumptions": list(result.assumptions),
    }


def _horizon_months(months: int) -> list[int]:
    return sorted({12, 24, months})


def _horizon_label(month: int) -> str:
    return (
        f"after {month // 12} year{'s' if month > 12 else ''}"
        if month % 12 == 0
        else f"after {month} months"
    )


def _range_text(band: Band, month: int, *, cumulative: bool = False) -> str:
    index = band.month(month)
    if cumulative:
        low, mid, high = band.cumulative_p10, band.cumulative_p50, band.cumulative_p90
    else:
        low, mid, high = band.p10, band.p50, band.p90
    if band.deterministic or math.isclose(low[index], high[index], rel_tol=0, abs_tol=0.5):
        return format_money(mid[index])
    return f"{format_money(mid[index])} ({format_money(low[index])}-{format_money(high[index])})"


def _plans_table(result: TrajectoryResult, scenario: Scenario, *, cumulative: bool) -> list[str]:
    horizons = _horizon_months(result.months)
    rows = [["", *(_horizon_label(m).capitalize() for m in horizons)]]
    for offer in scenario.offers:
        item = result.offers.get(offer.id)
        if item is None:
            continue
        name = offer.display_name
        rows.append(
            [
                f"  {name}: accept and stay",
                *(_range_text(item.accept_and_stay, m, cumulative=cumulative) for m in horizons),
            ]
        )
        rows.append(
            [
                f"  {name}: accept and keep searching",
                *(_range_text(item.accept_and_search, m, cumulative=cumulative) for m in horizons),
            ]
        )
    rows.append(
        [
            f"  {STRATEGIES['decline_and_search']}",
            *(_range_text(result.decline_and_search, m, cumulative=cumulative) for m in horizons),
        ]
    )
    return align_columns(rows)


def _break_even_text(item: OfferTrajectory, months: int) -> str:
    if item.break_even_month is None:
        return (
            f"Break-even: within {months} months, accepting and searching on does not stay ahead "
            "of declining and searching on (in total take-home, on average)."
        )
    if item.break_even_month == 1:
        return (
            "Break-even: from the first month on, accepting and searching on is ahead of declining "
            "and searching on (in total take-home, on average)."
        )
    return (
        f"Break-even: from month {item.break_even_month} on, accepting and searching on has "
        "earned more in total take-home, on average, than declining and searching on, and it "
        f"stays ahead to month {months}."
    )


def _offer_lines(item: OfferTrajectory, name: str, months: int, discount_pct: float) -> list[str]:
    wait = item.expected_months_to_better_offer
    return [
        name,
        f"  A better offer (one paying more than this job would pay by then): chance within 6 "
        f"months {item.p_better_within_6:.0%}, within 12 months {item.p_better_within_12:.0%}, "
        f"within {months} months {item.p_better_within_horizon:.0%}; expected wait about "
        f"{wait:.0f} months (a wait beyond month {months} counts as {months + 1}).",
        "  " + _break_even_text(item, months),
        *_ahead_lines(item, months),
        f"  Total take-home over the first 3 years if you accept and keep searching: "
        f"{format_money(item.expected_earnings_3y)} on average "
        f"({format_money(item.expected_earnings_3y_stay)} if you stay).",
        f"  Worth today (present value: later money counted {discount_pct:g}% a year less): "
        f"{format_money(item.present_value)} over {months} months if you accept and keep "
        f"searching, {format_money(item.present_value_stay)} if you stay.",
    ]


AHEAD_MONTH = 36
"""The month the plain sentence about P(ahead) speaks of (or the horizon, when shorter)."""


def ahead_sentence(p_ahead: FloatArray, month: int = AHEAD_MONTH) -> str:
    """ "ahead of declining in 7 of 10 futures by month 36": the chance of being ahead in words,
    at `month` (the last month when the forecast is shorter)."""
    month = min(month, len(p_ahead))
    tenths = round(float(p_ahead[month - 1]) * 10)
    return f"ahead of declining in {tenths} of 10 futures by month {month}"


def _ahead_lines(item: OfferTrajectory, months: int) -> list[str]:
    """ "Accepting is ahead in 7 of 10 futures by month 36": the spread behind the average."""
    if item.p_ahead is None:
        return []
    month = min(AHEAD_MONTH, months)
    share = float(item.p_ahead[month - 1])
    return [
        f"  Accepting and searching on is {ahead_sentence(item.p_ahead, month)} "
        f"({share:.0%} of the simulated futures, the same future for both plans), and in "
        f"{float(item.p_ahead[-1]):.0%} by month {months}."
    ]


def _lowest_line(offer: Position, value: LowestSalary, result: TrajectoryResult) -> str:
    tail = (
        f" plus {result.years_after_horizon} years after it at the last month's pay"
        if result.years_after_horizon
        else ""
    )
    pay = "day rate" if is_contract(offer) else "base salary"
    return (
        f"  {LOWEST_OFFER.label} while you have a job: {lowest_pay_text(offer, value)}. At "
        f"that {pay} (everything else about the offer the same), accepting and searching "
        "on is worth as much today as turning every offer down and searching on from your "
        f"current job (present value over {result.months} months{tail}, the same simulated "
        "futures); below it, declining is worth more."
    )


def trajectory_text(
    result: TrajectoryResult,
    scenario: Scenario,
    no_credit: TrajectoryResult | None = None,
    lowest: Mapping[str, LowestSalary] | None = None,
) -> list[str]:
    """Lines for the text report: the three plans, break-even, the lowest offer worth taking,
    the no-credit case and the assumptions, in plain words (no unexplained jargon)."""
    search = effective_search(scenario.search)
    title = "What happens next: accept, stay or keep searching"
    lines = [
        title,
        "=" * len(title),
        f"{result.paths:,} simulated futures over the next {result.months} months"
        + (" (quick preview)" if result.resolution == "interactive" else "")
        + ". Three plans are compared:",
        f"  * {STRATEGIES['accept_and_stay']}: take the offer and stay in that job.",
        f"  * {STRATEGIES['accept_and_search']}: take the offer, keep applying, and move when "
        "another job pays enough more.",
        f"  * {STRATEGIES['decline_and_search']}: turn every offer down and keep applying from "
        "where you are now.",
        "",
        "Base salary you would be on: the typical (middle) future, and in brackets the range "
        "from 1 in 10 futures below to 1 in 10 above.",
        *_plans_table(result, scenario, cumulative=False),
        "",
        "Total take-home earned from now until then (typical future, with the same range):",
        *_plans_table(result, scenario, cumulative=True),
        "",
    ]
    for offer in scenario.offers:
        item = result.offers.get(offer.id)
        if item is not None:
            lines.extend(
                _offer_lines(item, offer.display_name, result.months, search.discount_rate_pct)
            )
            if lowest is not None and offer.id in lowest:
                lines.append(_lowest_line(offer, lowest[offer.id], result))
            lines.append("")
    lines.append(
        "If you decline everything: the chance of an offer better than your current job is "
        f"{result.decline_p_offer_within_12:.0%} within 12 months and "
        f"{result.decline_p_offer_within_horizon:.0%} within {result.months} months (expected "
        f"wait about {result.decline_expected_months_to_offer:.0f} months, counted as above)."
    )
    lines.append("")
    lines.append(
        f"Lowest offer worth taking if you were searching without a job: "
        f"{format_money(result.reservation_salary)} a year."
    )
    lines.append(
        "  Below it, holding out for a better offer is worth more to you than the pay. Search "
        "theory calls this the reservation salary (the McCall job-search model's 'reservation "
        "wage': the lowest offer a job seeker should accept)."
    )
    lines.append(
        "  It weighs how often offers come, how much they vary, what you live on meanwhile, how "
        f"much you discount the future ({search.discount_rate_pct:g}% a year) and how much you "
        f"dislike uncertain pay (caution {search.risk_aversion:g} on a 0-3 scale). Once you count "
        f"as experienced it would be {format_money(result.reservation_salary_experienced)}."
    )
    lines.append("")
    lines.extend(_no_credit_lines(result, scenario, search, no_credit))
    lines.append("Assumptions:")
    lines.extend(f"  - {note}" for note in result.assumptions)
    return lines


def _no_credit_lines(
    result: TrajectoryResult,
    scenario: Scenario,
    search: SearchAssumptions,
    no_credit: TrajectoryResult | None,
) -> list[str]:
    if no_credit is None:
        if no_credit_scenario(scenario) is None:
            return [
                "Your assumptions already give no credit for experience: callbacks and offers "
                "stay at a novice's however long you work in the new field.",
                "",
            ]
        return []
    month = min(24, result.months)
    lines = [
        "If employers gave no credit for the new job (callbacks stay at "
        f"{search.callback_rate_novice:.1%} of applications however long you work in the field, "
        f"instead of rising to {search.callback_rate_experienced:.1%}, and offers stay at "
        f"{search.novice_discount:.0%} of the market):",
    ]
    for offer in scenario.offers:
        item = result.offers.get(offer.id)
        other = no_credit.offers.get(offer.id)
        if item is None or other is None:
            continue
        before = item.break_even_month
        after = other.break_even_month
        lines.append(
            f"  {offer.display_name}: typical base salary {_horizon_label(month)} "
            f"{format_money(other.accept_and_search.p50[month - 1])} instead of "
            f"{format_money(item.accept_and_search.p50[month - 1])}; a better offer after about "
            f"{other.expected_months_to_better_offer:.0f} months instead of "
            f"{item.expected_months_to_better_offer:.0f}; break-even "
            f"{_month_words(after)} instead of {_month_words(before)}."
        )
    lines.append("")
    return lines


def _month_words(month: int | None) -> str:
    return "never within the horizon" if month is None else f"month {month}"
