"""The user's settings around the positions: tax, household, job search and simulation.

Some fields here are read by models still being built (per-path rates, real terms, the measure).
Their defaults are the behaviour
the current models have, so a scenario states exactly what its results assumed; a model that
starts reading a field may then change its default, and older files keep theirs because the
loader's migration writes them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal

from offer_eval.core.benefits import DEFAULT_INCOME_WHILE_SEARCHING
from offer_eval.core.checks import (
    MAX_MONEY,
    check_bool,
    check_choice,
    check_date,
    check_id,
    check_int,
    check_number,
    check_text,
    help_text,
)
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.tax import LoanPlan, TaxRegion, resolve_tax_year, validate_student_loans

Measure = Literal["take_home", "take_home_plus_pension"]
MEASURES: Final[tuple[str, ...]] = ("take_home", "take_home_plus_pension")


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
        check_choice("region", self.region, ("rUK", "scotland"))
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
            "Set the callback rate before experience and the offers per callback from these "
            "counts (not from the log)."
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
        check_bool("use_for_rates", self.use_for_rates)
        check_number("prior_callback_rate", self.prior_callback_rate, 0.0001, 0.9999)
        check_number("prior_applications", self.prior_applications, 0.01, 100_000)
        check_number("prior_offers_per_callback", self.prior_offers_per_callback, 0.0001, 0.9999)
        check_number("prior_callbacks", self.prior_callbacks, 0.01, 100_000)


@dataclass(frozen=True, slots=True)
class SearchAssumptions:
    """How a continued job search is modelled.

    Defaults follow the demo story: a career changer seeking a first job in a new field.
    """

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
        default=DEFAULT_INCOME_WHILE_SEARCHING,
        metadata=help_text(
            "Income a year while searching without a job, after tax (default: Universal Credit, "
            "single, 25+)."
        ),
    )
    discount_rate_pct: float = field(
        default=5.0,
        metadata=help_text(
            "How much less money a year from now is worth to you than money today, % (above "
            "inflation in real terms)."
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
    callback_rate_experienced_weight: float = field(
        default=20.0,
        metadata=help_text(
            "How sure you are of the experienced callback rate, in applications' worth: higher "
            "varies it less."
        ),
    )
    stop_at_target: bool = field(
        default=True,
        metadata=help_text(
            "Stop searching once you hold a job paying at least your target salary."
        ),
    )
    target_field_since: str | None = field(
        default=None,
        metadata=help_text(
            "The day you started work in the new field (2025-03-14); it splits your logged "
            "applications by experience."
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
        if self.risk_aversion >= 1 and self.income_while_searching <= 0:
            raise InvalidValueError(
                "income_while_searching",
                "must be above 0 when risk aversion is 1 or more (Universal Credit, single, 25 or "
                f"over, is {DEFAULT_INCOME_WHILE_SEARCHING:,.2f} a year)",
            )
        check_int("prior_experience_months", self.prior_experience_months, 0, 600)
        check_number("new_job_pension_pct", self.new_job_pension_pct, 0, 100)
        check_number(
            "callback_rate_experienced_weight", self.callback_rate_experienced_weight, 0.01, 100_000
        )
        check_bool("stop_at_target", self.stop_at_target)
        if self.target_field_since is not None:
            check_date("target_field_since", self.target_field_since)


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

    measure: Measure = field(
        default="take_home",
        metadata=help_text(
            "What the forecast adds up: take-home pay, or take-home pay plus what you and your "
            "employer pay into your pension."
        ),
    )
    real_terms: bool = field(
        default=False,
        metadata=help_text(
            "Show future money in today's pounds (prices rising at the inflation rate)."
        ),
    )
    inflation_pct: float = field(
        default=0.0,
        metadata=help_text(
            "How fast prices rise each year, %; it also lifts tax thresholds once a legal freeze ends."
        ),
    )
    years_after_horizon: int = field(
        default=0,
        metadata=help_text(
            "Years after the forecast ends during which each future keeps its last month's pay, "
            "counted in the present value."
        ),
    )

    def __post_init__(self) -> None:
        check_int("paths", self.paths, 100, 200_000)
        check_int("months", self.months, 36, 60)
        check_int("seed", self.seed, 0, 2**63 - 1)
        check_choice("measure", self.measure, MEASURES)
        check_bool("real_terms", self.real_terms)
        check_number("inflation_pct", self.inflation_pct, -10, 50)
        check_int("years_after_horizon", self.years_after_horizon, 0, 50)


@dataclass(frozen=True, slots=True)
class Household:
    """Who else the user's tax depends on: children for whom Child Benefit is paid.

    Child Benefit is clawed back through the High Income Child Benefit Charge once adjusted net
    income passes a threshold; the user is taken to be the higher earner of the household.
    """

    children: int = field(
        default=0, metadata=help_text("Children you (or your partner) get Child Benefit for.")
    )
    claims_child_benefit: bool = field(
        default=True,
        metadata=help_text(
            "Child Benefit is claimed for them (untick if the claim was stopped to avoid the charge)."
        ),
    )

    def __post_init__(self) -> None:
        check_int("children", self.children, 0, 20)
        check_bool("claims_child_benefit", self.claims_child_benefit)
