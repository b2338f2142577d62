"""The assumptions block on the Summary sheet: everything the figures depend on besides the
offers (tax, target, search and simulation settings, notes and sources). Read-only: they are
changed in the app, and import reads them from the hidden sheet.
"""

from __future__ import annotations

import dataclasses
from typing import Final

from offer_eval import __version__
from offer_eval.core.models import SCHEMA_VERSION, SearchAssumptions
from offer_eval.persistence.excel._context import ExportContext
from offer_eval.persistence.excel._sheet import (
    LINE_POINTS,
    MAX_ROW_POINTS,
    SheetWriter,
    text_lines,
)
from offer_eval.persistence.excel._styles import (
    BOLD,
    GENERAL,
    NOTE_FONT,
    PERCENT,
    TITLE_FONT,
    TOP,
    WHOLE,
    WRAP,
)
from offer_eval.present.fields import SETTING_FIELD
from offer_eval.present.labels import LOAN_PLANS, tax_region_words, words
from offer_eval.present.outcome_rows import (
    MARKET_MEDIAN,
    MARKET_SOURCE,
    RESERVATION_SALARY,
    RESERVATION_SALARY_EXPERIENCED,
)
from offer_eval.present.rows import APP_VERSION, RESOLUTION, TAX_RULES_YEAR
from offer_eval.present.rows import SCHEMA_VERSION as SCHEMA_VERSION_LABEL


def write(sheet: SheetWriter, export: ExportContext, top: int, *, last_column: int) -> int:
    """The assumptions block: everything the figures above depend on besides the offers.

    Text runs across the columns up to `last_column` (the table's), wrapped; returns the last
    row written.
    """
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
    setting = SETTING_FIELD
    loans = ", ".join(words(LOAN_PLANS, plan) for plan in scenario.tax.student_loans)
    rows: list[tuple[str, float | str | None, str | None]] = [
        (setting["name"].label, scenario.name, None),
        (setting["currency"].label, scenario.currency, None),
        (setting["tax.year"].label, th.tax_year, None),
        (TAX_RULES_YEAR.label, th.rules_year, None),
        (setting["tax.region"].label, tax_region_words(scenario.tax.region), None),
        (setting["tax.student_loans"].label, loans or "none", None),
        (setting["target_salary"].label, scenario.target_salary, money),
        (
            setting["target_benchmark_id"].label,
            export.benchmark_label(scenario.target_benchmark_id),
            None,
        ),
        (setting["weight_confidence"].label, scenario.weight_confidence, GENERAL),
    ]
    rows.extend(_search_rows(scenario.search, money))
    history = scenario.search.history
    if history is not None:
        rows.extend(
            (setting[f"search.history.{name}"].label, float(getattr(history, name)), WHOLE)
            for name in ("applications", "callbacks", "offers")
        )
    trajectory = export.trajectory
    if trajectory is not None:
        rows.extend(
            [
                (RESERVATION_SALARY.label, trajectory.reservation_salary, money),
                (
                    RESERVATION_SALARY_EXPERIENCED.label,
                    trajectory.reservation_salary_experienced,
                    money,
                ),
                (MARKET_MEDIAN.label, trajectory.market_median, money),
                (MARKET_SOURCE.label, trajectory.market_source, None),
            ]
        )
    simulation = scenario.simulation
    rows.extend(
        [
            (setting["simulation.paths"].label, float(simulation.paths), WHOLE),
            (setting["simulation.months"].label, float(simulation.months), WHOLE),
            (setting["simulation.seed"].label, str(simulation.seed), None),
            (RESOLUTION.label, evaluation.resolution, None),
            (APP_VERSION.label, __version__, None),
            (SCHEMA_VERSION_LABEL.label, float(SCHEMA_VERSION), WHOLE),
        ]
    )
    row = top + 2
    for label, value, number_format in rows:
        _pair(sheet, row, label, value, number_format, last_column=last_column)
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
            sheet.paragraph(row, 1, last_column, note, font=NOTE_FONT)
    if scenario.sources:
        row += 2
        sheet.text(row, 1, "Sources", font=BOLD)
        for path, source in scenario.sources.items():
            row += 1
            _pair(sheet, row, path, source, None, last_column=last_column)
    return row


def _pair(
    sheet: SheetWriter,
    row: int,
    label: str,
    value: float | str | None,
    number_format: str | None,
    *,
    last_column: int,
) -> None:
    """A label and its value; text that would not fit wraps, across the columns up to
    `last_column`, and the row grows to hold it."""
    label_width = sheet.column_width(1, 1)
    lines = text_lines(label, label_width)
    if isinstance(value, str):
        lines = max(lines, text_lines(value, sheet.column_width(2, max(2, last_column))))
    wrap = WRAP if lines > 1 else None
    sheet.text(row, 1, label, align=wrap)
    if isinstance(value, str):
        sheet.text(row, 2, value, align=wrap)
        if lines > 1 and last_column > 2:
            sheet.ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=last_column)
    else:
        sheet.number(row, 2, value, number_format, align=TOP if lines > 1 else None)
    if lines > 1:
        sheet.ws.row_dimensions[row].height = min(MAX_ROW_POINTS, lines * LINE_POINTS)


_SEARCH_KINDS: Final[dict[str, str]] = {
    "applications_per_month": "number",
    "applications_per_month_unemployed": "number",
    "callback_rate_novice": "fraction",
    "callback_rate_experienced": "fraction",
    "experience_threshold_months": "int",
    "ramp_months": "int",
    "offers_per_callback": "fraction",
    "benchmark_id": "text",
    "market_growth_pct": "pct",
    "novice_discount": "fraction",
    "offer_spread": "number",
    "switching_margin_pct": "pct",
    "annual_raise_pct": "pct",
    "layoff_rate_pct": "pct",
    "income_while_searching": "money",
    "discount_rate_pct": "pct",
    "risk_aversion": "number",
    "prior_experience_months": "int",
    "new_job_pension_pct": "pct",
}
"""How each search assumption is written in a cell; its name comes from present/."""


def _search_rows(
    search: SearchAssumptions, money: str
) -> list[tuple[str, float | str | None, str | None]]:
    """Every search assumption, labelled; fields added later still appear, under their names."""
    rows: list[tuple[str, float | str | None, str | None]] = []
    for item in dataclasses.fields(search):
        value = getattr(search, item.name)
        if item.name == "history" or dataclasses.is_dataclass(value):
            continue
        named = SETTING_FIELD.get(f"search.{item.name}")
        label = named.label if named else item.name.replace("_", " ").capitalize()
        kind = _SEARCH_KINDS.get(item.name, "")
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
