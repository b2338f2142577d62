"""What every worked-out figure is called and where it comes from in the evaluation.

One row per figure: its key (the `report --json` key where there is one), its one label, a short
header for narrow places, its unit, a tooltip sentence and a getter. The side-by-side table in the
window, the text report and the workbook's Summary list their rows from here, so "Total
compensation, year 1" is the same words in all three and cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

from offer_eval.core.compensation import PayCut, PositionMoney
from offer_eval.present.labels import METRIC_BY_KEY, Label

Change = Callable[[PositionMoney, PositionMoney, PayCut], float | None]
"""An offer's figure minus the current job's: (offer, current, the offer's pay cut)."""


@dataclass(frozen=True, slots=True)
class MoneyRow:
    """A figure worked out for each position (GBP a year unless `unit` says otherwise).

    `change` gives an offer's difference from the current job, shown beside its value in the
    window; None where a difference means nothing (a percentile). `pence` asks for pence where
    whole pounds would hide the difference (per hour, per month).
    """

    name: Label
    get: Callable[[PositionMoney], float | None]
    change: Change | None = None
    pence: bool = False

    @property
    def key(self) -> str:
        return self.name.key

    @property
    def label(self) -> str:
        return self.name.label


@dataclass(frozen=True, slots=True)
class PayCutRow:
    """An offer against the current job (negative is a cut); the current job has no value."""

    name: Label
    get: Callable[[PayCut], float | None]

    @property
    def key(self) -> str:
        return self.name.key

    @property
    def label(self) -> str:
        return self.name.label


def _label(key: str, label: str, unit: str, help: str, short: str = "") -> Label:
    return Label(key, label, short or label, unit, help)


def _same(get: Callable[[PositionMoney], float]) -> Change:
    """The plain difference of a figure, offer minus current job."""
    return lambda offer, current, _cut: get(offer) - get(current)


# --- pay --------------------------------------------------------------------------------------

BASE_SALARY: Final = MoneyRow(
    _label("base_salary", "Base salary", "£ a year", "Annual base salary in year 1."),
    lambda m: m.base_salary,
    lambda o, c, cut: cut.gross_abs,
)
EXPECTED_BONUS: Final = MoneyRow(
    _label(
        "expected_bonus",
        "Expected bonus",
        "£ a year",
        "Bonus target times the share you expect to be paid, year 1.",
        short="Bonus",
    ),
    lambda m: m.year1.bonus,
    _same(lambda m: m.year1.bonus),
)
SIGN_ON: Final = MoneyRow(
    _label(
        "sign_on",
        "Sign-on bonus",
        "£",
        "A one-off payment on joining, counted in year 1.",
        short="Sign-on",
    ),
    lambda m: m.year1.sign_on,
    _same(lambda m: m.year1.sign_on),
)
EQUITY_YEAR1: Final = MoneyRow(
    _label(
        "equity_year1",
        "Equity vesting, year 1",
        "£ a year",
        "Equity that can be sold and vests in year 1, after any cliff.",
        short="Equity",
    ),
    lambda m: m.year1.equity,
    _same(lambda m: m.year1.equity),
)
EMPLOYER_PENSION: Final = MoneyRow(
    _label(
        "employer_pension",
        "Employer pension",
        "£ a year",
        "What the employer pays into your pension in year 1.",
    ),
    lambda m: m.year1.employer_pension,
    _same(lambda m: m.year1.employer_pension),
)
BENEFITS: Final = MoneyRow(
    _label("benefits_value", "Benefits", "£ a year", "The yearly value of benefits in kind."),
    lambda m: m.year1.benefits,
    _same(lambda m: m.year1.benefits),
)
TOTAL_COMP_YEAR1: Final = MoneyRow(
    METRIC_BY_KEY["total_comp_year1"],
    lambda m: m.total_comp_year1,
    lambda o, c, cut: cut.total_comp_abs,
)
TOTAL_COMP_YEARS_1_4: Final = MoneyRow(
    _label(
        "total_comp_years_1_4",
        "Total compensation, years 1-4",
        "£",
        "Total compensation over the first four years together, with raises and vesting.",
    ),
    lambda m: m.total_comp_years_1_4,
    _same(lambda m: m.total_comp_years_1_4),
)
TOTAL_COMP_AVERAGE: Final = MoneyRow(
    _label(
        "total_comp_average_1_4",
        "Total compensation, 4-year average",
        "£ a year",
        "Total compensation averaged over the first four years, with raises and vesting.",
    ),
    lambda m: m.total_comp_average,
    _same(lambda m: m.total_comp_average),
)
ILLIQUID_EQUITY: Final = MoneyRow(
    _label(
        "illiquid_equity_year1_discounted",
        "Illiquid equity, year 1 (discounted)",
        "£ a year",
        "Equity vesting in year 1 that cannot be sold yet, after your discount; not in the total.",
        short="Illiquid equity (discounted)",
    ),
    lambda m: m.illiquid_equity_year1,
    _same(lambda m: m.illiquid_equity_year1),
)

# --- take-home --------------------------------------------------------------------------------

INCOME_TAX: Final = MoneyRow(
    _label("take_home.income_tax", "Income tax", "£ a year", "Income tax in year 1."),
    lambda m: m.take_home.income_tax,
    _same(lambda m: m.take_home.income_tax),
)
NATIONAL_INSURANCE: Final = MoneyRow(
    _label(
        "take_home.employee_ni",
        "National Insurance",
        "£ a year",
        "Your National Insurance contributions in year 1.",
    ),
    lambda m: m.take_home.employee_ni,
    _same(lambda m: m.take_home.employee_ni),
)
STUDENT_LOAN: Final = MoneyRow(
    _label(
        "take_home.student_loan",
        "Student loan",
        "£ a year",
        "Student loan repayments in year 1.",
    ),
    lambda m: m.take_home.student_loan,
    _same(lambda m: m.take_home.student_loan),
)
INTO_PENSION: Final = MoneyRow(
    _label(
        "take_home.pension_contribution",
        "Into your pension (gross)",
        "£ a year",
        "What goes into your pension from your pay, before any tax relief is added back.",
        short="Into your pension",
    ),
    lambda m: m.take_home.pension_contribution,
    _same(lambda m: m.take_home.pension_contribution),
)
YOUR_PENSION_COST: Final = MoneyRow(
    _label(
        "employee_pension_cost",
        "Your pension cost",
        "£ a year",
        "What your pension contribution costs you after tax relief: the take-home it replaces.",
        short="Your pension",
    ),
    lambda m: m.take_home.employee_pension_cost,
    _same(lambda m: m.take_home.employee_pension_cost),
)
NET_TAKE_HOME: Final = MoneyRow(
    METRIC_BY_KEY["net_take_home"],
    lambda m: m.net_take_home,
    lambda o, c, cut: cut.net_abs,
)
NET_TAKE_HOME_MONTHLY: Final = MoneyRow(
    _label(
        "net_take_home_monthly",
        "Net take-home a month",
        "£ a month",
        "Year-1 take-home divided by twelve.",
    ),
    lambda m: m.net_take_home_monthly,
    lambda o, c, cut: cut.net_abs / 12.0,
)

TAXABLE_PAY: Final = MoneyRow(
    _label(
        "take_home.gross",
        "Taxable pay, year 1",
        "£ a year",
        "Cash pay that tax is worked out on: base, bonus and any sign-on.",
    ),
    lambda m: m.take_home.gross,
)
PERSONAL_ALLOWANCE: Final = MoneyRow(
    _label(
        "take_home.personal_allowance",
        "Personal allowance",
        "£ a year",
        "Income you pay no income tax on (it shrinks above £100,000).",
    ),
    lambda m: m.take_home.personal_allowance,
)
TAXABLE_INCOME: Final = MoneyRow(
    _label(
        "take_home.taxable_income",
        "Taxable income",
        "£ a year",
        "Pay less the personal allowance and any pension taken before tax.",
    ),
    lambda m: m.take_home.taxable_income,
)
NET_AFTER_YEAR1: Final = MoneyRow(
    _label(
        "take_home_recurring.net",
        "Net take-home a year after year 1",
        "£ a year",
        "A typical later year's take-home: year 1 without the one-off sign-on.",
    ),
    lambda m: m.take_home_recurring.net,
)
TAXED_BENEFITS_IN_KIND: Final = MoneyRow(
    _label(
        "take_home.benefits_in_kind",
        "Benefits in kind (taxed, not cash)",
        "£ a year",
        "Taxable benefits such as private medical cover or a company car: income tax is paid on "
        "them, but they are not part of the take-home.",
        short="Benefits in kind",
    ),
    lambda m: m.take_home.benefits_in_kind,
)
CHILD_BENEFIT_CHARGE: Final = MoneyRow(
    _label(
        "take_home.child_benefit_charge",
        "Child Benefit charge",
        "£ a year",
        "The High Income Child Benefit Charge: part or all of the household's Child Benefit paid "
        "back once your adjusted net income passes £60,000.",
    ),
    lambda m: m.take_home.child_benefit_charge,
)
ADJUSTED_NET_INCOME: Final = MoneyRow(
    _label(
        "take_home.adjusted_net_income",
        "Adjusted net income",
        "£ a year",
        "Taxable income less pension contributions that get tax relief: what the personal "
        "allowance taper and the Child Benefit charge are worked out on.",
    ),
    lambda m: m.take_home.adjusted_net_income,
)
CHILD_BENEFIT: Final = MoneyRow(
    _label(
        "take_home.child_benefit",
        "Child Benefit",
        "£ a year",
        "The household's Child Benefit for the year, which the charge claws back.",
    ),
    lambda m: m.take_home.child_benefit,
)
TAKE_HOME_DETAIL_ROWS: Final = (
    TAXABLE_PAY,
    PERSONAL_ALLOWANCE,
    TAXABLE_INCOME,
    INCOME_TAX,
    NATIONAL_INSURANCE,
    STUDENT_LOAN,
    INTO_PENSION,
    YOUR_PENSION_COST,
    NET_TAKE_HOME,
    NET_TAKE_HOME_MONTHLY,
    NET_AFTER_YEAR1,
    TAXED_BENEFITS_IN_KIND,
    ADJUSTED_NET_INCOME,
    CHILD_BENEFIT,
    CHILD_BENEFIT_CHARGE,
)
"""The workbook's Take-home sheet, column by column after the position and its tax settings."""

# --- left to live on --------------------------------------------------------------------------

COMMUTING: Final = MoneyRow(
    _label("commute_cost", "Commuting", "£ a year", "What travelling to work costs in a year."),
    lambda m: m.commute_cost,
    _same(lambda m: m.commute_cost),
)
EXTRA_LIVING_COSTS: Final = MoneyRow(
    _label(
        "living_cost_difference",
        "Extra living costs",
        "£ a year",
        "How much more (or less) living near this job costs in a year.",
    ),
    lambda m: m.living_cost_difference,
    _same(lambda m: m.living_cost_difference),
)
MOVING: Final = MoneyRow(
    _label("relocation_cost", "Moving (one-off)", "£", "The cost of moving for this job."),
    lambda m: m.relocation_cost,
    _same(lambda m: m.relocation_cost),
)
LEFT_TO_LIVE_ON_YEAR1: Final = MoneyRow(
    _label(
        "left_to_live_on_year1",
        "Left to live on, year 1",
        "£ a year",
        "Year-1 take-home less commuting, extra living costs and the move itself.",
    ),
    lambda m: m.left_to_live_on_year1,
    lambda o, c, cut: cut.left_to_live_on_abs,
)
LEFT_TO_LIVE_ON_MONTHLY: Final = MoneyRow(
    _label(
        "left_to_live_on_monthly",
        "Left to live on a month",
        "£ a month",
        "A typical month after year 1: take-home less commuting and extra living costs.",
    ),
    lambda m: m.left_to_live_on_monthly,
    _same(lambda m: m.left_to_live_on_monthly),
)

HOURLY_BASE: Final = MoneyRow(
    _label(
        "hourly_base",
        "Base salary per hour",
        "£ an hour",
        "Base salary per contracted hour worked.",
    ),
    lambda m: m.hourly_base,
    _same(lambda m: m.hourly_base),
    pence=True,
)
HOURLY_NET: Final = MoneyRow(
    _label(
        "hourly_net_including_commute",
        "Take-home per hour of work and travel",
        "£ an hour",
        "Take-home per hour of work and travel together: what an hour of your time earns once "
        "commuting counts as time given to the job.",
        short="Take-home per hour",
    ),
    lambda m: m.hourly_net_including_commute,
    _same(lambda m: m.hourly_net_including_commute),
    pence=True,
)

# --- against the market and your target -------------------------------------------------------

BENCHMARK_MEDIAN: Final = MoneyRow(
    _label(
        "benchmark_median",
        "Benchmark median",
        "£ a year",
        "The median base salary of the benchmark this job is compared with.",
    ),
    lambda m: m.benchmark_median,
)
VS_BENCHMARK: Final = MoneyRow(
    Label(
        "vs_benchmark_pct",
        METRIC_BY_KEY["vs_benchmark"].label,
        "Base vs benchmark",  # short enough for a chart's axis beside the bars
        "%",
        "How the base salary compares with the median of the chosen benchmark.",
    ),
    lambda m: m.vs_benchmark_pct,
)
BENCHMARK_PERCENTILE: Final = MoneyRow(
    _label(
        "benchmark_percentile",
        "Benchmark percentile",
        "percentile",
        "Where the base salary sits among the benchmark's known points (0-100).",
    ),
    lambda m: m.benchmark_percentile,
)
VS_TARGET: Final = MoneyRow(
    _label(
        "vs_target_pct",
        "Base salary vs your target",
        "%",
        "How far the base salary is above (+) or below (-) the salary you are aiming for.",
        short="Base vs target",
    ),
    lambda m: m.vs_target_pct,
)

BENCHMARK_NAME: Final = _label(
    "benchmark_id", "Benchmark", "", "The published pay figures this job is compared with."
)
WHERE_IT_SITS: Final = _label(
    "benchmark_note",
    "Where it sits",
    "",
    "Where the base salary falls among the benchmark's percentiles.",
)

# --- against the current job --------------------------------------------------------------

PAY_CUT_ROWS: Final = (
    PayCutRow(
        _label(
            "pay_cut_gross",
            "Base salary change",
            "£ a year",
            "Base salary of the offer less the current job's.",
        ),
        lambda c: c.gross_abs,
    ),
    PayCutRow(
        _label(
            "pay_cut_gross_pct",
            "Base salary change, %",
            "%",
            "The same as a percentage.",
            short="Base vs current",
        ),
        lambda c: c.gross_pct,
    ),
    PayCutRow(
        _label(
            "pay_cut_total_comp",
            "Total compensation change",
            "£ a year",
            "Year-1 total compensation of the offer less the current job's.",
        ),
        lambda c: c.total_comp_abs,
    ),
    PayCutRow(
        _label(
            "pay_cut_total_comp_pct",
            "Total compensation change, %",
            "%",
            "The same as a percentage.",
            short="Total comp vs current",
        ),
        lambda c: c.total_comp_pct,
    ),
    PayCutRow(
        _label(
            "pay_cut_net",
            "Net take-home change",
            "£ a year",
            "Year-1 take-home of the offer less the current job's.",
        ),
        lambda c: c.net_abs,
    ),
    PayCutRow(
        _label(
            "pay_cut_net_pct",
            "Net take-home change, %",
            "%",
            "The same as a percentage.",
            short="Take-home vs current",
        ),
        lambda c: c.net_pct,
    ),
    PayCutRow(
        _label(
            "left_to_live_on_change",
            "Left to live on change",
            "£ a year",
            "Year-1 money left to live on with the offer less with the current job.",
        ),
        lambda c: c.left_to_live_on_abs,
    ),
)
PAY_CUT: Final[Mapping[str, PayCutRow]] = {row.key: row for row in PAY_CUT_ROWS}

# --- sections as the report and the workbook's Summary list them -------------------------------

PAY_ROWS: Final = (
    BASE_SALARY,
    EXPECTED_BONUS,
    SIGN_ON,
    EQUITY_YEAR1,
    EMPLOYER_PENSION,
    BENEFITS,
    TOTAL_COMP_YEAR1,
    TOTAL_COMP_YEARS_1_4,
    ILLIQUID_EQUITY,
)
TAKE_HOME_ROWS: Final = (
    INCOME_TAX,
    NATIONAL_INSURANCE,
    STUDENT_LOAN,
    INTO_PENSION,
    NET_TAKE_HOME,
    NET_TAKE_HOME_MONTHLY,
)
LEFT_TO_LIVE_ON_ROWS: Final = (
    COMMUTING,
    EXTRA_LIVING_COSTS,
    MOVING,
    LEFT_TO_LIVE_ON_YEAR1,
    LEFT_TO_LIVE_ON_MONTHLY,
    HOURLY_BASE,
    HOURLY_NET,
)
MARKET_ROWS: Final = (BENCHMARK_MEDIAN, VS_BENCHMARK, BENCHMARK_PERCENTILE, VS_TARGET)

HEADLINE_ROWS: Final = (
    TOTAL_COMP_YEAR1,
    TOTAL_COMP_AVERAGE,
    NET_TAKE_HOME,
    NET_TAKE_HOME_MONTHLY,
    LEFT_TO_LIVE_ON_MONTHLY,
    HOURLY_NET,
    VS_BENCHMARK,
    BENCHMARK_PERCENTILE,
)
"""The figures the window shows above each job's inputs: what decides most offers."""

MONEY_ROWS: Final = (
    *PAY_ROWS,
    TOTAL_COMP_AVERAGE,
    *TAKE_HOME_ROWS,
    *LEFT_TO_LIVE_ON_ROWS,
    *MARKET_ROWS,
)
MONEY: Final[Mapping[str, MoneyRow]] = {row.key: row for row in MONEY_ROWS}

SECTION_PAY: Final = "Pay (year 1 unless stated)"
SECTION_TAKE_HOME: Final = "Take-home, year 1"
SECTION_LEFT: Final = "Left to live on"
SECTION_CHANGE: Final = "Against the current job (negative is a cut)"
SECTION_MARKET: Final = "Against the market and your target"
SECTION_RESULTS: Final = "Results (worked out)"
SECTION_SEARCH: Final = "Job search, simulated"
SECTION_SEARCH_DECLINE: Final = (
    "Job search, simulated (current job: declining every offer and searching on)"
)
SECTION_DECISION: Final = "Decision (your weights)"

TAX_RULES_YEAR: Final = _label(
    "tax_rules_year",
    "Tax rules used",
    "",
    "The tax year whose published rules were applied (the latest shipped when yours is newer).",
)
RESOLUTION: Final = _label(
    "resolution",
    "Resolution",
    "",
    "full: every simulated future; interactive: the first 1,000, while you drag a slider.",
)
APP_VERSION: Final = _label("app_version", "Offer Eval version", "", "The app that made this.")
SCHEMA_VERSION: Final = _label(
    "schema_version", "Scenario file version", "", "The version of the scenario file format."
)
NOTE: Final = _label("note", "Note", "", "Anything the take-home calculation wants you to know.")
