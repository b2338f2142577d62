"""A job as the models see it: the current one or an offer, with its pay, pension and benefits.

Pay is a salary or a contractor's day rate; the employer pension is a fixed % or a matching rule;
taxable benefits in kind are kept apart from tax-free ones because only the former raise income
tax. Every rule is checked in ``__post_init__`` (see `offer_eval.core.models`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

from offer_eval.core.checks import (
    MAX_ID,
    MAX_MONEY,
    MAX_TEXT,
    check_bool,
    check_choice,
    check_id,
    check_int,
    check_number,
    check_text,
    help_text,
)
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.tax import PensionMethod, TaxRegion

NegotiationStage = Literal["offered", "countered", "final"]
PayType = Literal["salary", "day_rate"]
Engagement = Literal["inside_ir35_umbrella", "outside_ir35_ltd", "employed_contract"]
PAY_TYPES: Final[tuple[str, ...]] = ("salary", "day_rate")
ENGAGEMENTS: Final[tuple[str, ...]] = (
    "inside_ir35_umbrella",
    "outside_ir35_ltd",
    "employed_contract",
)
MAX_RATING_UNCERTAINTY: Final = 10.0


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
    """One step of an offer's negotiation: what was offered, countered and finally agreed.

    `base_salary` is the figure in the offer's own pay: GBP a year, or for a contract GBP a day.
    """

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
    pay_type: PayType = field(
        default="salary",
        metadata=help_text("Paid a salary, or a day rate as a contractor."),
    )
    day_rate: float = field(
        default=0.0, metadata=help_text("A contract's pay for each day worked (£).")
    )
    days_per_year: float = field(
        default=220.0,
        metadata=help_text(
            "Working days a year the contract could bill, after holidays and bank holidays."
        ),
    )
    utilisation_pct: float = field(
        default=100.0,
        metadata=help_text(
            "Share of those days you expect to be paid for, % (gaps between contracts lower it)."
        ),
    )
    engagement: Engagement = field(
        default="inside_ir35_umbrella",
        metadata=help_text(
            "How a contract is paid: inside IR35 via an umbrella, outside IR35 via your own "
            "company, or employed."
        ),
    )
    umbrella_margin: float = field(
        default=0.0,
        metadata=help_text("What the umbrella company keeps, £ a year (52 × its weekly fee)."),
    )
    accountancy_cost: float = field(
        default=0.0,
        metadata=help_text("Accountant and company running costs of a limited company, £ a year."),
    )
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
    pension_match_ratio: float | None = field(
        default=None,
        metadata=help_text(
            "Employer % for each 1% you pay, if it matches yours (1 = pound for pound); blank "
            "for a fixed %."
        ),
    )
    pension_match_floor_pct: float = field(
        default=0.0,
        metadata=help_text("A matching employer pays at least this %, whatever you put in."),
    )
    pension_match_cap_pct: float = field(
        default=100.0,
        metadata=help_text('A matching employer pays at most this % ("we match up to 6%").'),
    )
    sacrifice_ni_passed_on_pct: float = field(
        default=0.0,
        metadata=help_text(
            "Share of the employer National Insurance saved by salary sacrifice that the "
            "employer adds to your pension, %."
        ),
    )
    benefits_value: float = field(
        default=0.0,
        metadata=help_text(
            "Yearly value of tax-free benefits, such as an employer pension advice service or "
            "cycle to work (£)."
        ),
    )
    bik_private_medical: float = field(
        default=0.0,
        metadata=help_text(
            "Private medical insurance, taxed as a benefit in kind: its yearly cost to the employer (£)."
        ),
    )
    bik_car_list_price: float = field(
        default=0.0,
        metadata=help_text(
            "List price of a company car, taxed as a benefit in kind (£; 0 = none)."
        ),
    )
    bik_car_co2_g_km: int = field(
        default=0,
        metadata=help_text("The company car's CO2 emissions, g/km; they set its tax band."),
    )
    bik_car_electric_miles: int = field(
        default=0,
        metadata=help_text(
            "A hybrid car's electric range in miles; it sets the band for 1 to 50 g/km CO2."
        ),
    )
    bik_other: float = field(
        default=0.0,
        metadata=help_text("Other taxable benefits in kind, at their taxable value a year (£)."),
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
    rating_uncertainty: FrozenMap[str, float] = field(
        default_factory=FrozenMap,
        metadata=help_text(
            "How sure you are of a rating here, ± points; blank uses the criterion's."
        ),
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
        for name in ("target_field", "tax_free"):
            check_bool(name, getattr(self, name))
        check_number("base_salary", self.base_salary, 0, MAX_MONEY)
        self._check_contract()
        check_number("bonus_target_pct", self.bonus_target_pct, 0, 500)
        check_number("bonus_payout_pct", self.bonus_payout_pct, 0, 500)
        check_number("sign_on", self.sign_on, 0, MAX_MONEY)
        check_number("employer_pension_pct", self.employer_pension_pct, 0, 100)
        check_number("employee_pension_pct", self.employee_pension_pct, 0, 100)
        if self.pension_method not in ("none", "net_pay", "relief_at_source", "salary_sacrifice"):
            raise InvalidValueError(
                "pension_method", "must be none, net_pay, relief_at_source or salary_sacrifice"
            )
        self._check_pension_match()
        check_number("benefits_value", self.benefits_value, 0, MAX_MONEY)
        self._check_benefits_in_kind()
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
        if not isinstance(self.rating_uncertainty, FrozenMap):
            if not isinstance(self.rating_uncertainty, Mapping):
                raise InvalidValueError(
                    "rating_uncertainty", "must be an object of criterion id to ± points"
                )
            object.__setattr__(self, "rating_uncertainty", FrozenMap(self.rating_uncertainty))
        for key, value in self.rating_uncertainty.items():
            check_id("rating_uncertainty key", key)
            check_number(f"rating_uncertainty.{key}", value, 0, MAX_RATING_UNCERTAINTY)
        check_text("notes", self.notes, MAX_TEXT)

    def _check_contract(self) -> None:
        check_choice("pay_type", self.pay_type, PAY_TYPES)
        check_number("day_rate", self.day_rate, 0, 100_000)
        check_number("days_per_year", self.days_per_year, 1, 366)
        check_number("utilisation_pct", self.utilisation_pct, 0, 100)
        check_choice("engagement", self.engagement, ENGAGEMENTS)
        check_number("umbrella_margin", self.umbrella_margin, 0, 1_000_000)
        check_number("accountancy_cost", self.accountancy_cost, 0, 1_000_000)
        if self.pay_type == "day_rate" and self.tax_free:
            raise InvalidValueError("tax_free", "a contract paid by day rate is taxed")

    def _check_pension_match(self) -> None:
        if self.pension_match_ratio is not None:
            check_number("pension_match_ratio", self.pension_match_ratio, 0, 10)
        check_number("pension_match_floor_pct", self.pension_match_floor_pct, 0, 100)
        check_number("pension_match_cap_pct", self.pension_match_cap_pct, 0, 100)
        if self.pension_match_floor_pct > self.pension_match_cap_pct:
            raise InvalidValueError(
                "pension_match_floor_pct", "must not be above pension_match_cap_pct"
            )
        check_number("sacrifice_ni_passed_on_pct", self.sacrifice_ni_passed_on_pct, 0, 100)

    def _check_benefits_in_kind(self) -> None:
        check_number("bik_private_medical", self.bik_private_medical, 0, MAX_MONEY)
        check_number("bik_car_list_price", self.bik_car_list_price, 0, MAX_MONEY)
        check_int("bik_car_co2_g_km", self.bik_car_co2_g_km, 0, 1_000)
        check_int("bik_car_electric_miles", self.bik_car_electric_miles, 0, 1_000)
        check_number("bik_other", self.bik_other, 0, MAX_MONEY)

    @property
    def employer_pension_rate_pct(self) -> float:
        """The employer's pension contribution, % of base salary, after any matching rule.

        A matching employer pays `pension_match_ratio` × your % (gross), at least the floor and at
        most the cap; without a rule it pays the fixed `employer_pension_pct`.
        """
        if self.pension_match_ratio is None:
            return self.employer_pension_pct
        matched = self.pension_match_ratio * self.employee_pension_pct
        return min(self.pension_match_cap_pct, max(self.pension_match_floor_pct, matched))

    @property
    def taxable_benefits_cash_equivalent(self) -> float:
        """Taxable benefits valued at their cost (private medical and other), £ a year.

        A company car's taxable value needs the tax year's band table, so it is not included.
        """
        return self.bik_private_medical + self.bik_other

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
