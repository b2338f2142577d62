"""Total compensation, take-home and what is left to live on for one position (GBP a year)."""

from __future__ import annotations

from dataclasses import dataclass

from offer_eval.core.benchmarks import median_estimate, percentile_of
from offer_eval.core.contracts import contract_take_home, days_billed
from offer_eval.core.models import Benchmark, Equity, Position, Scenario, TaxSettings
from offer_eval.core.pay import company_car_benefit, passed_on_ni
from offer_eval.core.tax import TakeHome, take_home, tax_free

COMP_YEARS = 4
WEEKS_PER_YEAR = 52.0


def equity_vesting_by_year(equity: Equity, years: int = COMP_YEARS) -> tuple[float, ...]:
    """Grant value vesting in each of the first `years` years, with the cliff applied.

    Each vesting year's share accrues evenly by month; whatever accrues before the cliff vests in
    the cliff month, so a 12-month cliff on an even 4-year grant vests a quarter at month 12.
    """
    shares = equity.year_shares()
    months = max(years, equity.vesting_years) * 12
    accrued = [0.0] * (months + 1)
    for month in range(1, equity.vesting_years * 12 + 1):
        accrued[month] = equity.grant_value * shares[(month - 1) // 12] / 12.0
    vested = [0.0] * (months + 1)
    cliff = min(equity.cliff_months, months)
    for month in range(1, months + 1):
        if month < cliff:
            continue
        vested[month] = sum(accrued[1 : cliff + 1]) if month == cliff else accrued[month]
    return tuple(sum(vested[12 * (y - 1) + 1 : 12 * y + 1]) for y in range(1, years + 1))


@dataclass(frozen=True, slots=True)
class YearComp:
    """One year of compensation (GBP) with raises applied; illiquid equity is kept apart."""

    year: int
    base_salary: float
    bonus: float
    sign_on: float
    equity: float
    illiquid_equity: float
    employer_pension: float
    benefits: float

    @property
    def total(self) -> float:
        """Cash-like total compensation: illiquid equity is not included."""
        return (
            self.base_salary
            + self.bonus
            + self.sign_on
            + self.equity
            + self.employer_pension
            + self.benefits
        )


@dataclass(frozen=True, slots=True)
class PositionMoney:
    """Every money figure for one position (GBP a year unless named otherwise)."""

    position_id: str
    name: str
    years: tuple[YearComp, ...]
    take_home: TakeHome
    take_home_recurring: TakeHome
    # Years 1 to 4 with their raises (sign-on in year 1), all under the scenario's tax year's
    # rules: later years' rules are not known yet.
    take_home_by_year: tuple[TakeHome, ...]
    working_weeks: float
    hours_per_week: float
    commute_cost: float
    commute_hours: float
    living_cost_difference: float
    relocation_cost: float
    benchmark_id: str | None
    # The median as `median_estimate` reads it (stored, or read between the quartiles around it),
    # so "vs median" here is the figure the score and the simulation use.
    benchmark_median: float | None
    vs_benchmark_pct: float | None
    benchmark_percentile: float | None
    benchmark_note: str
    vs_target_pct: float | None

    @property
    def year1(self) -> YearComp:
        """The first year's compensation."""
        return self.years[0]

    @property
    def base_salary(self) -> float:
        """Base salary in year 1."""
        return self.year1.base_salary

    @property
    def total_comp_year1(self) -> float:
        """Year-1 total compensation: base, bonus, sign-on, liquid equity, employer pension, benefits."""
        return self.year1.total

    @property
    def total_comp_years_1_4(self) -> float:
        """Total compensation over years 1 to 4 together."""
        return sum(year.total for year in self.years)

    @property
    def total_comp_average(self) -> float:
        """Average yearly total compensation over years 1 to 4."""
        return self.total_comp_years_1_4 / len(self.years)

    @property
    def illiquid_equity_year1(self) -> float:
        """Discounted value of illiquid equity vesting in year 1 (shown apart from pay)."""
        return self.year1.illiquid_equity

    @property
    def illiquid_equity_years_1_4(self) -> float:
        """Discounted value of illiquid equity vesting over years 1 to 4."""
        return sum(year.illiquid_equity for year in self.years)

    @property
    def net_take_home(self) -> float:
        """Year-1 cash after tax, NI, student loan and own pension (sign-on included)."""
        return self.take_home.net

    @property
    def net_take_home_average(self) -> float:
        """Net take-home averaged over years 1 to 4 (raises and the year-1 sign-on included)."""
        return sum(item.net for item in self.take_home_by_year) / len(self.take_home_by_year)

    @property
    def net_take_home_monthly(self) -> float:
        """Year-1 net take-home divided by twelve."""
        return self.take_home.net / 12.0

    @property
    def hourly_base(self) -> float:
        """Base salary per contracted hour worked."""
        return self.base_salary / self._hours_worked

    @property
    def hourly_total_comp(self) -> float:
        """Year-1 total compensation per contracted hour worked."""
        return self.total_comp_year1 / self._hours_worked

    @property
    def hourly_net_including_commute(self) -> float:
        """Net take-home per hour of work and travel together: what an hour of your time earns."""
        return self.net_take_home / (self._hours_worked + self.commute_hours)

    @property
    def _hours_worked(self) -> float:
        return self.working_weeks * self.hours_per_week

    @property
    def left_to_live_on_year1(self) -> float:
        """Year-1 net take-home less commuting, extra living costs and the move itself."""
        return (
            self.net_take_home
            - self.commute_cost
            - self.living_cost_difference
            - self.relocation_cost
        )

    @property
    def left_to_live_on_monthly(self) -> float:
        """A typical month after year 1: recurring net pay less commuting and extra living costs."""
        return (
            self.take_home_recurring.net - self.commute_cost - self.living_cost_difference
        ) / 12.0


def year_pay(position: Position, year: int) -> tuple[float, float]:
    """(base pay, expected bonus) in the job's `year` (1-based), raises applied.

    The one place a year's cash pay is worked out, so the offers' take-home and the trajectory's
    starting job are taxed on the same figures (a contract's base is its billing).
    """
    growth = (1.0 + position.annual_raise_pct / 100.0) ** (year - 1)
    base = annual_pay(position) * growth
    if _no_employer(position):
        # Nobody pays a contractor through an umbrella or their own company a bonus: the day rate
        # is the pay. An offer turned into a contract keeps the bonus % it had as a job; it is left
        # out here (the contract's note says so), as its employer pension is.
        return base, 0.0
    return base, base * position.bonus_target_pct / 100.0 * position.bonus_payout_pct / 100.0


_RECENT_YEARS: dict[tuple[int, int, int, int, bool], tuple[Position, TaxSettings, TakeHome]] = {}
"""`year_take_home`'s recent answers by the identity of the position and the tax settings (each
entry holds both, so the identities stay theirs while remembered)."""


def year_take_home(
    position: Position,
    tax: TaxSettings,
    year: int,
    *,
    children: int = 0,
    with_sign_on: bool = False,
) -> TakeHome:
    """Take-home in the job's `year`: base and expected bonus (and the sign-on when asked, which
    only year 1 has), through every rule of the position (contract, pension, benefits in kind)
    and the household's Child Benefit charge.

    Remembered for the last few positions by identity: a salary step asks for the same years of
    the offer it changed twice, for its money figures (years 1 to 3) and for the job search's
    starting job (every year of the horizon), and each answer is a whole tax calculation
    (about 0.1 ms). Without a sign-on, year 1 with it is year 1 without it.
    """
    signed = with_sign_on and year == 1 and position.sign_on != 0
    key = (id(position), id(tax), year, children, signed)
    known = _RECENT_YEARS.get(key)
    if known is not None and known[0] is position and known[1] is tax:
        return known[2]
    answer = _year_take_home(position, tax, year, children=children, with_sign_on=signed)
    if len(_RECENT_YEARS) >= 64:
        _RECENT_YEARS.clear()
    _RECENT_YEARS[key] = (position, tax, answer)
    return answer


def _year_take_home(
    position: Position,
    tax: TaxSettings,
    year: int,
    *,
    children: int,
    with_sign_on: bool,
) -> TakeHome:
    base, bonus = year_pay(position, year)
    sign_on = position.sign_on if with_sign_on and year == 1 else 0.0
    return position_take_home(
        position, tax, gross=base + bonus + sign_on, pensionable=base, children=children
    )


def _year_comp(position: Position, year: int, tax_year: str | None = None) -> YearComp:
    base, bonus = year_pay(position, year)
    equity = 0.0
    illiquid = 0.0
    if position.equity is not None and position.equity.grant_value > 0:
        vested = equity_vesting_by_year(position.equity)[year - 1]
        if position.equity.liquid:
            equity = vested
        else:
            illiquid = vested * (1.0 - position.equity.illiquid_discount_pct / 100.0)
    return YearComp(
        year=year,
        base_salary=base,
        bonus=bonus,
        sign_on=position.sign_on if year == 1 else 0.0,
        equity=equity,
        illiquid_equity=illiquid,
        employer_pension=0.0
        if _no_employer(position)
        else base * position.employer_pension_rate_pct / 100.0
        + _ni_passed_on(position, base, tax_year),
        benefits=position.benefits_value + position.taxable_benefits_cash_equivalent,
    )


def _no_employer(position: Position) -> bool:
    """A contractor through an umbrella or their own company has no employer paying into a
    pension (the report says so beside the contract); an employed contract does."""
    return position.pay_type == "day_rate" and position.engagement != "employed_contract"


_ENGAGEMENT_WORDS = {
    "inside_ir35_umbrella": "inside IR35, through an umbrella",
    "outside_ir35_ltd": "outside IR35, through your own company",
    "employed_contract": "employed, fixed term",
}


def _ni_passed_on(position: Position, base: float, tax_year: str | None) -> float:
    """Employer NI saved by a salary sacrifice that the employer adds to the pension."""
    share = position.sacrifice_ni_passed_on_pct
    if position.pension_method != "salary_sacrifice" or share <= 0 or position.tax_free:
        return 0.0
    sacrificed = base * position.employee_pension_pct / 100.0
    return passed_on_ni(base, min(sacrificed, base), share, tax_year=tax_year)


def household_children(scenario: Scenario) -> int:
    """Children the household claims Child Benefit for (0 when it has stopped the claim)."""
    household = scenario.household
    return household.children if household.claims_child_benefit else 0


def annual_pay(position: Position) -> float:
    """The year's pay that comparisons use: the base salary, or for a contract the day rate
    times the days billed (days a year × utilisation)."""
    if position.pay_type == "day_rate":
        return position.day_rate * days_billed(position.days_per_year, position.utilisation_pct)
    return position.base_salary


def taxable_benefits(position: Position, tax_year: str | None) -> float:
    """Benefits in kind taxed as pay: private medical and other at their cost, and a company car
    at its list price times the year's appropriate percentage."""
    car = (
        company_car_benefit(
            position.bik_car_list_price,
            position.bik_car_co2_g_km,
            position.bik_car_electric_miles,
            tax_year=tax_year,
        )
        if position.bik_car_list_price > 0
        else 0.0
    )
    return position.taxable_benefits_cash_equivalent + car


def position_take_home(
    position: Position,
    tax: TaxSettings,
    *,
    gross: float,
    pensionable: float,
    children: int = 0,
) -> TakeHome:
    """Take-home for this position's taxable cash pay `gross` (base, bonus and any sign-on).

    `children` are those the household claims Child Benefit for (the charge falls on the user).
    A contract's `gross` is what it bills in the year; its take-home is worked out through its
    engagement (umbrella, own company or employed) at the day rate that bills that much.
    """
    region = position.effective_tax_region(tax.region)
    if position.tax_free:
        return tax_free(gross, tax_year=tax.year, region=region)
    if position.pay_type == "day_rate":
        return _contract_take_home(position, tax, gross=gross, children=children)
    return take_home(
        gross,
        tax_year=tax.year,
        region=region,
        pension_pct=position.employee_pension_pct,
        pension_method=position.pension_method,
        student_loans=tax.student_loans,
        pensionable_pay=pensionable,
        benefits_in_kind=taxable_benefits(position, tax.year),
        children=children,
    )


def _contract_take_home(
    position: Position, tax: TaxSettings, *, gross: float, children: int
) -> TakeHome:
    billed = days_billed(position.days_per_year, position.utilisation_pct)
    region = position.effective_tax_region(tax.region)
    result = contract_take_home(
        0.0,
        assignment_income=gross,
        engagement=position.engagement,
        days_per_year=position.days_per_year,
        utilisation_pct=position.utilisation_pct,
        tax_year=tax.year,
        region=region,
        student_loans=tax.student_loans,
        children=children,
        umbrella_margin=position.umbrella_margin,
        accountancy_cost=position.accountancy_cost,
        pension_pct=position.employee_pension_pct,
        pension_method=position.pension_method,
    )
    costs = result.employer_ni + result.apprenticeship_levy + result.umbrella_margin
    costs += result.accountancy + result.corporation_tax
    note = (
        f"a contract ({_ENGAGEMENT_WORDS[position.engagement]}) billing {billed:g} days "
        f"({position.utilisation_pct:g}% of {position.days_per_year:g}); £{costs:,.0f} goes to "
        "employer costs and company tax; no paid holiday beyond the rate, no sick pay, no "
        "employer pension"
    )
    if _no_employer(position) and position.bonus_target_pct > 0:
        note += (
            f"; its bonus of {position.bonus_target_pct:g}% is not counted (no employer pays one)"
        )
    return TakeHome(
        gross=result.assignment_income,
        income_tax=result.income_tax,
        employee_ni=result.employee_ni,
        student_loan=result.student_loan,
        pension_contribution=result.pension_contribution,
        net=result.net,
        tax_year=result.tax_year,
        rules_year=result.rules_year,
        region=region,
        personal_allowance=0.0,
        taxable_income=0.0,
        employee_pension_cost=result.employee_pension_cost,
        note=note if result.note is None else f"{note}; {result.note}",
        child_benefit=result.child_benefit,
        child_benefit_charge=result.child_benefit_charge,
        adjusted_net_income=result.adjusted_net_income,
        engagement_lines=(
            ("days_billed", result.days_billed),
            ("employment_pay", result.gross),
            *result.lines().items(),
        ),
    )


def _pct_difference(value: float, reference: float | None) -> float | None:
    if reference is None or reference == 0:
        return None
    return (value - reference) / reference * 100.0


def position_money(
    position: Position,
    tax: TaxSettings,
    benchmark: Benchmark | None,
    target_salary: float | None,
    *,
    children: int = 0,
) -> PositionMoney:
    """All money figures for one position; pure, so the caller can memoise it on its inputs.

    `children` are those the household claims Child Benefit for (0 when it does not claim).
    """
    years = tuple(_year_comp(position, year, tax.year) for year in range(1, COMP_YEARS + 1))
    first = years[0]
    take_home_year1 = year_take_home(position, tax, 1, children=children, with_sign_on=True)
    take_home_recurring = (
        take_home_year1
        if first.sign_on == 0
        else year_take_home(position, tax, 1, children=children)
    )
    later_years = tuple(year_take_home(position, tax, y.year, children=children) for y in years[1:])
    working_weeks = max(WEEKS_PER_YEAR - position.holiday_days / 5.0, 1.0)
    days_on_site = position.commute_days_per_week * working_weeks
    median = median_estimate(benchmark) if benchmark is not None else None
    if benchmark is not None:
        placed = percentile_of(first.base_salary, benchmark)
        percentile, note = placed.percentile, placed.note
    else:
        percentile, note = None, "no benchmark chosen"
    return PositionMoney(
        position_id=position.id,
        name=position.display_name,
        years=years,
        take_home=take_home_year1,
        take_home_recurring=take_home_recurring,
        take_home_by_year=(take_home_year1, *later_years),
        working_weeks=working_weeks,
        hours_per_week=position.hours_per_week,
        commute_cost=days_on_site * position.commute_cost_per_day,
        commute_hours=days_on_site * position.commute_minutes_per_day / 60.0,
        living_cost_difference=position.living_cost_difference_per_month * 12.0,
        relocation_cost=position.relocation_cost,
        benchmark_id=position.benchmark_id,
        benchmark_median=median,
        vs_benchmark_pct=_pct_difference(first.base_salary, median),
        benchmark_percentile=percentile,
        benchmark_note=note,
        vs_target_pct=_pct_difference(first.base_salary, target_salary),
    )


@dataclass(frozen=True, slots=True)
class PayCut:
    """An offer against the current job on three bases: absolute (GBP) and percent.

    Negative is a cut. Percentages are None when the current figure is 0.
    """

    offer_id: str
    gross_abs: float
    gross_pct: float | None
    total_comp_abs: float
    total_comp_pct: float | None
    net_abs: float
    net_pct: float | None
    left_to_live_on_abs: float


def pay_cut(offer: PositionMoney, current: PositionMoney) -> PayCut:
    """How `offer` compares with `current` on gross base, year-1 total compensation and net pay."""
    return PayCut(
        offer_id=offer.position_id,
        gross_abs=offer.base_salary - current.base_salary,
        gross_pct=_pct_difference(offer.base_salary, current.base_salary),
        total_comp_abs=offer.total_comp_year1 - current.total_comp_year1,
        total_comp_pct=_pct_difference(offer.total_comp_year1, current.total_comp_year1),
        net_abs=offer.net_take_home - current.net_take_home,
        net_pct=_pct_difference(offer.net_take_home, current.net_take_home),
        left_to_live_on_abs=offer.left_to_live_on_year1 - current.left_to_live_on_year1,
    )
