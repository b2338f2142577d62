"""What the user's own application log says: the funnel, and rates with honest ranges.

The funnel counts applications that reached at least each stage. A callback is an application
that got past the CV stage (`screen` or further). Callback rates come from applications for jobs
in the new field (`target_field`), split by whether the user counted as experienced on the day
they applied: whole months of work in the new field since `search.target_field_since`, against
the experience threshold. Offers per callback pools those applications' callbacks.

Each rate is a Beta posterior over the scenario's stated prior (the one `search.history` holds,
or its defaults): Beta(a + k, b + n − k) with a = mean × weight, b = (1 − mean) × weight, after k
successes in n tries. The mean is (a + k) / (a + b + n); the 10th and 90th percentiles are where
the regularised incomplete beta function reaches 0.1 and 0.9.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass
from typing import Any, Final

from offer_eval.core.application import STAGES, Application, stage_rank
from offer_eval.core.assumptions import SearchAssumptions, SearchHistory
from offer_eval.core.json_numbers import ratio

RECENT_MONTHS: Final = 3  # applications per month are counted over this many months
DAYS_PER_MONTH: Final = 365.25 / 12


@dataclass(frozen=True, slots=True)
class RateEstimate:
    """A rate's posterior: mean, 10th and 90th percentiles, from `successes` in `n` tries."""

    mean: float
    p10: float
    p90: float
    n: int
    successes: int


@dataclass(frozen=True, slots=True)
class LogSummary:
    """The log in figures (all fractions in [0, 1])."""

    count: int
    funnel: tuple[tuple[str, int], ...]  # (stage, applications reaching at least it), in order
    callback_rate_novice: RateEstimate
    callback_rate_experienced: RateEstimate
    offers_per_callback: RateEstimate
    applications_per_month: float
    target_field_count: int

    def funnel_count(self, stage: str) -> int:
        """Applications that reached at least `stage`."""
        return dict(self.funnel)[stage]


@dataclass(frozen=True, slots=True)
class NoviceCounts:
    """Counts from applications made before the user counted as experienced."""

    applications: int
    callbacks: int
    offers: int


# --- the Beta distribution ----------------------------------------------------------------------


def _continued_fraction(a: float, b: float, x: float) -> float:
    """Lentz's method for the continued fraction of the incomplete beta function."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 1_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        step = d * c
        h *= step
        if abs(step - 1.0) < 1e-15:
            break
    return h


def beta_cdf(x: float, a: float, b: float) -> float:
    """P(X ≤ x) for X ~ Beta(a, b): the regularised incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _continued_fraction(a, b, x) / a
    return 1.0 - front * _continued_fraction(b, a, 1.0 - x) / b


def beta_quantile(p: float, a: float, b: float) -> float:
    """The x with P(X ≤ x) = p for X ~ Beta(a, b).

    Newton steps on the CDF (its slope is the density), each kept inside a bracket that
    bisection narrows whenever a step would leave it: the CDF is monotone, so this always
    converges, in a handful of CDF evaluations instead of the forty-odd of plain bisection.
    """
    if not 0.0 < p < 1.0:
        raise ValueError("p must be strictly between 0 and 1")
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    low, high = 0.0, 1.0
    x = min(max(a / (a + b), 1e-12), 1.0 - 1e-12)
    for _ in range(200):
        error = beta_cdf(x, a, b) - p
        if error < 0.0:
            low = x
        else:
            high = x
        density = math.exp(log_norm + (a - 1.0) * math.log(x) + (b - 1.0) * math.log1p(-x))
        step = x - error / density if density > 0.0 else -1.0
        following = step if low < step < high else (low + high) / 2.0
        if abs(following - x) < 1e-14 or high - low < 1e-14:
            return following
        x = following
    return x


# --- the Gamma distribution (a count per month) ------------------------------------------------


def gamma_cdf(x: float, shape: float) -> float:
    """P(X ≤ x) for X ~ Gamma(shape, scale 1): the regularised lower incomplete gamma function,
    by its series below shape + 1 and by Lentz's continued fraction for its complement above."""
    if x <= 0.0:
        return 0.0
    log_front = shape * math.log(x) - x - math.lgamma(shape)
    if x < shape + 1.0:
        term = total = 1.0 / shape
        denominator = shape
        for _ in range(10_000):
            denominator += 1.0
            term *= x / denominator
            total += term
            if abs(term) < abs(total) * 1e-16:
                break
        return total * math.exp(log_front)
    tiny = 1e-300
    b = x + 1.0 - shape
    c, d = 1.0 / tiny, 1.0 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - shape)
        b += 2.0
        d = an * d + b
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = b + an / c
        c = c if abs(c) > tiny else tiny
        step = d * c
        h *= step
        if abs(step - 1.0) < 1e-16:
            break
    return 1.0 - math.exp(log_front) * h


def gamma_quantile(p: float, shape: float) -> float:
    """The x with P(X ≤ x) = p for X ~ Gamma(shape, scale 1), by bisection (the CDF is monotone)."""
    if not 0.0 < p < 1.0:
        raise ValueError("p must be strictly between 0 and 1")
    low, high = 0.0, max(1.0, shape)
    while gamma_cdf(high, shape) < p:
        low, high = high, high * 2.0
    for _ in range(200):
        middle = (low + high) / 2.0
        if gamma_cdf(middle, shape) < p:
            low = middle
        else:
            high = middle
        if high - low <= 1e-13 * max(1.0, high):
            break
    return (low + high) / 2.0


@dataclass(frozen=True, slots=True)
class MonthlyRate:
    """Applications a month: the count over the recent months, and a likely range for the rate
    behind it (10th and 90th percentiles)."""

    per_month: float
    p10: float
    p90: float
    count: int
    months: float


def applications_per_month_range(dates: list[dt.date]) -> MonthlyRate | None:
    """`applications_per_month` with the range of the steady rate that could have produced it.

    The count in the window is taken as Poisson; with Jeffreys' prior the rate's posterior is
    Gamma(count + ½, scale 1 / months), whose 10th and 90th percentiles are the range. None
    without applications.
    """
    if not dates:
        return None
    latest = max(dates)
    start = _months_ago(latest, RECENT_MONTHS)
    count = sum(1 for day in dates if start < day <= latest)
    first = min(dates)
    months = (
        float(RECENT_MONTHS)
        if first <= start
        else max(1.0, ((latest - first).days + 1) / DAYS_PER_MONTH)
    )
    return MonthlyRate(
        per_month=count / months,
        p10=gamma_quantile(0.1, count + 0.5) / months,
        p90=gamma_quantile(0.9, count + 0.5) / months,
        count=count,
        months=months,
    )


def estimate(successes: int, trials: int, prior_mean: float, prior_weight: float) -> RateEstimate:
    """The Beta posterior of a rate after `successes` in `trials`, over a prior of this mean and
    weight (in tries)."""
    a = prior_mean * prior_weight + successes
    b = (1.0 - prior_mean) * prior_weight + (trials - successes)
    return RateEstimate(
        mean=a / (a + b),
        p10=beta_quantile(0.1, a, b),
        p90=beta_quantile(0.9, a, b),
        n=trials,
        successes=successes,
    )


# --- the log ------------------------------------------------------------------------------------


def whole_months(start: dt.date, day: dt.date) -> int:
    """Whole calendar months from `start` to `day` (0 if `day` is earlier): 14 Jan to 13 Jul is 5,
    to 14 Jul is 6."""
    if day < start:
        return 0
    months = (day.year - start.year) * 12 + (day.month - start.month)
    return months - 1 if day.day < start.day else months


def experienced_on(day: dt.date, search: SearchAssumptions) -> bool:
    """Did the user count as experienced on `day`: at least the threshold's months of work in
    the new field since `search.target_field_since` (never, without that date)."""
    if search.target_field_since is None:
        return False
    since = dt.date.fromisoformat(search.target_field_since)
    if day < since:
        return False
    return whole_months(since, day) >= search.experience_threshold_months


def _months_ago(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` earlier (the month's last day when it has fewer)."""
    year, month_index = divmod(day.year * 12 + day.month - 1 - months, 12)
    month = month_index + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def applications_per_month(dates: list[dt.date]) -> float:
    """Applications a month over the 3 months ending at the latest application.

    The window runs from the day after the same date 3 months earlier to the latest application,
    inclusive. A log that starts inside that window is measured over its own span (first to
    latest day inclusive, in months of 365.25 / 12 days, at least one month).
    """
    if not dates:
        return 0.0
    latest = max(dates)
    start = _months_ago(latest, RECENT_MONTHS)
    recent = sum(1 for day in dates if start < day <= latest)
    first = min(dates)
    if first <= start:
        return recent / RECENT_MONTHS
    span = ((latest - first).days + 1) / DAYS_PER_MONTH
    return recent / max(1.0, span)


def novice_counts(applications: tuple[Application, ...], search: SearchAssumptions) -> NoviceCounts:
    """Applications in the new field made before the user counted as experienced, with how many
    got past the CV stage and how many ended in an offer."""
    rows = [a for a in applications if a.target_field and not experienced_on(a.applied_on, search)]
    return NoviceCounts(
        applications=len(rows),
        callbacks=sum(1 for a in rows if a.rank >= 1),
        offers=sum(1 for a in rows if a.rank >= 3),
    )


def summarise(
    applications: tuple[Application, ...], search: SearchAssumptions
) -> LogSummary | None:
    """The log's funnel and rates; None for an empty log."""
    if not applications:
        return None
    prior = search.history if search.history is not None else SearchHistory()
    funnel = tuple(
        (stage, sum(1 for a in applications if a.rank >= stage_rank(stage))) for stage in STAGES
    )
    target = [a for a in applications if a.target_field]
    split: dict[bool, list[Application]] = {False: [], True: []}
    for row in target:
        split[experienced_on(row.applied_on, search)].append(row)

    def callback_rate(rows: list[Application]) -> RateEstimate:
        callbacks = sum(1 for a in rows if a.rank >= 1)
        return estimate(callbacks, len(rows), prior.prior_callback_rate, prior.prior_applications)

    callbacks = sum(1 for a in target if a.rank >= 1)
    offers = sum(1 for a in target if a.rank >= 3)
    return LogSummary(
        count=len(applications),
        funnel=funnel,
        callback_rate_novice=callback_rate(split[False]),
        callback_rate_experienced=callback_rate(split[True]),
        offers_per_callback=estimate(
            offers, callbacks, prior.prior_offers_per_callback, prior.prior_callbacks
        ),
        applications_per_month=applications_per_month([a.applied_on for a in applications]),
        target_field_count=len(target),
    )


# --- JSON ---------------------------------------------------------------------------------------


def _rate_json(rate: RateEstimate) -> dict[str, Any]:
    return {
        "mean": ratio(rate.mean),
        "p10": ratio(rate.p10),
        "p90": ratio(rate.p90),
        "n": rate.n,
        "successes": rate.successes,
    }


def applications_json(summary: LogSummary | None) -> dict[str, Any] | None:
    """The `applications` object of `report --json` (null without a log)."""
    if summary is None:
        return None
    return {
        "count": summary.count,
        "funnel": dict(summary.funnel),
        "callback_rate_novice": _rate_json(summary.callback_rate_novice),
        "callback_rate_experienced": _rate_json(summary.callback_rate_experienced),
        "offers_per_callback": _rate_json(summary.offers_per_callback),
        "applications_per_month": ratio(summary.applications_per_month),
        "target_field_count": summary.target_field_count,
    }
