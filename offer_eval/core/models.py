"""The scenario and its parts as immutable, validated values (DESIGN section 4).

Every rule a value must obey is checked in ``__post_init__``, so a scenario that exists is a valid
one, whether it came from a file, the GUI or a test. A broken rule raises `InvalidValueError` naming
the field; the document loader adds the JSON path of the object around it.

Units: money is GBP per year unless a name says otherwise; ``*_pct`` fields are percentages
(5 = 5%); rates and probabilities without ``_pct`` are fractions in [0, 1]; months are whole months.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.tax import (
    LoanPlan,
    PensionMethod,
    TaxRegion,
    resolve_tax_year,
    validate_student_loans,
)

SCHEMA_VERSION: Final = 1  # of the scenario file format (DESIGN 6.4)
MAX_MONEY: Final = 10_000_000.0
MAX_TEXT: Final = 10_000
MAX_LABEL: Final = 200
MAX_ID: Final = 64

NegotiationStage = Literal["offered", "countered", "final"]
CriterionKind = Literal["rating", "money"]
MoneyMetric = Literal["net_take_home", "total_comp_year1", "expected_earnings_3y", "vs_benchmark"]
MONEY_METRICS: Final[tuple[str, ...]] = (
    "net_take_home",
    "total_comp_year1",
    "expected_earnings_3y",
    "vs_benchmark",
)


def help_text(text: str) -> dict[str, str]:
    """Field metadata: a one-line plain explanation shown as a tooltip and in reports."""
    return {"help": text}


def field_help(cls: type, name: str) -> str:
    """The plain explanation attached to a field, or an empty string."""
    for item in dataclasses.fields(cls):
        if item.name == name:
            return str(item.metadata.get("help", ""))
    raise KeyError(name)


# --- checks -------------------------------------------------------------------------------------


def _format_bound(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"


def check_number(name: str, value: object, low: float, high: float) -> float:
    """A finite number within [low, high]; booleans are not numbers here."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValueError(name, "must be a number")
    if not math.isfinite(value):
        raise InvalidValueError(name, "must be a finite number")
    if not low <= value <= high:
        raise InvalidValueError(
            name, f"must be between {_format_bound(low)} and {_format_bound(high)}"
        )
    return float(value)


def check_int(name: str, value: object, low: int, high: int) -> int:
    """A whole number within [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(name, "must be a whole number")
    if not low <= value <= high:
        raise InvalidValueError(
            name, f"must be between {_format_bound(low)} and {_format_bound(high)}"
        )
    return value


def check_text(name: str, value: object, max_length: int = MAX_LABEL) -> str:
    """A string of at most `max_length` characters, without NUL characters."""
    if not isinstance(value, str):
        raise InvalidValueError(name, "must be text")
    if len(value) > max_length:
        raise InvalidValueError(name, f"must be at most {max_length:,} characters")
    if "\x00" in value:
        raise InvalidValueError(name, "must not contain NUL characters")
    return value


def check_id(name: str, value: object) -> str:
    """Identifiers are short, non-empty and free of surrounding spaces (they key JSON objects)."""
    text = check_text(name, value, MAX_ID)
    if not text or text != text.strip():
        raise InvalidValueError(name, "must be a non-empty id without leading or trailing spaces")
    return text


def _check_unique(name: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for index, item in enumerate(ids):
        if item in seen:
            raise InvalidValueError(f"{name}[{index}].id", f"duplicate id '{item}'")
        seen.add(item)


def _nested(prefix: str, error: InvalidValueError) -> InvalidValueError:
    return InvalidValueError(f"{prefix}.{error.field}" if error.field else prefix, error.rule)


# --- parts of a position ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Equity:
    """A share grant: its total value vests over `vesting_years` after a cliff.

    `schedule_pct` gives each vesting year's share of the grant (e.g. 5/15/40/40); empty means
    even. Illiquid equity (private company shares) is shown apart and discounted, never counted as
    cash compensation.
    """

    grant_value: float = field(
        default=0.0,
        metadata=help_text("Total value of the grant at offer, all years together (£)."),
    )
    vesting_years: int = field(default=4, metadata=help_text("Years over which the grant vests."))
    cliff_months: int = field(
        default=12,
        metadata=help_text("Nothing vests before this many months; what accrued vests then."),
    )
    schedule_pct: tuple[float, ...] = field(
        default=(),
        metadata=help_text(
            "Share of the grant vesting in each year, in %; empty means equal shares."
        ),
    )
    liquid: bool = field(
        default=True,
        metadata=help_text("Listed shares you can sell; untick for private-company equity."),
    )
    illiquid_discount_pct: float = field(
        default=50.0,
        metadata=help_text(
            "How much to knock off illiquid equity for the risk that it is never worth its paper value (%)."
        ),
    )

    def __post_init__(self) -> None:
        check_number("grant_value", self.grant_value, 0, MAX_MONEY * 10)
        check_int("vesting_years", self.vesting_years, 1, 10)
        check_int("cliff_months", self.cliff_months, 0, 120)
        check_number("illiquid_discount_pct", self.illiquid_discount_pct, 0, 100)
        if not isinstance(self.liquid, bool):
            raise InvalidValueError("liquid", "must be true or false")
        if self.schedule_pct:
            if len(self.schedule_pct) != self.vesting_years:
                raise InvalidValueError(
                    "schedule_pct", f"must have one share per vesting year ({self.vesting_years})"
                )
            for index, share in enumerate(self.schedule_pct):
                check_number(f"schedule_pct[{index}]", share, 0, 100)
            if abs(sum(self.schedule_pct) - 100.0) > 0.01:
                raise InvalidValueError("schedule_pct", "the yearly shares must add up to 100%")

    def year_shares(self) -> tuple[float, ...]:
        """Fraction of the grant earned in each vesting year, before the cliff is applied."""
        if self.schedule_pct:
            return tuple(share / 100.0 for share in self.schedule_pct)
        return (1.0 / self.vesting_years,) * self.vesting_years


@dataclass(frozen=True, slots=True)
class NegotiationStep:
    """One step of an offer's negotiation: what was offered, countered and finally agreed."""

    stage: NegotiationStage
    base_salary: float
    date: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        if self.stage not in ("offered", "countered", "final"):
            raise InvalidValueError("stage", "must be offered, countered or final")
        check_number("base_salary", self.base_salary, 0, MAX_MONEY)
        check_text("date", self.date, 40)
        check_text("note", self.note, MAX_TEXT)


@dataclass(frozen=True, slots=True)
class Position:
    """The current job or an offer. Money is GBP per year unless the name says otherwise."""

    id: str
    base_salary: float = field(
        metadata=help_text("Annual base salary actually paid (not the full-time equivalent), £.")
    )
    name: str | None = None
    employer: str = ""
    title: str = ""
    region: str = field(
        default="uk_excl_london",
        metadata=help_text("Labour market the job is in, such as london or uk_excl_london."),
    )
    tax_region: TaxRegion | None = field(
        default=None,
        metadata=help_text(
            "Where you pay income tax for this job; blank uses the scenario's region."
        ),
    )
    benchmark_id: str | None = field(
        default=None, metadata=help_text("The market benchmark this job is compared with.")
    )
    target_field: bool = field(
        default=False,
        metadata=help_text(
            "Does experience in this job count towards the career you are moving into?"
        ),
    )
    bonus_target_pct: float = field(
        default=0.0, metadata=help_text("Bonus at target, as % of base salary.")
    )
    bonus_payout_pct: float = field(
        default=100.0,
        metadata=help_text(
            "How much of the target bonus you expect to be paid, in % (100 = all of it)."
        ),
    )
    sign_on: float = field(
        default=0.0, metadata=help_text("One-off sign-on bonus, paid in year 1 (£).")
    )
    equity: Equity | None = None
    employer_pension_pct: float = field(
        default=0.0, metadata=help_text("Employer pension contribution, % of base salary.")
    )
    employee_pension_pct: float = field(
        default=0.0, metadata=help_text("Your own pension contribution (gross), % of base salary.")
    )
    pension_method: PensionMethod = field(
        default="net_pay",
        metadata=help_text(
            "How your contribution is taken: net pay, relief at source or salary sacrifice."
        ),
    )
    benefits_value: float = field(
        default=0.0, metadata=help_text("Yearly value of benefits such as health insurance (£).")
    )
    benefits_taxable: bool = field(
        default=False, metadata=help_text("Are the benefits taxed as a benefit in kind?")
    )
    hours_per_week: float = field(default=37.5, metadata=help_text("Contracted hours per week."))
    holiday_days: float = field(
        default=25.0,
        metadata=help_text(
            "Paid holiday days a year, bank holidays included if your contract counts them."
        ),
    )
    annual_raise_pct: float = field(
        default=3.0, metadata=help_text("Expected pay rise on each anniversary, %.")
    )
    commute_days_per_week: float = field(
        default=0.0, metadata=help_text("Days a week you travel to the workplace.")
    )
    commute_cost_per_day: float = field(
        default=0.0, metadata=help_text("Return travel cost per day on site (£).")
    )
    commute_minutes_per_day: float = field(
        default=0.0, metadata=help_text("Return travel time per day on site, minutes.")
    )
    living_cost_difference_per_month: float = field(
        default=0.0,
        metadata=help_text(
            "Extra living costs a month compared with now, such as higher rent (£; negative if cheaper)."
        ),
    )
    relocation_cost: float = field(
        default=0.0, metadata=help_text("One-off cost of moving for this job (£).")
    )
    tax_free: bool = field(
        default=False,
        metadata=help_text("Income with no tax, NI or loan repayments, such as a PhD stipend."),
    )
    ends_after_months: int | None = field(
        default=None,
        metadata=help_text(
            "The job or stipend ends after this many months; blank if it continues."
        ),
    )
    ratings: FrozenMap[str, float] = field(
        default_factory=FrozenMap,
        metadata=help_text("Your 0-10 rating of this job on each criterion."),
    )
    negotiation: tuple[NegotiationStep, ...] = ()
    notes: str = ""

    def __post_init__(self) -> None:
        check_id("id", self.id)
        if self.name is not None:
            check_text("name", self.name)
        check_text("employer", self.employer)
        check_text("title", self.title)
        check_text("region", self.region, MAX_ID)
        if self.tax_region not in (None, "rUK", "scotland"):
            raise InvalidValueError("tax_region", "must be rUK or scotland")
        if self.benchmark_id is not None:
            check_id("benchmark_id", self.benchmark_id)
        for name in ("target_field", "benefits_taxable", "tax_free"):
            if not isinstance(getattr(self, name), bool):
                raise InvalidValueError(name, "must be true or false")
        check_number("base_salary", self.base_salary, 0, MAX_MONEY)
        check_number("bonus_target_pct", self.bonus_target_pct, 0, 500)
        check_number("bonus_payout_pct", self.bonus_payout_pct, 0, 500)
        check_number("sign_on", self.sign_on, 0, MAX_MONEY)
        check_number("employer_pension_pct", self.employer_pension_pct, 0, 100)
        check_number("employee_pension_pct", self.employee_pension_pct, 0, 100)
        if self.pension_method not in ("none", "net_pay", "relief_at_source", "salary_sacrifice"):
            raise InvalidValueError(
                "pension_method", "must be none, net_pay, relief_at_source or salary_sacrifice"
            )
        check_number("benefits_value", self.benefits_value, 0, MAX_MONEY)
        check_number("hours_per_week", self.hours_per_week, 1, 100)
        check_number("holiday_days", self.holiday_days, 0, 100)
        check_number("annual_raise_pct", self.annual_raise_pct, -50, 100)
        check_number("commute_days_per_week", self.commute_days_per_week, 0, 7)
        check_number("commute_cost_per_day", self.commute_cost_per_day, 0, 10_000)
        check_number("commute_minutes_per_day", self.commute_minutes_per_day, 0, 1_440)
        check_number(
            "living_cost_difference_per_month",
            self.living_cost_difference_per_month,
            -1_000_000,
            1_000_000,
        )
        check_number("relocation_cost", self.relocation_cost, 0, MAX_MONEY)
        if self.ends_after_months is not None:
            check_int("ends_after_months", self.ends_after_months, 1, 600)
        if not isinstance(self.ratings, FrozenMap):
            object.__setattr__(self, "ratings", _frozen_ratings(self.ratings))
        for key, value in self.ratings.items():
            check_id("ratings key", key)
            check_number(f"ratings.{key}", value, 0, 10)
        check_text("notes", self.notes, MAX_TEXT)

    @property
    def display_name(self) -> str:
        """The name the user gave, else "title, employer", else the id."""
        if self.name:
            return self.name
        parts = [part for part in (self.title, self.employer) if part]
        return ", ".join(parts) if parts else self.id

    def effective_tax_region(self, default: TaxRegion) -> TaxRegion:
        """This job's tax region, falling back to the scenario's."""
        return self.tax_region if self.tax_region is not None else default


def _frozen_ratings(value: object) -> FrozenMap[str, float]:
    if not isinstance(value, Mapping):
        raise InvalidValueError("ratings", "must be an object of criterion id to rating")
    return FrozenMap(value)


# --- benchmarks, criteria, settings ------------------------------------------------------------

PERCENTILE_FIELDS: Final = ("p10", "p25", "median", "p75", "p90")
PERCENTILE_LEVELS: Final = {"p10": 10.0, "p25": 25.0, "median": 50.0, "p75": 75.0, "p90": 90.0}


@dataclass(frozen=True, slots=True)
class Benchmark:
    """Published (or user-entered) annual gross pay for a role and region, with its source."""

    id: str
    label: str
    region: str = ""
    role: str = ""
    year: int | None = None
    period: str = ""
    source: str = ""
    reliability: str = ""
    p10: float | None = None
    p25: float | None = None
    median: float | None = None
    p75: float | None = None
    p90: float | None = None
    notes: str = ""

    def __post_init__(self) -> None:
        check_id("id", self.id)
        check_text("label", self.label)
        check_text("region", self.region)
        check_text("role", self.role)
        if self.year is not None:
            check_int("year", self.year, 1900, 2200)
        check_text("period", self.period)
        check_text("source", self.source, MAX_TEXT)
        check_text("reliability", self.reliability, MAX_TEXT)
        check_text("notes", self.notes, MAX_TEXT)
        known = [
            (name, getattr(self, name))
            for name in PERCENTILE_FIELDS
            if getattr(self, name) is not None
        ]
        if not known:
            raise InvalidValueError(
                "median", "a benchmark needs at least one of p10, p25, median, p75, p90"
            )
        previous: tuple[str, float] | None = None
        for name, value in known:
            check_number(name, value, 1, MAX_MONEY)
            if previous is not None and value < previous[1]:
                raise InvalidValueError(name, f"must not be below {previous[0]}")
            previous = (name, value)

    def points(self) -> tuple[tuple[float, float], ...]:
        """(percentile 0-100, salary) for each known point, in order."""
        return tuple(
            (PERCENTILE_LEVELS[name], float(value))
            for name in PERCENTILE_FIELDS
            if (value := getattr(self, name)) is not None
        )


@dataclass(frozen=True, slots=True)
class Criterion:
    """Something that matters in the decision, with the user's weight.

    A rating criterion is scored 0-10 per position by the user (`meaning_0/5/10` say what the scale
    means). A money criterion maps a computed `metric` to 0-10 between two anchors; with no
    anchors the decision model derives them from the benchmark and the target.
    """

    id: str
    label: str
    kind: CriterionKind = "rating"
    weight: float = field(
        default=1.0,
        metadata=help_text("How much this matters to you, relative to the other criteria."),
    )
    meaning_0: str = ""
    meaning_5: str = ""
    meaning_10: str = ""
    metric: MoneyMetric | None = None
    anchor_low: float | None = field(
        default=None,
        metadata=help_text("Value that scores 0; blank derives it from the benchmark."),
    )
    anchor_high: float | None = field(
        default=None,
        metadata=help_text(
            "Value that scores 10; blank derives it from the benchmark and your target."
        ),
    )

    def __post_init__(self) -> None:
        check_id("id", self.id)
        check_text("label", self.label)
        if not self.label.strip():
            raise InvalidValueError("label", "must not be empty")
        if self.kind not in ("rating", "money"):
            raise InvalidValueError("kind", "must be rating or money")
        check_number("weight", self.weight, 0, 1_000)
        for name in ("meaning_0", "meaning_5", "meaning_10"):
            check_text(name, getattr(self, name), MAX_TEXT)
        if self.kind == "money":
            if self.metric not in MONEY_METRICS:
                raise InvalidValueError(
                    "metric", f"a money criterion needs a metric: {', '.join(MONEY_METRICS)}"
                )
        elif self.metric is not None:
            raise InvalidValueError("metric", "only money criteria have a metric")
        for name in ("anchor_low", "anchor_high"):
            value = getattr(self, name)
            if value is not None:
                if self.kind != "money":
                    raise InvalidValueError(name, "only money criteria have anchors")
                check_number(name, value, -MAX_MONEY * 10, MAX_MONEY * 10)
        if (
            self.anchor_low is not None
            and self.anchor_high is not None
            and not self.anchor_low < self.anchor_high
        ):
            raise InvalidValueError("anchor_high", "must be above anchor_low")


@dataclass(frozen=True, slots=True)
class TaxSettings:
    """The person's tax situation, shared by every position unless one overrides the region."""

    year: str | None = field(
        default=None,
        metadata=help_text("UK tax year such as 2026/27; blank means the current one."),
    )
    region: TaxRegion = field(
        default="rUK",
        metadata=help_text(
            "rUK (England, Wales, Northern Ireland) or Scotland: they have different income tax bands."
        ),
    )
    student_loans: tuple[LoanPlan, ...] = field(
        default=(),
        metadata=help_text(
            "Student loan plans you repay: at most one undergraduate plan, plus a postgraduate loan."
        ),
    )

    def __post_init__(self) -> None:
        if self.year is not None:
            check_text("year", self.year, 20)
            try:
                resolve_tax_year(self.year)
            except InvalidValueError as error:
                raise InvalidValueError("year", error.rule) from None
        if self.region not in ("rUK", "scotland"):
            raise InvalidValueError("region", "must be rUK or scotland")
        try:
            validate_student_loans(self.student_loans)
        except InvalidValueError as error:
            raise InvalidValueError("student_loans", error.rule) from None


@dataclass(frozen=True, slots=True)
class SearchHistory:
    """What the user's own search so far looked like, and the starting belief it updates.

    The counts update a Beta prior on the callback rate (per application) and on the share of
    callbacks that become offers; the posterior means can replace the rates in the search section
    (`use_for_rates`). The prior's means and weights live here so the file states them.
    """

    applications: int = field(default=0, metadata=help_text("Applications you have sent so far."))
    callbacks: int = field(
        default=0,
        metadata=help_text("How many got a reply beyond the CV stage (a call or interview)."),
    )
    offers: int = field(default=0, metadata=help_text("How many ended in an offer."))
    use_for_rates: bool = field(
        default=False,
        metadata=help_text(
            "Set the callback rate before experience and the offers per callback from these counts."
        ),
    )
    prior_callback_rate: float = field(
        default=0.035,
        metadata=help_text(
            "Starting belief before your counts: share of applications that get a callback."
        ),
    )
    prior_applications: float = field(
        default=30.0,
        metadata=help_text(
            "How many applications' worth of weight that starting belief carries against your counts."
        ),
    )
    prior_offers_per_callback: float = field(
        default=0.25,
        metadata=help_text(
            "Starting belief before your counts: share of callbacks that become offers."
        ),
    )
    prior_callbacks: float = field(
        default=4.0,
        metadata=help_text(
            "How many callbacks' worth of weight that starting belief carries against your counts."
        ),
    )

    def __post_init__(self) -> None:
        check_int("applications", self.applications, 0, 100_000)
        check_int("callbacks", self.callbacks, 0, 100_000)
        check_int("offers", self.offers, 0, 100_000)
        if self.callbacks > self.applications:
            raise InvalidValueError("callbacks", "cannot exceed applications")
        if self.offers > self.callbacks:
            raise InvalidValueError("offers", "cannot exceed callbacks")
        if not isinstance(self.use_for_rates, bool):
            raise InvalidValueError("use_for_rates", "must be true or false")
        check_number("prior_callback_rate", self.prior_callback_rate, 0.0001, 0.9999)
        check_number("prior_applications", self.prior_applications, 0.01, 100_000)
        check_number("prior_offers_per_callback", self.prior_offers_per_callback, 0.0001, 0.9999)
        check_number("prior_callbacks", self.prior_callbacks, 0.01, 100_000)


@dataclass(frozen=True, slots=True)
class SearchAssumptions:
    """How a continued job search is modelled. Defaults follow the demo story (DESIGN section 2)."""

    applications_per_month: float = field(
        default=10.0, metadata=help_text("Applications you send each month while in a job.")
    )
    applications_per_month_unemployed: float = field(
        default=20.0, metadata=help_text("Applications you would send each month without a job.")
    )
    callback_rate_novice: float = field(
        default=0.035,
        metadata=help_text(
            "Share of applications that get past the CV stage before you have industry experience."
        ),
    )
    callback_rate_experienced: float = field(
        default=0.10,
        metadata=help_text(
            "Share of applications that get past the CV stage once you have enough experience in the new field."
        ),
    )
    experience_threshold_months: int = field(
        default=6,
        metadata=help_text(
            "Months in a job in the new field before employers treat you as experienced."
        ),
    )
    ramp_months: int = field(
        default=0,
        metadata=help_text(
            "Months over which the callback rate climbs to the experienced rate after the threshold (0 = at once)."
        ),
    )
    offers_per_callback: float = field(
        default=0.25, metadata=help_text("Share of callbacks (interviews) that turn into an offer.")
    )
    benchmark_id: str | None = field(
        default=None,
        metadata=help_text(
            "Benchmark whose median sets what new offers pay; blank uses the scenario's target benchmark."
        ),
    )
    market_growth_pct: float = field(
        default=3.0, metadata=help_text("How fast market pay for the role grows each year, %.")
    )
    novice_discount: float = field(
        default=0.80,
        metadata=help_text(
            "Offers made before you count as experienced pay this fraction of the benchmark median."
        ),
    )
    offer_spread: float = field(
        default=0.15,
        metadata=help_text(
            "How widely offers vary around the expected salary (0.15 is roughly ±15%; log-salary spread)."
        ),
    )
    switching_margin_pct: float = field(
        default=10.0,
        metadata=help_text(
            "How much more a new offer must pay before you would move while employed, %."
        ),
    )
    annual_raise_pct: float = field(
        default=3.0, metadata=help_text("Yearly raise in a job found through the search, %.")
    )
    layoff_rate_pct: float = field(
        default=0.0,
        metadata=help_text("Chance a year of losing your job, % (0 means jobs are safe)."),
    )
    income_while_searching: float = field(
        default=0.0,
        metadata=help_text(
            "Income a year while searching without a job, after tax, such as benefits or odd jobs (£)."
        ),
    )
    discount_rate_pct: float = field(
        default=5.0,
        metadata=help_text(
            "How much less money a year from now is worth to you than money today, %."
        ),
    )
    risk_aversion: float = field(
        default=1.0,
        metadata=help_text(
            "How much you dislike uncertain pay: 0 is indifferent, 1 is the usual cautious choice, 3 is very cautious."
        ),
    )
    prior_experience_months: int = field(
        default=0,
        metadata=help_text(
            "Months you have already worked in the new field; they count towards being experienced."
        ),
    )
    new_job_pension_pct: float = field(
        default=5.0,
        metadata=help_text(
            "Your own pension contribution in a job found by searching, % of salary (5% is the usual minimum)."
        ),
    )
    history: SearchHistory | None = field(
        default=None,
        metadata=help_text(
            "Your own counts of applications, callbacks and offers, if you set the rates from them."
        ),
    )

    def __post_init__(self) -> None:
        check_number("applications_per_month", self.applications_per_month, 0, 1_000)
        check_number(
            "applications_per_month_unemployed", self.applications_per_month_unemployed, 0, 1_000
        )
        check_number("callback_rate_novice", self.callback_rate_novice, 0, 1)
        check_number("callback_rate_experienced", self.callback_rate_experienced, 0, 1)
        check_int("experience_threshold_months", self.experience_threshold_months, 0, 120)
        check_int("ramp_months", self.ramp_months, 0, 120)
        check_number("offers_per_callback", self.offers_per_callback, 0, 1)
        if self.benchmark_id is not None:
            check_id("benchmark_id", self.benchmark_id)
        check_number("market_growth_pct", self.market_growth_pct, -50, 100)
        check_number("novice_discount", self.novice_discount, 0.05, 2)
        check_number("offer_spread", self.offer_spread, 0, 2)
        check_number("switching_margin_pct", self.switching_margin_pct, 0, 200)
        check_number("annual_raise_pct", self.annual_raise_pct, -50, 100)
        check_number("layoff_rate_pct", self.layoff_rate_pct, 0, 100)
        check_number("income_while_searching", self.income_while_searching, 0, MAX_MONEY)
        check_number("discount_rate_pct", self.discount_rate_pct, 0, 100)
        check_number("risk_aversion", self.risk_aversion, 0, 10)
        check_int("prior_experience_months", self.prior_experience_months, 0, 600)
        check_number("new_job_pension_pct", self.new_job_pension_pct, 0, 100)


@dataclass(frozen=True, slots=True)
class Simulation:
    """Monte Carlo settings: the same seed always gives the same results."""

    paths: int = field(
        default=10_000,
        metadata=help_text("Number of simulated futures; more is smoother and slower."),
    )
    months: int = field(
        default=60, metadata=help_text("How far ahead to look, in months (36 to 60).")
    )
    seed: int = field(
        default=20_240_101,
        metadata=help_text("Random seed: the same seed always gives the same results."),
    )

    def __post_init__(self) -> None:
        check_int("paths", self.paths, 100, 200_000)
        check_int("months", self.months, 36, 60)
        check_int("seed", self.seed, 0, 2**63 - 1)


# --- the scenario --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scenario:
    """Everything one comparison needs: the current job, the offers and the user's assumptions.

    `sources` maps a figure's JSON path (``"current.base_salary"``, ``"target_salary"``) to where it
    came from; the demo marks its invented figures ``"illustrative"``.
    """

    name: str
    current: Position
    currency: str = "GBP"
    tax: TaxSettings = field(default_factory=TaxSettings)
    target_salary: float | None = field(
        default=None, metadata=help_text("The salary you are aiming for (£ a year).")
    )
    target_benchmark_id: str | None = field(
        default=None, metadata=help_text("The benchmark for the role you are moving into.")
    )
    benchmarks: tuple[Benchmark, ...] = ()
    offers: tuple[Position, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    search: SearchAssumptions = field(default_factory=SearchAssumptions)
    simulation: Simulation = field(default_factory=Simulation)
    weight_confidence: float = field(
        default=50.0,
        metadata=help_text(
            "How sure you are of your weights: higher means the 'how sure' figure varies them less."
        ),
    )
    sources: FrozenMap[str, str] = field(default_factory=FrozenMap)
    notes: str = ""

    def __post_init__(self) -> None:
        check_text("name", self.name)
        check_text("currency", self.currency, 10)
        if self.target_salary is not None:
            check_number("target_salary", self.target_salary, 0, MAX_MONEY)
        check_text("notes", self.notes, MAX_TEXT)
        check_number("weight_confidence", self.weight_confidence, 0.1, 100_000)
        if not isinstance(self.sources, FrozenMap):
            if not isinstance(self.sources, Mapping):
                raise InvalidValueError("sources", "must be an object of figure path to source")
            object.__setattr__(self, "sources", FrozenMap(self.sources))
        for key, value in self.sources.items():
            check_text("sources key", key)
            check_text(f"sources.{key}", value, MAX_TEXT)
        self._check_references()

    def _check_references(self) -> None:
        _check_unique("benchmarks", (b.id for b in self.benchmarks))
        _check_unique("criteria", (c.id for c in self.criteria))
        position_ids = [self.current.id, *(offer.id for offer in self.offers)]
        seen: set[str] = set()
        for index, position_id in enumerate(position_ids):
            if position_id in seen:
                where = "current.id" if index == 0 else f"offers[{index - 1}].id"
                raise InvalidValueError(
                    where,
                    f"duplicate id '{position_id}' (the current job and every offer need their own id)",
                )
            seen.add(position_id)
        benchmark_ids = {b.id for b in self.benchmarks}
        for prefix, position in self.positions_with_paths():
            if position.benchmark_id is not None and position.benchmark_id not in benchmark_ids:
                raise InvalidValueError(
                    f"{prefix}.benchmark_id", f"no benchmark with id '{position.benchmark_id}'"
                )
        for name, value in (
            ("target_benchmark_id", self.target_benchmark_id),
            ("search.benchmark_id", self.search.benchmark_id),
        ):
            if value is not None and value not in benchmark_ids:
                raise InvalidValueError(name, f"no benchmark with id '{value}'")
        criterion_ids = {c.id for c in self.criteria}
        rating_ids = [c.id for c in self.criteria if c.kind == "rating"]
        for prefix, position in self.positions_with_paths():
            for key in position.ratings:
                if key not in criterion_ids:
                    raise InvalidValueError(f"{prefix}.ratings.{key}", "no criterion with this id")
        for index, offer in enumerate(self.offers):
            for criterion_id in rating_ids:
                if criterion_id not in offer.ratings:
                    raise InvalidValueError(
                        f"offers[{index}].ratings.{criterion_id}", "missing rating (0 to 10)"
                    )
        if self.criteria and sum(c.weight for c in self.criteria) <= 0:
            raise InvalidValueError("criteria", "the weights must add up to more than 0")

    # --- lookups -----------------------------------------------------------------------------

    def positions_with_paths(self) -> tuple[tuple[str, Position], ...]:
        """Each position with its JSON path, current first."""
        return (
            ("current", self.current),
            *((f"offers[{i}]", o) for i, o in enumerate(self.offers)),
        )

    @property
    def positions(self) -> tuple[Position, ...]:
        """The current job followed by every offer."""
        return (self.current, *self.offers)

    def benchmark(self, benchmark_id: str | None) -> Benchmark | None:
        """The benchmark with this id, or None."""
        if benchmark_id is None:
            return None
        return next((b for b in self.benchmarks if b.id == benchmark_id), None)

    def offer(self, offer_id: str) -> Position:
        """The offer with this id."""
        for offer in self.offers:
            if offer.id == offer_id:
                return offer
        raise KeyError(offer_id)

    def position(self, position_id: str) -> Position:
        """The current job or an offer by id."""
        if position_id == self.current.id:
            return self.current
        return self.offer(position_id)

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id."""
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    @property
    def is_illustrative(self) -> bool:
        """True when any figure is marked illustrative (the demo): the GUI shows a banner."""
        return any(source.strip().lower() == "illustrative" for source in self.sources.values())

    # --- edits (every edit makes a new scenario) ---------------------------------------------

    def replace(self, **changes: Any) -> Scenario:
        """A copy with some top-level fields changed (validated again)."""
        return dataclasses.replace(self, **changes)

    def with_position(self, position: Position) -> Scenario:
        """A copy with the position of the same id replaced."""
        if position.id == self.current.id:
            return self.replace(current=position)
        offers = tuple(position if o.id == position.id else o for o in self.offers)
        if offers == self.offers and position not in self.offers:
            raise KeyError(position.id)
        return self.replace(offers=offers)

    def with_criterion(self, criterion: Criterion) -> Scenario:
        """A copy with the criterion of the same id replaced."""
        criteria = tuple(criterion if c.id == criterion.id else c for c in self.criteria)
        return self.replace(criteria=criteria)
