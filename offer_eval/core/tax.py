"""UK take-home pay for one employee on an annual basis: income tax, employee NI, student loans.

The rules for each tax year are data files under ``resources/tax/`` with their sources; this module
only applies them. Arithmetic is in ``Decimal`` so that rounding half up to the penny is exact,
not at the mercy of binary floating point.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any, Final, Literal, get_args

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.resources import read_json_resource, resource

TaxRegion = Literal["rUK", "scotland"]
PensionMethod = Literal["none", "net_pay", "relief_at_source", "salary_sacrifice"]
LoanPlan = Literal["plan1", "plan2", "plan4", "plan5", "postgraduate"]

TAX_REGIONS: Final[tuple[str, ...]] = get_args(TaxRegion)
PENSION_METHODS: Final[tuple[str, ...]] = get_args(PensionMethod)
LOAN_PLANS: Final[tuple[str, ...]] = get_args(LoanPlan)
UNDERGRADUATE_PLANS: Final[frozenset[str]] = frozenset({"plan1", "plan2", "plan4", "plan5"})

MAX_GROSS: Final = 100_000_000.0
_PENNY = Decimal("0.01")
_ZERO = Decimal(0)
_TAX_YEAR = re.compile(r"^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$")


@dataclass(frozen=True, slots=True)
class TakeHome:
    """Annual deductions and cash for one gross income, in GBP.

    `gross` is the employment income before any pension arrangement; `pension_contribution` is the
    gross amount that reaches the pension (including relief added at source); `net` is the cash
    that reaches the bank account after tax, NI, student loans and the employee's own pension cost.
    """

    gross: float
    income_tax: float
    employee_ni: float
    student_loan: float
    pension_contribution: float
    net: float
    tax_year: str
    rules_year: str
    region: str
    personal_allowance: float
    taxable_income: float
    employee_pension_cost: float
    note: str | None = None
    adjusted_net_income: float = 0.0
    child_benefit: float = 0.0
    child_benefit_charge: float = 0.0
    benefits_in_kind: float = 0.0
    engagement_lines: tuple[tuple[str, float], ...] = ()
    """A contract's own lines, by key (empty for a salary): `days_billed`, `employment_pay` (what
    reaches the contractor as pay: umbrella or employed gross pay, or the director's salary), then
    its engagement's lines (employer NI and levy, umbrella fee, holiday pay; or accountancy,
    corporation tax, dividends and dividend tax). `gross` is then what the days billed."""

    @property
    def deductions(self) -> float:
        """Income tax, NI and student loan together (pension excluded)."""
        return self.income_tax + self.employee_ni + self.student_loan


@dataclass(frozen=True, slots=True)
class _Band:
    name: str
    rate: Decimal
    up_to: Decimal | None


@dataclass(frozen=True, slots=True)
class _RegionRules:
    bands: tuple[_Band, ...]
    relief_at_source_extends_from: int


@dataclass(frozen=True, slots=True)
class _LoanRule:
    threshold: Decimal
    rate: Decimal


@dataclass(frozen=True, slots=True)
class TaxRules:
    """One tax year's rules, parsed from its data file."""

    tax_year: str
    personal_allowance: Decimal
    taper_threshold: Decimal
    taper_rate: Decimal
    regions: dict[str, _RegionRules]
    ni_primary_threshold: Decimal
    ni_upper_earnings_limit: Decimal
    ni_main_rate: Decimal
    ni_upper_rate: Decimal
    loans: dict[str, _LoanRule | None]
    child_benefit_eldest: Decimal
    child_benefit_additional: Decimal
    child_benefit_weeks: int
    charge_threshold: Decimal
    charge_step: Decimal
    sources: tuple[str, ...]


def _dec(value: Any) -> Decimal:
    return Decimal(str(value))


def _parse_rules(doc: dict[str, Any]) -> TaxRules:
    regions: dict[str, _RegionRules] = {}
    for region, spec in doc["income_tax"].items():
        bands = tuple(
            _Band(b["name"], _dec(b["rate"]), None if b["up_to"] is None else _dec(b["up_to"]))
            for b in spec["bands"]
        )
        names = [band.name for band in bands]
        regions[region] = _RegionRules(bands, names.index(spec["relief_at_source_extends_from"]))
    ni = doc["national_insurance"]
    loans: dict[str, _LoanRule | None] = {}
    for plan in LOAN_PLANS:
        spec = doc["student_loans"][plan]
        loans[plan] = (
            None if spec is None else _LoanRule(_dec(spec["threshold"]), _dec(spec["rate"]))
        )
    pa = doc["personal_allowance"]
    benefit = doc["child_benefit"]
    charge = doc["child_benefit_charge"]
    sources = (
        pa["source"],
        *(spec["source"] for spec in doc["income_tax"].values()),
        ni["source"],
        doc["student_loans"]["source"],
        benefit["source"],
        charge["source"],
    )
    return TaxRules(
        tax_year=doc["tax_year"],
        personal_allowance=_dec(pa["amount"]),
        taper_threshold=_dec(pa["taper_threshold"]),
        taper_rate=_dec(pa["taper_rate"]),
        regions=regions,
        ni_primary_threshold=_dec(ni["primary_threshold"]),
        ni_upper_earnings_limit=_dec(ni["upper_earnings_limit"]),
        ni_main_rate=_dec(ni["main_rate"]),
        ni_upper_rate=_dec(ni["upper_rate"]),
        loans=loans,
        child_benefit_eldest=_dec(benefit["weekly_eldest"]),
        child_benefit_additional=_dec(benefit["weekly_additional"]),
        child_benefit_weeks=int(benefit["weeks"]),
        charge_threshold=_dec(charge["threshold"]),
        charge_step=_dec(charge["step"]) / _dec(charge["percent_per_step"]),
        sources=sources,
    )


@functools.cache
def shipped_tax_years() -> tuple[str, ...]:
    """Tax years with a rules file, oldest first (e.g. ``("2024/25", "2025/26", "2026/27")``)."""
    names = sorted(
        entry.name.removesuffix(".json")
        for entry in resource("tax").iterdir()
        if entry.name.endswith(".json")
    )
    return tuple(name.replace("-", "/") for name in names)


@functools.cache
def rules_for(tax_year: str) -> TaxRules:
    """The rules file for a shipped tax year."""
    if tax_year not in shipped_tax_years():
        raise InvalidValueError("tax_year", f"no rules shipped for {tax_year}")
    return _parse_rules(read_json_resource("tax", tax_year.replace("/", "-") + ".json"))


def tax_year_of(day: dt.date) -> str:
    """The UK tax year containing `day` (tax years start on 6 April)."""
    start = day.year if (day.month, day.day) >= (4, 6) else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def current_tax_year() -> str:
    """Today's UK tax year."""
    return tax_year_of(dt.date.today())


def normalise_tax_year(text: str) -> str:
    """Accept ``2025/26``, ``2025-26`` or ``2025/2026`` and return ``2025/26``."""
    match = _TAX_YEAR.match(text.strip())
    if not match:
        raise InvalidValueError("tax_year", f"'{text}' is not a tax year like 2025/26")
    start, end = int(match.group(1)), int(match.group(2))
    if end % 100 != (start + 1) % 100 or (end >= 100 and end != start + 1):
        raise InvalidValueError("tax_year", f"'{text}' is not a tax year like 2025/26")
    return f"{start}/{(start + 1) % 100:02d}"


def resolve_tax_year(tax_year: str | None) -> tuple[str, str, str | None]:
    """(year asked for, year whose rules apply, note) — later years reuse the latest rules."""
    asked = current_tax_year() if tax_year is None else normalise_tax_year(tax_year)
    shipped = shipped_tax_years()
    if asked in shipped:
        return asked, asked, None
    if asked > shipped[-1]:
        note = f"{asked} uses the {shipped[-1]} rules, the latest this version ships"
        return asked, shipped[-1], note
    raise InvalidValueError(
        "tax_year", f"no rules for {asked}: this version covers {shipped[0]} to {shipped[-1]}"
    )


def validate_student_loans(plans: Iterable[str]) -> tuple[str, ...]:
    """Check a set of loan plans: known names, no repeats, at most one undergraduate plan."""
    plans = tuple(plans)
    for plan in plans:
        if plan not in LOAN_PLANS:
            raise InvalidValueError(
                "student_loans", f"unknown plan '{plan}' (known: {', '.join(LOAN_PLANS)})"
            )
    if len(set(plans)) != len(plans):
        raise InvalidValueError("student_loans", "a plan is listed twice")
    undergraduate = [plan for plan in plans if plan in UNDERGRADUATE_PLANS]
    if len(undergraduate) > 1:
        raise InvalidValueError(
            "student_loans",
            f"at most one undergraduate plan is repaid at a time, got {', '.join(undergraduate)}",
        )
    return plans


def _round(value: Decimal) -> Decimal:
    return value.quantize(_PENNY, rounding=ROUND_HALF_UP)


def _band_tax(
    taxable: Decimal, bands: Sequence[_Band], extend_from: int, extension: Decimal
) -> Decimal:
    tax = _ZERO
    lower = _ZERO
    for index, band in enumerate(bands):
        upper = band.up_to
        if upper is not None and index >= extend_from:
            upper += extension
        if upper is None or taxable <= upper:
            tax += (taxable - lower) * band.rate
            break
        tax += (upper - lower) * band.rate
        lower = upper
    return tax


def income_tax_on(taxable: Decimal, region: str, rules: TaxRules) -> Decimal:
    """Income tax at the region's rates on `taxable` non-savings income (after allowances)."""
    region_rules = rules.regions[region]
    return _band_tax(taxable, region_rules.bands, region_rules.relief_at_source_extends_from, _ZERO)


def _employee_ni(pay: Decimal, rules: TaxRules) -> Decimal:
    main = min(pay, rules.ni_upper_earnings_limit) - rules.ni_primary_threshold
    upper = pay - rules.ni_upper_earnings_limit
    return max(main, _ZERO) * rules.ni_main_rate + max(upper, _ZERO) * rules.ni_upper_rate


def annual_child_benefit(children: int, rules: TaxRules) -> Decimal:
    """A year's Child Benefit for `children`: the weekly rates times the weeks, in whole pounds.

    The charge is worked out on whole pounds of benefit (ITEPA 2003 s.681C rounds it down), so the
    figure the user is shown is the same one the charge is a percentage of.
    """
    if children <= 0:
        return _ZERO
    weekly = rules.child_benefit_eldest + rules.child_benefit_additional * (children - 1)
    return (weekly * rules.child_benefit_weeks).to_integral_value(rounding=ROUND_FLOOR)


def child_benefit_charge(
    adjusted_net_income: Decimal, child_benefit: Decimal, rules: TaxRules
) -> Decimal:
    """High Income Child Benefit Charge (ITEPA 2003 s.681C) on the higher earner.

    The percentage is one per whole step of income over the threshold, never above 100, and the
    charge is that percentage of the benefit rounded down to whole pounds.
    """
    excess = adjusted_net_income - rules.charge_threshold
    if excess <= 0 or child_benefit <= 0:
        return _ZERO
    percent = min(math.floor(excess / rules.charge_step), 100)
    return (child_benefit * percent / 100).to_integral_value(rounding=ROUND_FLOOR)


def _check_children(children: int) -> int:
    if isinstance(children, bool) or not isinstance(children, int) or not 0 <= children <= 30:
        raise InvalidValueError("children", "must be a whole number between 0 and 30")
    return children


def _check_amount(name: str, value: float, high: float = MAX_GROSS) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise InvalidValueError(name, "must be a number")
    number = _dec(value)
    if not number.is_finite() or number < 0 or number > _dec(high):
        raise InvalidValueError(name, f"must be between 0 and {high:,.0f}")
    return number


def take_home(
    gross: float,
    *,
    tax_year: str | None = None,
    region: str = "rUK",
    pension_pct: float = 0.0,
    pension_method: str = "none",
    student_loans: Iterable[str] = (),
    pensionable_pay: float | None = None,
    benefits_in_kind: float = 0.0,
    children: int = 0,
) -> TakeHome:
    """Annual take-home for `gross` employment income (GBP).

    `pension_pct` is the gross contribution as a percentage of `pensionable_pay` (default: the
    whole gross). `benefits_in_kind` are taxable benefits: they raise income tax and adjusted net
    income but are not cash, so they are not part of `net` and attract no employee NI or student
    loan. `children` is how many children the household claims Child Benefit for; the user is
    taken as the higher earner, so the High Income Child Benefit Charge falls on them. The charge
    is kept out of `income_tax` (it is a charge, not a tax band) but comes off `net`; the benefit
    itself is reported apart and is not part of `net`, which is pay only.
    """
    gross_d = _check_amount("gross", gross)
    pct = _check_amount("pension_pct", pension_pct, 100.0)
    bik = _check_amount("benefits_in_kind", benefits_in_kind)
    kids = _check_children(children)
    pensionable = (
        gross_d if pensionable_pay is None else _check_amount("pensionable_pay", pensionable_pay)
    )
    if region not in TAX_REGIONS:
        raise InvalidValueError("region", f"unknown region '{region}' (known: rUK, scotland)")
    if pension_method not in PENSION_METHODS:
        raise InvalidValueError(
            "pension_method",
            f"unknown method '{pension_method}' (known: {', '.join(PENSION_METHODS)})",
        )
    plans = validate_student_loans(student_loans)
    asked, rules_year, note = resolve_tax_year(tax_year)
    rules = rules_for(rules_year)
    region_rules = rules.regions[region]

    contribution = (
        _ZERO if pension_method == "none" else _round(min(pensionable * pct / 100, gross_d))
    )
    sacrificed = contribution if pension_method == "salary_sacrifice" else _ZERO
    net_pay_deduction = contribution if pension_method == "net_pay" else _ZERO
    relief_at_source = contribution if pension_method == "relief_at_source" else _ZERO

    cash_pay = gross_d - sacrificed
    ni_pay = cash_pay
    taxable_pay = cash_pay - net_pay_deduction + bik
    adjusted_net_income = taxable_pay - relief_at_source
    taper = max(adjusted_net_income - rules.taper_threshold, _ZERO) * rules.taper_rate
    allowance = max(rules.personal_allowance - taper, _ZERO)
    taxable = max(taxable_pay - allowance, _ZERO)

    income_tax = _round(
        _band_tax(
            taxable,
            region_rules.bands,
            region_rules.relief_at_source_extends_from,
            relief_at_source,
        )
    )
    employee_ni = _round(_employee_ni(ni_pay, rules))
    student_loan = _ZERO
    for plan in plans:
        rule = rules.loans[plan]
        if rule is None:
            note = _join_notes(note, f"{plan} has no repayments in {rules_year}")
            continue
        student_loan += _round(max(ni_pay - rule.threshold, _ZERO) * rule.rate)

    employee_cost = _round(net_pay_deduction + relief_at_source * Decimal("0.8"))
    benefit = annual_child_benefit(kids, rules)
    charge = child_benefit_charge(adjusted_net_income, benefit, rules)
    # Not rounded again: gross may carry fractions of a penny, and the net must never exceed it.
    net = cash_pay - income_tax - employee_ni - student_loan - employee_cost - charge
    return TakeHome(
        gross=float(gross_d),
        income_tax=float(income_tax),
        employee_ni=float(employee_ni),
        student_loan=float(student_loan),
        pension_contribution=float(contribution),
        net=float(net),
        tax_year=asked,
        rules_year=rules_year,
        region=region,
        personal_allowance=float(allowance),
        taxable_income=float(taxable),
        employee_pension_cost=float(employee_cost),
        note=note,
        adjusted_net_income=float(adjusted_net_income),
        child_benefit=float(benefit),
        child_benefit_charge=float(charge),
        benefits_in_kind=float(bik),
    )


def _join_notes(first: str | None, second: str) -> str:
    return second if first is None else f"{first}; {second}"


def tax_free(gross: float, *, tax_year: str | None = None, region: str = "rUK") -> TakeHome:
    """Take-home for income with no deductions at all, such as a PhD stipend."""
    amount = float(_check_amount("gross", gross))
    asked, rules_year, note = resolve_tax_year(tax_year)
    return TakeHome(
        gross=amount,
        income_tax=0.0,
        employee_ni=0.0,
        student_loan=0.0,
        pension_contribution=0.0,
        net=amount,
        tax_year=asked,
        rules_year=rules_year,
        region=region,
        personal_allowance=0.0,
        taxable_income=0.0,
        employee_pension_cost=0.0,
        note=note,
    )
