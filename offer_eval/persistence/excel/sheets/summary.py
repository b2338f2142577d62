"""The Summary sheet: every position side by side (pay, take-home, what is left to live on, the
change against the current job, the market, the job search and the decision), the assumptions
below, and a chart of year-1 compensation. Read-only: import takes nothing from it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from openpyxl.chart import BarChart, Reference, Series

from offer_eval.persistence.excel import _layout as lay
from offer_eval.persistence.excel._context import ExportContext
from offer_eval.persistence.excel._print import set_up_printing
from offer_eval.persistence.excel._sheet import (
    LINE_POINTS,
    MAX_ROW_POINTS,
    SheetWriter,
    text_lines,
)
from offer_eval.persistence.excel._styles import (
    BOLD,
    DECIMAL,
    HEADER_ALIGN,
    HEADER_FILL,
    NOTE_FONT,
    PERCENT,
    SCORE,
    TITLE_FONT,
    TOP,
    WHOLE,
    WRAP,
    show_axes,
)
from offer_eval.persistence.excel.sheets import assumptions
from offer_eval.present import outcome_rows as out
from offer_eval.present import rows as rw
from offer_eval.present.fields import POSITION_FIELD
from offer_eval.present.labels import (
    LOWEST_OFFER,
    ROLES,
    Label,
    criterion_labels,
    display_names,
    tax_region_words,
    words,
)
from offer_eval.present.trajectory_report import lowest_pay_text

LABEL_WIDTH: Final = 44.0  # characters: the label column
VALUE_WIDTH: Final = 17.0  # characters: each position's column


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

    def each(line: rw.MoneyRow, number_format: str | None, scale: float = 1.0) -> _SummaryRow:
        values = [line.get(item) for item in items]
        return _SummaryRow(
            line.label, [None if v is None else v * scale for v in values], number_format
        )

    def offers_only(key: str, number_format: str, scale: float = 1.0) -> _SummaryRow:
        line = rw.PAY_CUT[key]
        values = [line.get(cut) for cut in cuts[1:] if cut]
        return _SummaryRow(
            line.label, [None, *(None if v is None else v * scale for v in values)], number_format
        )

    def section(title: str) -> _SummaryRow:
        return _SummaryRow(title, [], section=True)

    rows: list[_SummaryRow] = [
        section(rw.SECTION_PAY),
        *(each(line, money) for line in rw.PAY_ROWS),
        section(rw.SECTION_TAKE_HOME),
        *(each(line, pence) for line in rw.TAKE_HOME_ROWS),
        section(rw.SECTION_LEFT),
        each(rw.COMMUTING, money),
        each(rw.EXTRA_LIVING_COSTS, money),
        each(rw.MOVING, money),
        each(rw.LEFT_TO_LIVE_ON_YEAR1, money),
        each(rw.LEFT_TO_LIVE_ON_MONTHLY, pence),
        each(rw.HOURLY_BASE, pence),
        each(rw.HOURLY_NET, pence),
        section(rw.SECTION_CHANGE),
        offers_only("pay_cut_gross", money),
        offers_only("pay_cut_gross_pct", PERCENT, 0.01),
        offers_only("pay_cut_total_comp", money),
        offers_only("pay_cut_total_comp_pct", PERCENT, 0.01),
        offers_only("pay_cut_net", money),
        offers_only("pay_cut_net_pct", PERCENT, 0.01),
        offers_only("left_to_live_on_change", money),
        section(rw.SECTION_MARKET),
        _SummaryRow(
            rw.BENCHMARK_NAME.label,
            [export.benchmark_label(i.benchmark_id) for i in items],
        ),
        each(rw.BENCHMARK_MEDIAN, money),
        each(rw.VS_BENCHMARK, PERCENT, 0.01),
        each(rw.BENCHMARK_PERCENTILE, DECIMAL),
        _SummaryRow(rw.WHERE_IT_SITS.label, [i.benchmark_note for i in items]),
        each(rw.VS_TARGET, PERCENT, 0.01),
    ]
    rows.extend(_trajectory_rows(export))
    rows.extend(_decision_rows(export))

    last_column = len(items) + 1
    sheet.widths({1: LABEL_WIDTH, **dict.fromkeys(range(2, last_column + 1), VALUE_WIDTH)})
    sheet.paragraph(1, 1, last_column, scenario.name or "Offer comparison", font=TITLE_FONT)
    subtitle = (
        f"Tax year {evaluation.current.take_home.tax_year}, {tax_region_words(scenario.tax.region)}"
    )
    if scenario.is_illustrative:
        subtitle += ". Illustrative example: figures marked illustrative were not published."
    sheet.paragraph(2, 1, last_column, subtitle, font=NOTE_FONT)
    header = 4
    sheet.text(header, 1, "", fill=HEADER_FILL)
    names = display_names(scenario)
    current, offer = (words(ROLES, role) for role in ("current", "offer"))
    for column, item in enumerate(items, start=2):
        name = names[item.position_id]
        sheet.text(header, column, name, font=BOLD, fill=HEADER_FILL, align=HEADER_ALIGN)
        sheet.text(header + 1, column, item.position_id, font=NOTE_FONT)
        sheet.text(header + 2, column, current if column == 2 else offer, font=NOTE_FONT)
    sheet.text(header + 1, 1, POSITION_FIELD["id"].label, font=NOTE_FONT)
    sheet.text(header + 2, 1, POSITION_FIELD["role"].label, font=NOTE_FONT)
    row = header + 3
    rows_at: dict[str, int] = {}
    for spec in rows:
        if spec.section:
            sheet.text(row, 1, spec.label, font=BOLD)
        else:
            if spec.label in rows_at:
                raise ValueError(f"two Summary rows are labelled {spec.label!r}")
            rows_at[spec.label] = row
            label = f"  {spec.label}"
            # A label or a text too long for its column wraps, and the row grows to hold it
            # (a value in the next column would hide the rest, and so would printing).
            lines = max(
                [text_lines(label, LABEL_WIDTH)]
                + [text_lines(v, VALUE_WIDTH) for v in spec.values if isinstance(v, str)]
            )
            top = TOP if lines > 1 else None
            sheet.text(row, 1, label, align=WRAP if lines > 1 else None)
            for column, value in enumerate(spec.values, start=2):
                if isinstance(value, str):
                    sheet.text(row, column, value, align=WRAP if lines > 1 else None)
                else:
                    sheet.number(row, column, value, spec.number_format, align=top)
            if lines > 1:
                sheet.ws.row_dimensions[row].height = min(MAX_ROW_POINTS, lines * LINE_POINTS)
        row += 1
    _score_links(sheet, export, rows_at)
    sheet.ws.freeze_panes = sheet.ws.cell(row=header + 1, column=2)
    last = row - 1
    end = assumptions.write(sheet, export, last + 2, last_column=last_column)
    _compensation_chart(
        sheet, export, rows_at, header=header, positions=len(items), anchor_row=end + 2
    )
    # Two portrait pages at most: the table, then the assumptions, notes and chart. Every row
    # prints whole with its label, so only the label column repeats (on screen it stays frozen).
    set_up_printing(
        sheet, scenario.name, columns=last_column, title_columns=1, pages_tall=2, landscape=False
    )


def _score_links(sheet: SheetWriter, export: ExportContext, rows_at: dict[str, int]) -> None:
    """Score and rank on the Summary follow the live Scores sheet."""
    if export.decision is None or not export.decision.scores:
        return
    grid = export.grid
    for label, column in ((out.SCORE.label, grid.score_column), (out.RANK.label, grid.rank_column)):
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

    def row(line: out.SearchRow, number_format: str) -> _SummaryRow:
        decline = line.decline(trajectory) if line.decline is not None else None
        values = [None if o is None else line.get(o) for o in offers]
        return _SummaryRow(line.label, [decline, *values], number_format)

    formats = {
        "expected_months_to_better_offer": DECIMAL,
        "p_better_within_6": PERCENT,
        "p_better_within_12": PERCENT,
        "break_even_month": WHOLE,
    }
    rows = [
        _SummaryRow(rw.SECTION_SEARCH_DECLINE, [], section=True),
        *(row(line, formats.get(line.key, money)) for line in out.SEARCH_ROWS),
    ]
    searches = export.searches
    if searches is not None and searches.lowest_salary:
        # The background searches' answer, as the verdict strip and the report give it: a salary
        # a year (a contract's: what its day rate bills), or words for "any" and "none".
        lowest: list[float | str | None] = [None]
        for offer in export.scenario.offers:
            if offer.id not in searches.lowest_salary:
                lowest.append(None)
                continue
            value = searches.lowest_salary[offer.id]
            number = value is not None and not isinstance(value, str)
            lowest.append(value if number else lowest_pay_text(offer, value))
        rows.append(_SummaryRow(LOWEST_OFFER.label, lowest, money))
    return rows


def _decision_rows(export: ExportContext) -> list[_SummaryRow]:
    """Score, rank, how sure, and the salary that would tie: only with a decision."""
    decision = export.decision
    if decision is None or not decision.scores:
        return []
    ids = [o.id for o in export.scenario.offers]
    values = [out.decision_values(decision, i) for i in ids]

    def row(name: Label, number_format: str) -> _SummaryRow:
        return _SummaryRow(name.label, [None, *(v[name.key] for v in values)], number_format)

    rows = [
        _SummaryRow(rw.SECTION_DECISION, [], section=True),
        row(out.SCORE, SCORE),
        row(out.RANK, WHOLE),
        row(out.PROBABILITY_BEST, PERCENT),
    ]
    for rank in range(2, min(len(ids), out.MAX_RANK_ROWS) + 1):
        shares = [decision.rank_acceptability[i][rank - 1] for i in ids]
        rows.append(_SummaryRow(out.rank_label(rank).label, [None, *shares], PERCENT))
    if decision.tie_salaries is not None:
        rows.append(row(out.TIE_SALARY, export.money.whole))
        if out.has_tie_day_rate(decision):
            rows.append(row(out.TIE_DAY_RATE, export.money.whole))
    if len(ids) > 1:
        names = criterion_labels(export.scenario)  # unique, as two rows need two names
        for cid in decision.criterion_ids:
            label = names[cid]
            weights: list[float | None] = []
            for i in ids:
                central = decision.central_weights.get(i)
                weights.append(None if central is None else central[cid])
            rows.append(
                _SummaryRow(out.central_weight_label(label).label, [None, *weights], PERCENT)
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
    chart.title = rw.TOTAL_COMP_YEAR1.label
    chart.y_axis.title = re.sub(r"[^A-Za-z]", "", export.scenario.currency)[:10] or "GBP"
    chart.y_axis.numFmt = export.money.whole
    chart.y_axis.majorGridlines = None
    categories = Reference(sheet.ws, min_col=2, max_col=positions + 1, min_row=header)
    for line in (
        rw.BASE_SALARY,
        rw.EXPECTED_BONUS,
        rw.SIGN_ON,
        rw.EQUITY_YEAR1,
        rw.EMPLOYER_PENSION,
        rw.BENEFITS,
    ):
        label = line.label
        row = rows_at[label]
        values = Reference(sheet.ws, min_col=2, max_col=positions + 1, min_row=row)
        series = Series(values, title=label)
        chart.series.append(series)
    chart.set_categories(categories)
    show_axes(chart)
    # Below the notes, no wider than the table: beside the assumptions it would widen the page.
    table_cm = (
        sum(7.0 * width + 5.0 for width in (LABEL_WIDTH, *[VALUE_WIDTH] * positions)) * 0.02646
    )
    chart.width = min(60.0, table_cm)
    chart.height = 9.0
    sheet.ws.add_chart(chart, f"A{anchor_row}")
