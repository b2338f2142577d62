"""The Summary sheet: every position side by side (pay, take-home, what is left to live on, the
change against the current job, the market, the job search and the decision), the assumptions
below, and a chart of year-1 compensation. Read-only: import takes nothing from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl.chart import BarChart, Reference, Series

from offer_eval.core.compensation import PositionMoney
from offer_eval.persistence.excel import _layout as lay
from offer_eval.persistence.excel._context import ExportContext
from offer_eval.persistence.excel._sheet import SheetWriter
from offer_eval.persistence.excel._styles import (
    BOLD,
    DECIMAL,
    HEADER_ALIGN,
    HEADER_FILL,
    NOTE_FONT,
    PERCENT,
    SCORE,
    TITLE_FONT,
    WHOLE,
    show_axes,
)
from offer_eval.persistence.excel.sheets import assumptions


@dataclass(frozen=True, slots=True)
class _SummaryRow:
    label: str
    values: Sequence[float | str | None]
    number_format: str | None = None
    section: bool = False


def write(sheet: SheetWriter, export: ExportContext) -> None:
    """Positions side by side, the assumptions below them, and the compensation chart."""
    evaluation = export.evaluation
    scenario = export.scenario
    items = evaluation.positions
    cuts = [None, *(evaluation.pay_cuts[o.position_id] for o in evaluation.offers)]
    money, pence = export.money.whole, export.money.pence

    def each(get: Callable[[PositionMoney], float | str | None]) -> list[float | str | None]:
        return [get(item) for item in items]

    def offers_only(get: Callable[[Any], float | None]) -> list[float | str | None]:
        return [None, *(get(cut) for cut in cuts[1:])]

    def pct(value: float | None) -> float | None:
        return None if value is None else value / 100.0

    def section(title: str) -> _SummaryRow:
        return _SummaryRow(title, [], section=True)

    rows: list[_SummaryRow] = [
        section("Pay (year 1 unless stated)"),
        _SummaryRow("Base salary", each(lambda i: i.base_salary), money),
        _SummaryRow("Expected bonus", each(lambda i: i.year1.bonus), money),
        _SummaryRow("Sign-on", each(lambda i: i.year1.sign_on), money),
        _SummaryRow("Equity vesting", each(lambda i: i.year1.equity), money),
        _SummaryRow("Employer pension", each(lambda i: i.year1.employer_pension), money),
        _SummaryRow("Benefits", each(lambda i: i.year1.benefits), money),
        _SummaryRow("Total compensation, year 1", each(lambda i: i.total_comp_year1), money),
        _SummaryRow("Total compensation, years 1-4", each(lambda i: i.total_comp_years_1_4), money),
        _SummaryRow(
            "Illiquid equity, year 1 (discounted, not in the total)",
            each(lambda i: i.illiquid_equity_year1),
            money,
        ),
        section("Take-home, year 1"),
        _SummaryRow("Income tax", each(lambda i: i.take_home.income_tax), pence),
        _SummaryRow("National Insurance", each(lambda i: i.take_home.employee_ni), pence),
        _SummaryRow("Student loan", each(lambda i: i.take_home.student_loan), pence),
        _SummaryRow(
            "Into your pension (gross)",
            each(lambda i: i.take_home.pension_contribution),
            pence,
        ),
        _SummaryRow("Net take-home", each(lambda i: i.net_take_home), pence),
        _SummaryRow("Net per month", each(lambda i: i.net_take_home_monthly), pence),
        section("Left to live on"),
        _SummaryRow("Commuting", each(lambda i: i.commute_cost), money),
        _SummaryRow("Extra living costs", each(lambda i: i.living_cost_difference), money),
        _SummaryRow("Moving (one-off)", each(lambda i: i.relocation_cost), money),
        _SummaryRow("Left to live on, year 1", each(lambda i: i.left_to_live_on_year1), money),
        _SummaryRow(
            "Left to live on, a month after year 1",
            each(lambda i: i.left_to_live_on_monthly),
            pence,
        ),
        _SummaryRow("Base salary per hour", each(lambda i: i.hourly_base), pence),
        _SummaryRow(
            "Net per hour of work and travel",
            each(lambda i: i.hourly_net_including_commute),
            pence,
        ),
        section("Against the current job (negative is a cut)"),
        _SummaryRow("Base salary change", offers_only(lambda c: c.gross_abs), money),
        _SummaryRow("Base salary change, %", offers_only(lambda c: pct(c.gross_pct)), PERCENT),
        _SummaryRow("Total compensation change", offers_only(lambda c: c.total_comp_abs), money),
        _SummaryRow(
            "Total compensation change, %",
            offers_only(lambda c: pct(c.total_comp_pct)),
            PERCENT,
        ),
        _SummaryRow("Net take-home change", offers_only(lambda c: c.net_abs), money),
        _SummaryRow("Net take-home change, %", offers_only(lambda c: pct(c.net_pct)), PERCENT),
        _SummaryRow("Left to live on change", offers_only(lambda c: c.left_to_live_on_abs), money),
        section("Against the market and your target"),
        _SummaryRow("Benchmark", each(lambda i: export.benchmark_label(i.benchmark_id))),
        _SummaryRow("Benchmark median", each(lambda i: i.benchmark_median), money),
        _SummaryRow(
            "Base salary against the median", each(lambda i: pct(i.vs_benchmark_pct)), PERCENT
        ),
        _SummaryRow(
            "Benchmark percentile (0-100)", each(lambda i: i.benchmark_percentile), DECIMAL
        ),
        _SummaryRow("Where it sits", each(lambda i: i.benchmark_note)),
        _SummaryRow(
            "Base salary against your target", each(lambda i: pct(i.vs_target_pct)), PERCENT
        ),
    ]
    rows.extend(_trajectory_rows(export))
    rows.extend(_decision_rows(export))

    sheet.text(1, 1, scenario.name or "Offer comparison", font=TITLE_FONT)
    subtitle = (
        f"Tax year {evaluation.current.take_home.tax_year}, {assumptions.region_words(scenario)}"
    )
    if scenario.is_illustrative:
        subtitle += ". Illustrative example: figures marked illustrative were not published."
    sheet.text(2, 1, subtitle, font=NOTE_FONT)
    header = 4
    sheet.text(header, 1, "", fill=HEADER_FILL)
    for column, item in enumerate(items, start=2):
        sheet.text(header, column, item.name, font=BOLD, fill=HEADER_FILL, align=HEADER_ALIGN)
        sheet.text(header + 1, column, item.position_id, font=NOTE_FONT)
        sheet.text(header + 2, column, "Current job" if column == 2 else "Offer", font=NOTE_FONT)
    sheet.text(header + 1, 1, "Id", font=NOTE_FONT)
    sheet.text(header + 2, 1, "Role", font=NOTE_FONT)
    row = header + 3
    rows_at: dict[str, int] = {}
    for spec in rows:
        if spec.section:
            sheet.text(row, 1, spec.label, font=BOLD)
        else:
            if spec.label in rows_at:
                raise ValueError(f"two Summary rows are labelled {spec.label!r}")
            rows_at[spec.label] = row
            sheet.text(row, 1, f"  {spec.label}")
            for column, value in enumerate(spec.values, start=2):
                if isinstance(value, str):
                    sheet.text(row, column, value)
                else:
                    sheet.number(row, column, value, spec.number_format)
        row += 1
    _score_links(sheet, export, rows_at)
    sheet.ws.freeze_panes = sheet.ws.cell(row=header + 1, column=2)
    sheet.widths({1: 44, **dict.fromkeys(range(2, len(items) + 2), 17)})
    last = row - 1
    assumptions_top = last + 2
    assumptions.write(sheet, export, assumptions_top)
    _compensation_chart(
        sheet, export, rows_at, header=header, positions=len(items), anchor_row=assumptions_top
    )


def _score_links(sheet: SheetWriter, export: ExportContext, rows_at: dict[str, int]) -> None:
    """Score and rank on the Summary follow the live Scores sheet."""
    if export.decision is None or not export.decision.scores:
        return
    grid = export.grid
    for label, column in (("Score (0-10)", grid.score_column), ("Rank", grid.rank_column)):
        row = rows_at.get(label)
        if row is None:
            continue
        for index in range(len(export.scenario.offers)):
            reference = f"{lay.SCORES}!{lay.absolute(grid.offer_row(index), column)}"
            sheet.formula(
                row, index + 3, f"={reference}", SCORE if column == grid.score_column else WHOLE
            )


def _trajectory_rows(export: ExportContext) -> list[_SummaryRow]:
    """Job-search figures: for an offer, accepting it; for the current job, declining all."""
    trajectory = export.trajectory
    if trajectory is None:
        return []
    offers = [trajectory.offers.get(o.id) for o in export.scenario.offers]
    money = export.money.whole

    def row(
        label: str,
        decline: float | None,
        get: Callable[[Any], float | None],
        number_format: str,
    ) -> _SummaryRow:
        return _SummaryRow(
            label, [decline, *(None if o is None else get(o) for o in offers)], number_format
        )

    def month(value: int | None) -> float | None:
        return None if value is None else float(value)

    return [
        _SummaryRow(
            "Job search, simulated (current job: declining every offer and searching on)",
            [],
            section=True,
        ),
        row(
            "Expected months to a better offer",
            trajectory.decline_expected_months_to_offer,
            lambda o: o.expected_months_to_better_offer,
            DECIMAL,
        ),
        row(
            "Better offer within 6 months",
            trajectory.decline_p_offer_within_6,
            lambda o: o.p_better_within_6,
            PERCENT,
        ),
        row(
            "Better offer within 12 months",
            trajectory.decline_p_offer_within_12,
            lambda o: o.p_better_within_12,
            PERCENT,
        ),
        row(
            "Break-even month against declining",
            None,
            lambda o: month(o.break_even_month),
            WHOLE,
        ),
        row(
            "Present value, accept and keep searching",
            trajectory.present_value_decline,
            lambda o: o.present_value,
            money,
        ),
        row("Present value, accept and stay", None, lambda o: o.present_value_stay, money),
        row(
            "Expected net earnings over 3 years, accept and keep searching",
            None,
            lambda o: o.expected_earnings_3y,
            money,
        ),
        row(
            "Expected net earnings over 3 years, accept and stay",
            None,
            lambda o: o.expected_earnings_3y_stay,
            money,
        ),
    ]


def _decision_rows(export: ExportContext) -> list[_SummaryRow]:
    """Score, rank, how sure, and the salary that would tie: only with a decision."""
    decision = export.decision
    if decision is None or not decision.scores:
        return []
    ids = [o.id for o in export.scenario.offers]
    ties = decision.tie_salaries
    rows = [
        _SummaryRow("Decision (your weights)", [], section=True),
        _SummaryRow("Score (0-10)", [None, *(decision.scores[i] for i in ids)], SCORE),
        _SummaryRow("Rank", [None, *(float(decision.ranks[i]) for i in ids)], WHOLE),
        _SummaryRow(
            "Best when the weights vary a little",
            [None, *(decision.probability_best[i] for i in ids)],
            PERCENT,
        ),
    ]
    if ties is not None:
        rows.append(
            _SummaryRow(
                "Base salary that would tie the best other offer",
                [None, *(ties[i].base_salary if i in ties else None for i in ids)],
                export.money.whole,
            )
        )
    return rows


def _compensation_chart(
    sheet: SheetWriter,
    export: ExportContext,
    rows_at: dict[str, int],
    *,
    header: int,
    positions: int,
    anchor_row: int,
) -> None:
    """Stacked year-1 compensation by position, from the Summary's own cells."""
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "Total compensation, year 1"
    chart.y_axis.title = re.sub(r"[^A-Za-z]", "", export.scenario.currency)[:10] or "GBP"
    chart.y_axis.numFmt = export.money.whole
    chart.y_axis.majorGridlines = None
    categories = Reference(sheet.ws, min_col=2, max_col=positions + 1, min_row=header)
    for label in (
        "Base salary",
        "Expected bonus",
        "Sign-on",
        "Equity vesting",
        "Employer pension",
        "Benefits",
    ):
        row = rows_at[label]
        values = Reference(sheet.ws, min_col=2, max_col=positions + 1, min_row=row)
        series = Series(values, title=label)
        chart.series.append(series)
    chart.set_categories(categories)
    show_axes(chart)
    chart.width = max(16.0, min(60.0, 3.0 * positions))
    chart.height = 9.0
    sheet.ws.add_chart(chart, f"D{anchor_row}")
