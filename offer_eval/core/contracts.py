"""Take-home from a day rate: inside IR35 through an umbrella, outside IR35 through a company.

A contract pays `day_rate` for the days actually billed, `days_per_year × utilisation`. What
reaches the contractor depends on the engagement:

* ``inside_ir35_umbrella``: the umbrella company is the employer. Out of the assignment income it
  keeps its margin and pays employer NI and (where due) the apprenticeship levy on the pay it
  gives; what is left is gross pay, holiday pay rolled up into it, taxed through PAYE like any
  salary.
* ``outside_ir35_ltd``: the contractor's own company invoices, pays a director's salary (with
  employer NI above the secondary threshold; a one-director company cannot claim the Employment
  Allowance) and the accountant, pays corporation tax with marginal relief on the profit, and
  distributes the rest as dividends, taxed with the dividend allowance and dividend rates on top of
  the salary.
* ``employed_contract``: a fixed-term employee paid the day rate directly through PAYE.

Pension contributions go through PAYE for the umbrella and employed routes; a company's own
pension contributions for its director are not modelled (everything left is paid as dividends).

Every rate is a sourced figure in the tax year's data file (``resources/tax/``).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final, Literal, get_args

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.resources import read_json_resource
from offer_eval.core.tax import (
    TakeHome,
    annual_child_benefit,
    child_benefit_charge,
    income_tax_on,
    resolve_tax_year,
    rules_for,
    take_home,
    validate_student_loans,
)

Engagement = Literal["inside_ir35_umbrella", "outside_ir35_ltd", "employed_contract"]
ENGAGEMENTS: Final[tuple[str, ...]] = get_args(Engagement)
DEFAULT_DAYS: Final = 220
MAX_DAY_RATE: Final = 100_000.0
_PENNY = Decimal("0.01")
_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class ContractRules:
    """The employer-side and company rates of one tax year."""

    employer_ni_threshold: Decimal
    employer_ni_rate: Decimal
    levy_rate: Decimal
    dividend_allowance: Decimal
    dividend_rates: tuple[Decimal, Decimal, Decimal]
    ct_small_rate: Decimal
    ct_main_rate: Decimal
    ct_lower: Decimal
    ct_upper: Decimal
    ct_fraction: Decimal
    rolled_up_holiday_rate: Decimal


def _dec(value: Any) -> Decimal:
    return Decimal(str(value))


@functools.cache
def contract_rules(tax_year: str) -> ContractRules:
    """The contract rates for a shipped tax year (``2026/27``)."""
    rules_for(tax_year)  # refuses a year that is not shipped
    doc = read_json_resource("tax", tax_year.replace("/", "-") + ".json")
    er, levy, div, ct = (
        doc[key] for key in ("employer_ni", "apprenticeship_levy", "dividends", "corporation_tax")
    )
    return ContractRules(
        employer_ni_threshold=_dec(er["secondary_threshold"]),
        employer_ni_rate=_dec(er["rate"]),
        levy_rate=_dec(levy["rate"]),
        dividend_allowance=_dec(div["allowance"]),
        dividend_rates=(
            _dec(div["ordinary_rate"]),
            _dec(div["upper_rate"]),
            _dec(div["additional_rate"]),
        ),
        ct_small_rate=_dec(ct["small_profits_rate"]),
        ct_main_rate=_dec(ct["main_rate"]),
        ct_lower=_dec(ct["lower_limit"]),
        ct_upper=_dec(ct["upper_limit"]),
        ct_fraction=_dec(ct["marginal_relief_fraction"]),
        rolled_up_holiday_rate=_dec(doc["holiday"]["rolled_up_rate"]),
    )


def _round(value: Decimal) -> Decimal:
    return value.quantize(_PENNY, rounding=ROUND_HALF_UP)


def corporation_tax(profit: float, *, tax_year: str) -> float:
    """Corporation tax on a year's taxable profit, with marginal relief between the limits.

    Between the lower and upper limits the main rate applies less (upper limit - profit) times
    the standard fraction, so the rate climbs smoothly from the small profits rate to the main
    rate (no associated companies, a 12-month period, no non-group dividends received).
    """
    rules = contract_rules(resolve_tax_year(tax_year)[1])
    p = _dec(profit)
    if p <= 0:
        return 0.0
    if p <= rules.ct_lower:
        tax = p * rules.ct_small_rate
    elif p >= rules.ct_upper:
        tax = p * rules.ct_main_rate
    else:
        tax = p * rules.ct_main_rate - (rules.ct_upper - p) * rules.ct_fraction
    return float(_round(tax))


def dividend_tax(dividends: float, *, other_taxable_income: float, tax_year: str) -> float:
    """Tax on `dividends` that sit on top of `other_taxable_income` (after allowances).

    `dividends` is the part left after any unused personal allowance. The dividend allowance is
    a nil rate on the first slice but still uses up band; the bands are the UK ones for every
    taxpayer, Scottish ones included.
    """
    year = resolve_tax_year(tax_year)[1]
    rules, tax_rules = contract_rules(year), rules_for(year)
    bands = tax_rules.regions["rUK"].bands
    limits = [band.up_to for band in bands]
    start = _dec(other_taxable_income)
    taxed_from = start + min(_dec(dividends), rules.dividend_allowance)
    end = start + _dec(dividends)
    tax = _ZERO
    lower = _ZERO
    for limit, rate in zip(limits, rules.dividend_rates, strict=True):
        upper = limit if limit is not None else end
        slice_ = min(end, upper) - max(taxed_from, lower)
        if slice_ > 0:
            tax += slice_ * rate
        lower = upper if limit is not None else lower
    return float(_round(tax))


@dataclass(frozen=True, slots=True)
class ContractTakeHome:
    """A year of a contract: the money billed, what each party takes, and the cash left.

    `gross` is what the contractor is paid as employment income (umbrella or employed gross pay,
    the director's salary through a company); `income_tax` covers PAYE and, through a company,
    the tax on dividends (also shown apart as `dividend_tax`). `net` is the cash after everything,
    the Child Benefit charge included.
    """

    engagement: str
    tax_year: str
    rules_year: str
    day_rate: float
    days_billed: float
    assignment_income: float
    gross: float
    income_tax: float
    employee_ni: float
    student_loan: float
    pension_contribution: float
    child_benefit: float
    child_benefit_charge: float
    net: float
    employer_ni: float = 0.0
    apprenticeship_levy: float = 0.0
    umbrella_margin: float = 0.0
    holiday_pay: float = 0.0
    accountancy: float = 0.0
    corporation_tax: float = 0.0
    dividends: float = 0.0
    dividend_tax: float = 0.0
    employee_pension_cost: float = 0.0
    note: str | None = None
    adjusted_net_income: float = 0.0  # what the allowance taper and Child Benefit charge read

    def lines(self) -> dict[str, float]:
        """The engagement's own lines, for the command line and the report."""
        keys: tuple[str, ...]
        if self.engagement == "inside_ir35_umbrella":
            keys = ("employer_ni", "apprenticeship_levy", "umbrella_margin", "holiday_pay")
        elif self.engagement == "outside_ir35_ltd":
            keys = ("employer_ni", "accountancy", "corporation_tax", "dividends", "dividend_tax")
        else:
            keys = ()
        return {key: getattr(self, key) for key in keys}


def _check(name: str, value: float, low: float, high: float) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValueError(name, "must be a number")
    if not math.isfinite(value) or not low <= value <= high:
        raise InvalidValueError(name, f"must be between {low:,.0f} and {high:,.0f}")
    return _dec(value)


def days_billed(days_per_year: float, utilisation_pct: float) -> float:
    """Days actually invoiced: the working days on offer times the share of them filled."""
    days = _check("days_per_year", days_per_year, 0, 366)
    share = _check("utilisation_pct", utilisation_pct, 0, 100)
    return float(days * share / 100)


def contract_take_home(
    day_rate: float,
    *,
    engagement: str,
    days_per_year: float = DEFAULT_DAYS,
    utilisation_pct: float = 100.0,
    tax_year: str | None = None,
    region: str = "rUK",
    student_loans: tuple[str, ...] = (),
    children: int = 0,
    umbrella_margin: float = 0.0,
    apprenticeship_levy_due: bool = True,
    director_salary: float | None = None,
    accountancy_cost: float = 0.0,
    pension_pct: float = 0.0,
    pension_method: str = "none",
    assignment_income: float | None = None,
) -> ContractTakeHome:
    """A year's take-home from `day_rate` under `engagement` (see the module notes).

    `assignment_income`, when given, is the year's billing instead of day rate × days billed.

    `umbrella_margin` is what the umbrella keeps in a year (52 times a weekly fee for a full
    year). The director's salary defaults to the personal allowance, the usual choice: no income tax on it
    and little NI, with employer NI allowed against corporation tax.
    """
    billed = _dec(days_billed(days_per_year, utilisation_pct))
    if assignment_income is None:
        rate = _check("day_rate", day_rate, 0, MAX_DAY_RATE)
    else:
        # The year's billing given directly (raises and bonuses already in it).
        total = _check("assignment_income", assignment_income, 0, 100_000_000)
        rate = total / billed if billed else _ZERO
    if engagement not in ENGAGEMENTS:
        raise InvalidValueError(
            "engagement", f"unknown engagement '{engagement}' (known: {', '.join(ENGAGEMENTS)})"
        )
    validate_student_loans(student_loans)
    asked, year, _ = resolve_tax_year(tax_year)
    income = rate * billed if assignment_income is None else _dec(assignment_income)
    common: dict[str, Any] = {
        "tax_year": asked,
        "region": region,
        "student_loans": student_loans,
        "children": children,
        "pension_pct": pension_pct,
        "pension_method": pension_method,
    }
    if engagement == "employed_contract":
        paye = take_home(float(income), **common)
        return _from_paye(paye, engagement, rate, billed, income)
    if engagement == "inside_ir35_umbrella":
        return _umbrella(
            rate,
            billed=billed,
            income=income,
            year=year,
            common=common,
            margin=umbrella_margin,
            levy_due=apprenticeship_levy_due,
        )
    accountancy = _check("accountancy_cost", accountancy_cost, 0, 1_000_000)
    return _company(
        rate,
        billed=billed,
        income=income,
        year=year,
        common=common,
        director_salary=director_salary,
        accountancy=accountancy,
    )


def umbrella_pay(
    available: Decimal, *, employer_ni_rate: Decimal, threshold: Decimal, levy_rate: Decimal
) -> Decimal:
    """Gross pay an umbrella can give from `available` (assignment income less its margin).

    The available money must cover the pay, employer NI on the pay over the threshold and the
    levy on the pay, so pay = (available + rate x threshold) / (1 + rate + levy rate) above the
    threshold (to the penny).
    """
    if available <= threshold * (1 + levy_rate):
        pay = available / (1 + levy_rate)
    else:
        pay = (available + employer_ni_rate * threshold) / (1 + employer_ni_rate + levy_rate)
    return _round(pay)


def _from_paye(
    paye: TakeHome, engagement: str, rate: Decimal, billed: Decimal, income: Decimal, **lines: Any
) -> ContractTakeHome:
    return ContractTakeHome(
        engagement=engagement,
        tax_year=paye.tax_year,
        rules_year=paye.rules_year,
        day_rate=float(rate),
        days_billed=float(billed),
        assignment_income=float(_round(income)),
        gross=paye.gross,
        income_tax=paye.income_tax,
        employee_ni=paye.employee_ni,
        student_loan=paye.student_loan,
        pension_contribution=paye.pension_contribution,
        child_benefit=paye.child_benefit,
        child_benefit_charge=paye.child_benefit_charge,
        net=paye.net,
        employee_pension_cost=paye.employee_pension_cost,
        note=paye.note,
        adjusted_net_income=paye.adjusted_net_income,
        **lines,
    )


def _umbrella(
    rate: Decimal,
    *,
    billed: Decimal,
    income: Decimal,
    year: str,
    common: dict[str, Any],
    margin: float,
    levy_due: bool,
) -> ContractTakeHome:
    rules = contract_rules(year)
    margin_cost = _check("umbrella_margin", margin, 0, 1_000_000)
    levy_rate = rules.levy_rate if levy_due else _ZERO
    available = max(income - margin_cost, _ZERO)
    er = rules.employer_ni_rate
    threshold = rules.employer_ni_threshold
    pay = umbrella_pay(available, employer_ni_rate=er, threshold=threshold, levy_rate=levy_rate)
    employer_ni = _round(max(pay - threshold, _ZERO) * er)
    levy = _round(pay * levy_rate)
    holiday = _round(pay * rules.rolled_up_holiday_rate / (1 + rules.rolled_up_holiday_rate))
    paye = take_home(float(pay), **common)
    return _from_paye(
        paye,
        "inside_ir35_umbrella",
        rate,
        billed,
        income,
        employer_ni=float(employer_ni),
        apprenticeship_levy=float(levy),
        umbrella_margin=float(_round(margin_cost)),
        holiday_pay=float(holiday),
    )


def _company(
    rate: Decimal,
    *,
    billed: Decimal,
    income: Decimal,
    year: str,
    common: dict[str, Any],
    director_salary: float | None,
    accountancy: Decimal,
) -> ContractTakeHome:
    rules, tax_rules = contract_rules(year), rules_for(year)
    salary = (
        tax_rules.personal_allowance
        if director_salary is None
        else _check("director_salary", director_salary, 0, 10_000_000)
    )
    salary = min(salary, max(income - accountancy, _ZERO))
    employer_ni = _round(max(salary - rules.employer_ni_threshold, _ZERO) * rules.employer_ni_rate)
    profit = max(income - salary - employer_ni - accountancy, _ZERO)
    ct = _dec(corporation_tax(float(profit), tax_year=year))
    dividends = profit - ct
    # The allowance is what the whole income leaves (the taper counts the dividends); the salary
    # uses it first at the region's rates, then the dividends sit on top at the UK dividend rates.
    paye = take_home(float(salary), tax_year=common["tax_year"], region=common["region"])
    total = salary + dividends
    taper = max(total - tax_rules.taper_threshold, _ZERO) * tax_rules.taper_rate
    allowance = max(tax_rules.personal_allowance - taper, _ZERO)
    salary_taxable = max(salary - allowance, _ZERO)
    salary_tax = _round(income_tax_on(salary_taxable, common["region"], tax_rules))
    leftover = max(allowance - salary, _ZERO)
    dividend_taxable = max(dividends - leftover, _ZERO)
    div_tax = _dec(
        dividend_tax(
            float(dividend_taxable), other_taxable_income=float(salary_taxable), tax_year=year
        )
    )
    loans = validate_student_loans(common["student_loans"])
    loan = _ZERO
    for plan in loans:
        rule = tax_rules.loans[plan]
        if rule is not None:
            # Repaid through Self Assessment on all income once unearned income passes £2,000.
            loan += _round(max(total - rule.threshold, _ZERO) * rule.rate)
    benefit = annual_child_benefit(common["children"], tax_rules)
    charge = child_benefit_charge(total, benefit, tax_rules)
    employee_ni = _dec(paye.employee_ni)
    net = total - salary_tax - employee_ni - div_tax - loan - charge
    return ContractTakeHome(
        engagement="outside_ir35_ltd",
        tax_year=paye.tax_year,
        rules_year=year,
        day_rate=float(rate),
        days_billed=float(billed),
        assignment_income=float(_round(income)),
        gross=float(salary),
        income_tax=float(salary_tax + div_tax),
        employee_ni=float(employee_ni),
        student_loan=float(loan),
        pension_contribution=0.0,
        child_benefit=float(benefit),
        child_benefit_charge=float(charge),
        net=float(_round(net)),
        employer_ni=float(employer_ni),
        accountancy=float(accountancy),
        corporation_tax=float(ct),
        dividends=float(_round(dividends)),
        dividend_tax=float(div_tax),
        note=paye.note,
        adjusted_net_income=float(total),
    )
