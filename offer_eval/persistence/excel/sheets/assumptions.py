"""The assumptions block on the Summary sheet: everything the figures depend on besides the
offers (tax, target, search and simulation settings, notes and sources). Read-only: they are
changed in the app, and import reads them from the hidden sheet.
"""

from __future__ import annotations

import dataclasses
from typing import Final

from offer_eval import __version__
from offer_eval.core.models import SCHEMA_VERSION, Scenario, SearchAssumptions
from offer_eval.persistence.excel._context import ExportContext
from offer_eval.persistence.excel._sheet import SheetWriter
from offer_eval.persistence.excel._styles import (
    BOLD,
    GENERAL,
    NOTE_FONT,
    PERCENT,
    TITLE_FONT,
    WHOLE,
)


def write(sheet: SheetWriter, export: ExportContext, top: int) -> int:
    """The assumptions block: everything the figures above depend on besides the offers."""
    evaluation, scenario = export.evaluation, export.scenario
    th = evaluation.current.take_home
    money = export.money.whole
    sheet.text(top, 1, "Assumptions", font=TITLE_FONT)
    sheet.text(
        top + 1,
        1,
        "Change these in the app; import reads them from the hidden _scenario sheet.",
        font=NOTE_FONT,
    )
    rows: list[tuple[str, float | str | None, str | None]] = [
        ("Scenario", scenario.name, None),
        ("Currency", scenario.currency, None),
        ("Tax year", th.tax_year, None),
        ("Tax rules used", th.rules_year, None),
        ("Tax region", region_words(scenario), None),
        ("Student loans", ", ".join(scenario.tax.student_loans) or "none", None),
        ("Target salary", scenario.target_salary, money),
        ("Target role benchmark", export.benchmark_label(scenario.target_benchmark_id), None),
        ("Confidence in your weights", scenario.weight_confidence, GENERAL),
    ]
    rows.extend(_search_rows(scenario.search, money))
    history = scenario.search.history
    if history is not None:
        rows.extend(
            [
                ("Your search so far: applications", float(history.applications), WHOLE),
                ("Your search so far: callbacks", float(history.callbacks), WHOLE),
                ("Your search so far: offers", float(history.offers), WHOLE),
            ]
        )
    trajectory = export.trajectory
    if trajectory is not None:
        rows.extend(
            [
                (
                    "Reservation salary: lowest offer worth taking without a job",
                    trajectory.reservation_salary,
                    money,
                ),
                (
                    "Reservation salary once experienced",
                    trajectory.reservation_salary_experienced,
                    money,
                ),
                ("Market median new offers are drawn around", trajectory.market_median, money),
                ("Where that median comes from", trajectory.market_source, None),
            ]
        )
    simulation = scenario.simulation
    rows.extend(
        [
            ("Simulated paths", float(simulation.paths), WHOLE),
            ("Months simulated", float(simulation.months), WHOLE),
            ("Random seed", str(simulation.seed), None),
            ("Resolution", evaluation.resolution, None),
            ("Offer Eval version", __version__, None),
            ("Scenario file version", float(SCHEMA_VERSION), WHOLE),
        ]
    )
    row = top + 2
    for label, value, number_format in rows:
        sheet.text(row, 1, label)
        if isinstance(value, str):
            sheet.text(row, 2, value)
        else:
            sheet.number(row, 2, value, number_format)
        row += 1
    notes = list(evaluation.notes)
    if export.decision is not None:
        notes.extend(export.decision.notes)
    if export.trajectory is not None:
        notes.extend(export.trajectory.assumptions)
    if notes:
        row += 1
        sheet.text(row, 1, "Notes", font=BOLD)
        for note in notes:
            row += 1
            sheet.text(row, 1, note, font=NOTE_FONT)
    if scenario.sources:
        row += 2
        sheet.text(row, 1, "Sources", font=BOLD)
        for path, source in scenario.sources.items():
            row += 1
            sheet.text(row, 1, path)
            sheet.text(row, 2, source)
    return row


def region_words(scenario: Scenario) -> str:
    """The tax region in words, as the Summary's subtitle and assumptions say it."""
    if scenario.tax.region == "scotland":
        return "Scotland"
    return "England, Wales and Northern Ireland (rUK)"


_SEARCH_LABELS: Final[dict[str, tuple[str, str]]] = {
    "applications_per_month": ("Applications a month, in a job", "number"),
    "applications_per_month_unemployed": ("Applications a month, without a job", "number"),
    "callback_rate_novice": ("Callbacks per application, before experience", "fraction"),
    "callback_rate_experienced": ("Callbacks per application, once experienced", "fraction"),
    "experience_threshold_months": (
        "Months in the new field before counting as experienced",
        "int",
    ),
    "ramp_months": ("Months over which callbacks climb", "int"),
    "offers_per_callback": ("Offers per callback", "fraction"),
    "benchmark_id": ("Benchmark that sets new offers' pay", "text"),
    "market_growth_pct": ("Market pay growth a year", "pct"),
    "novice_discount": ("Offers before experience, share of the benchmark", "fraction"),
    "offer_spread": ("Spread of offers (log salary)", "number"),
    "switching_margin_pct": ("Switching margin", "pct"),
    "annual_raise_pct": ("Yearly raise in a job found by searching", "pct"),
    "layoff_rate_pct": ("Chance of losing a job a year", "pct"),
    "income_while_searching": ("Income a year while searching without a job", "money"),
    "discount_rate_pct": ("Discount rate a year", "pct"),
    "risk_aversion": ("Risk aversion", "number"),
    "prior_experience_months": ("Months already worked in the new field", "int"),
    "new_job_pension_pct": ("Your pension in a job found by searching", "pct"),
}


def _search_rows(
    search: SearchAssumptions, money: str
) -> list[tuple[str, float | str | None, str | None]]:
    """Every search assumption, labelled; fields added later still appear, under their names."""
    rows: list[tuple[str, float | str | None, str | None]] = []
    for item in dataclasses.fields(search):
        value = getattr(search, item.name)
        if item.name == "history" or dataclasses.is_dataclass(value):
            continue
        label, kind = _SEARCH_LABELS.get(item.name, (item.name.replace("_", " ").capitalize(), ""))
        label = f"Search: {label[0].lower()}{label[1:]}"
        if value is None or isinstance(value, str):
            rows.append((label, value, None))
        elif isinstance(value, bool):
            rows.append((label, "yes" if value else "no", None))
        elif kind == "pct" or item.name.endswith("_pct"):
            rows.append((label, float(value) / 100.0, PERCENT))
        elif kind == "fraction":
            rows.append((label, float(value), PERCENT))
        elif kind == "money":
            rows.append((label, float(value), money))
        elif isinstance(value, int | float):
            rows.append((label, float(value), WHOLE if kind == "int" else GENERAL))
    return rows
