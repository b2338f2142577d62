"""What every input is called: one table read by the editor, the forms and the workbook's headers.

Keys are paths into the domain objects (``base_salary``, ``equity.cliff_months``,
``search.history.offers``), the same paths the scenario file uses. Help texts come from the domain
dataclasses where they have one, so a field's explanation is written next to the value it explains.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from offer_eval.core.models import (
    Benchmark,
    Criterion,
    Equity,
    Household,
    Position,
    Scenario,
    SearchAssumptions,
    SearchHistory,
    Simulation,
    TaxSettings,
    field_help,
)
from offer_eval.present.labels import JOB_MARKETS, Label

_OWNERS: Final[tuple[tuple[str, type], ...]] = (
    ("search.history.", SearchHistory),
    ("search.", SearchAssumptions),
    ("simulation.", Simulation),
    ("tax.", TaxSettings),
    ("household.", Household),
    ("equity.", Equity),
)


def _help(owner: type, key: str) -> str:
    for prefix, cls in _OWNERS:
        if key.startswith(prefix):
            owner, key = cls, key.removeprefix(prefix)
            break
    try:
        return field_help(owner, key)
    except KeyError:
        return ""


def _field(
    owner: type, key: str, label: str, unit: str = "", *, short: str = "", help: str = ""
) -> Label:
    return Label(key, label, short or label, unit, help or _help(owner, key))


def _position(key: str, label: str, unit: str = "", *, help: str = "") -> Label:
    return _field(Position, key, label, unit, help=help)


POSITION_FIELDS: Final[tuple[Label, ...]] = (
    _position("role", "Role", help="Whether this is the job you hold now or an offer."),
    _position("id", "Id", help="A short name the file uses to refer to this job; never shown."),
    _position(
        "name",
        "Name",
        help="What this job is called in charts and tables; blank uses the title and employer.",
    ),
    _position("title", "Job title", help="The job title as offered."),
    _position("employer", "Employer", help="Who the job is with."),
    _position("region", "Job market"),
    _position("benchmark_id", "Benchmark"),
    _position("target_field", "In the new field"),
    _position("tax_free", "Tax-free (stipend)"),
    _position("ends_after_months", "Ends after (months)", "months"),
    _position("tax_region", "Tax region"),
    _position("base_salary", "Base salary", "£ a year"),
    _position("pay_type", "Paid by"),
    _position("day_rate", "Day rate", "£ a day"),
    _position("days_per_year", "Days a year", "days"),
    _position("utilisation_pct", "Days paid", "%"),
    _position("engagement", "Contract type"),
    _position("umbrella_margin", "Umbrella fee", "£ a year"),
    _position("accountancy_cost", "Company running costs", "£ a year"),
    _position("annual_raise_pct", "Yearly raise", "%"),
    _position("hours_per_week", "Hours a week", "hours"),
    _position("holiday_days", "Holiday days", "days"),
    _position("bonus_target_pct", "Bonus target", "%"),
    _position("bonus_payout_pct", "Expected bonus payout", "%"),
    _position("sign_on", "Sign-on bonus", "£"),
    _position("equity.grant_value", "Equity grant (total)", "£"),
    _position("equity.vesting_years", "Vesting years", "years"),
    _position("equity.cliff_months", "Vesting cliff (months)", "months"),
    _position(
        "equity.schedule_pct",
        "Vesting schedule (%)",
        "%",
        help="The share vesting in each year, e.g. 25/25/25/25; blank vests evenly.",
    ),
    _position("equity.liquid", "Equity can be sold"),
    _position("equity.illiquid_discount_pct", "Illiquid discount", "%"),
    _position("employer_pension_pct", "Employer pension", "%"),
    _position("employee_pension_pct", "Your pension", "%"),
    _position("pension_method", "Pension method"),
    _position("pension_match_ratio", "Employer match per 1% of yours", "%"),
    _position("pension_match_floor_pct", "Employer pension at least", "%"),
    _position("pension_match_cap_pct", "Employer pension at most", "%"),
    _position("sacrifice_ni_passed_on_pct", "Employer NI saving passed on", "%"),
    _position("benefits_value", "Tax-free benefits", "£ a year"),
    _position("bik_private_medical", "Private medical (taxed)", "£ a year"),
    _position("bik_car_list_price", "Company car list price", "£"),
    _position("bik_car_co2_g_km", "Company car CO2", "g/km"),
    _position("bik_car_electric_miles", "Company car electric range", "miles"),
    _position("bik_other", "Other taxable benefits", "£ a year"),
    _position("commute_days_per_week", "Days on site a week", "days"),
    _position("commute_cost_per_day", "Commute cost a day", "£"),
    _position("commute_minutes_per_day", "Commute minutes a day", "minutes"),
    _position("living_cost_difference_per_month", "Extra living costs a month", "£ a month"),
    _position("relocation_cost", "Relocation cost", "£"),
    _position("notes", "Notes", help="Anything worth remembering about this job."),
)
"""Every input of a job, in the order the editor and the workbook's Offers sheet show them."""

_MARKETS: Final = ", ".join(c.label for c in JOB_MARKETS)

BENCHMARK_FIELDS: Final[tuple[Label, ...]] = (
    _field(Benchmark, "id", "Id", help="A short name jobs use to refer to this benchmark."),
    _field(
        Benchmark, "label", "Benchmark name", short="Benchmark", help="A name for this benchmark."
    ),
    _field(Benchmark, "region", "Job market", help=f"Where: {_MARKETS} or your own label."),
    _field(Benchmark, "role", "Job role", help="The job the figures describe."),
    _field(Benchmark, "year", "Year", help="The year the figures describe."),
    _field(Benchmark, "period", "Period", help="The months or quarter the figures cover."),
    _field(
        Benchmark,
        "p10",
        "10th percentile",
        "£ a year",
        short="10th",
        help="Annual gross pay that 10% earn less than.",
    ),
    _field(
        Benchmark,
        "p25",
        "25th percentile",
        "£ a year",
        short="25th",
        help="Annual gross pay that a quarter earn less than.",
    ),
    _field(Benchmark, "median", "Median", "£ a year", help="Annual gross pay half earn less than."),
    _field(
        Benchmark,
        "p75",
        "75th percentile",
        "£ a year",
        short="75th",
        help="Annual gross pay that three quarters earn less than.",
    ),
    _field(
        Benchmark,
        "p90",
        "90th percentile",
        "£ a year",
        short="90th",
        help="Annual gross pay that 90% earn less than.",
    ),
    _field(
        Benchmark,
        "source",
        "Source",
        help="Where the figures come from (a link or 'entered by me').",
    ),
    _field(Benchmark, "reliability", "Reliability", help="How far to trust the figures."),
    _field(Benchmark, "used_by", "Used by", help="The jobs and settings compared with it."),
    _field(Benchmark, "notes", "Notes", help="Anything worth remembering about these figures."),
)
"""Every column of a benchmark (`used_by` is worked out, the rest are inputs)."""

CRITERION_FIELDS: Final[tuple[Label, ...]] = (
    _field(Criterion, "label", "Criterion", help="What matters to you, in a few words."),
    _field(Criterion, "id", "Criterion id", help="A short name ratings are filed under."),
    _field(
        Criterion,
        "kind",
        "Kind",
        help="Rating: you score each job 0-10. "
        "Money: a figure worked out for each offer, mapped to 0-10.",
    ),
    _field(Criterion, "weight", "Weight"),
    _field(Criterion, "share", "Share", "%", help="This weight as a share of all the weights."),
    _field(
        Criterion,
        "meaning_0",
        "0 means",
        help="What a rating of 0 means, so ratings stay consistent.",
    ),
    _field(Criterion, "meaning_5", "5 means", help="What a rating of 5 means."),
    _field(Criterion, "meaning_10", "10 means", help="What a rating of 10 means."),
    _field(
        Criterion, "metric", "Money measure", help="Which money figure a money criterion scores."
    ),
    _field(Criterion, "anchor_low", "Scores 0 at", "£"),
    _field(Criterion, "anchor_high", "Scores 10 at", "£"),
    _field(Criterion, "rating_uncertainty", "How sure (± points)"),
)
"""Every column of a decision criterion."""

SCENARIO_FIELDS: Final[tuple[Label, ...]] = (
    _field(Scenario, "name", "Comparison name", help="A name for this comparison."),
    _field(Scenario, "currency", "Currency", help="The currency of every amount."),
    _field(Scenario, "target_salary", "Target salary", "£ a year"),
    _field(Scenario, "target_benchmark_id", "Target role benchmark"),
    _field(Scenario, "tax.year", "Tax year"),
    _field(Scenario, "tax.region", "Tax region"),
    _field(Scenario, "tax.student_loans", "Student loans"),
    _field(Scenario, "weight_confidence", "Confidence in your weights"),
    _field(Scenario, "household.children", "Children with Child Benefit"),
    _field(Scenario, "household.claims_child_benefit", "Child Benefit claimed"),
)
"""Settings of the whole comparison: your situation and how sure you are of your weights."""

SEARCH_FIELDS: Final[tuple[Label, ...]] = (
    _field(Scenario, "search.applications_per_month", "Applications a month, in a job"),
    _field(
        Scenario, "search.applications_per_month_unemployed", "Applications a month, without a job"
    ),
    _field(
        Scenario,
        "search.callback_rate_novice",
        "Callbacks per application, before experience",
        "%",
    ),
    _field(
        Scenario,
        "search.callback_rate_experienced",
        "Callbacks per application, once experienced",
        "%",
    ),
    _field(
        Scenario,
        "search.experience_threshold_months",
        "Months before counting as experienced",
        "months",
    ),
    _field(Scenario, "search.ramp_months", "Months over which callbacks climb", "months"),
    _field(Scenario, "search.offers_per_callback", "Offers per callback", "%"),
    _field(Scenario, "search.benchmark_id", "Benchmark for new offers' pay"),
    _field(Scenario, "search.market_growth_pct", "Market pay growth a year", "%"),
    _field(
        Scenario,
        "search.novice_discount",
        "Pay before experience, share of the benchmark",
        "%",
    ),
    _field(Scenario, "search.offer_spread", "Spread of offers", "%"),
    _field(Scenario, "search.switching_margin_pct", "Switching margin", "%"),
    _field(Scenario, "search.annual_raise_pct", "Yearly raise in a job found by searching", "%"),
    _field(Scenario, "search.layoff_rate_pct", "Chance of losing a job a year", "%"),
    _field(
        Scenario,
        "search.income_while_searching",
        "Income a year while searching without a job",
        "£ a year",
    ),
    _field(Scenario, "search.discount_rate_pct", "Discount rate a year", "%"),
    _field(Scenario, "search.risk_aversion", "Risk aversion"),
    _field(
        Scenario,
        "search.prior_experience_months",
        "Months already worked in the new field",
        "months",
    ),
    _field(Scenario, "search.new_job_pension_pct", "Your pension in a job found by searching", "%"),
    _field(
        Scenario,
        "search.callback_rate_experienced_weight",
        "Confidence in the experienced rate (applications)",
    ),
    _field(Scenario, "search.stop_at_target", "Stop searching at the target salary"),
    _field(Scenario, "search.target_field_since", "Working in the new field since", "date"),
)
"""The job-search model's assumptions."""

HISTORY_FIELDS: Final[tuple[Label, ...]] = (
    _field(Scenario, "search.history.applications", "Applications sent so far"),
    _field(Scenario, "search.history.callbacks", "Callbacks so far"),
    _field(Scenario, "search.history.offers", "Offers so far"),
    _field(Scenario, "search.history.use_for_rates", "Use for the rates"),
    _field(Scenario, "search.history.prior_callback_rate", "Starting belief: callback rate", "%"),
    _field(
        Scenario,
        "search.history.prior_applications",
        "Starting belief weight (applications)",
    ),
    _field(
        Scenario,
        "search.history.prior_offers_per_callback",
        "Starting belief: offers per callback",
        "%",
    ),
    _field(Scenario, "search.history.prior_callbacks", "Starting belief weight (callbacks)"),
)
"""Your own search so far, which can set the callback and offer rates."""

SIMULATION_FIELDS: Final[tuple[Label, ...]] = (
    _field(Scenario, "simulation.months", "Months ahead", "months"),
    _field(Scenario, "simulation.paths", "Simulated futures"),
    _field(Scenario, "simulation.seed", "Random seed"),
    _field(Scenario, "simulation.measure", "What the forecast counts"),
    _field(Scenario, "simulation.real_terms", "In today's pounds"),
    _field(Scenario, "simulation.inflation_pct", "Inflation a year", "%"),
    _field(Scenario, "simulation.years_after_horizon", "Years counted after the forecast", "years"),
)
"""How the job-search simulation is run."""

ALL_FIELDS: Final[tuple[Label, ...]] = (
    *POSITION_FIELDS,
    *SCENARIO_FIELDS,
    *SEARCH_FIELDS,
    *HISTORY_FIELDS,
    *SIMULATION_FIELDS,
)
"""Every input keyed by its path from a position or the scenario (benchmarks and criteria apart)."""

POSITION_FIELD: Final[Mapping[str, Label]] = {f.key: f for f in POSITION_FIELDS}
BENCHMARK_FIELD: Final[Mapping[str, Label]] = {f.key: f for f in BENCHMARK_FIELDS}
CRITERION_FIELD: Final[Mapping[str, Label]] = {f.key: f for f in CRITERION_FIELDS}
SETTING_FIELD: Final[Mapping[str, Label]] = {
    f.key: f for f in (*SCENARIO_FIELDS, *SEARCH_FIELDS, *HISTORY_FIELDS, *SIMULATION_FIELDS)
}
