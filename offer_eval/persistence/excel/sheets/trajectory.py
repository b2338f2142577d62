"""The Trajectory sheet: month by month, salary and cumulative net earnings percentiles for every
strategy, with charts of the medians (read-only)."""

from __future__ import annotations

from typing import Final

from openpyxl.chart import LineChart, Reference, Series
from openpyxl.chart.data_source import StrRef
from openpyxl.chart.series import SeriesLabel

from offer_eval.core.trajectory import Band
from offer_eval.persistence.excel import _layout as lay
from offer_eval.persistence.excel._bulk import NumberBlock
from offer_eval.persistence.excel._context import ExportContext
from offer_eval.persistence.excel._print import set_up_printing
from offer_eval.persistence.excel._sheet import SheetWriter
from offer_eval.persistence.excel._styles import (
    BOLD,
    HEADER_ALIGN,
    HEADER_FILL,
    NOTE_FONT,
    TITLE_FONT,
    WHOLE,
    show_axes,
)
from offer_eval.persistence.excel.sheets import reality
from offer_eval.present.labels import STRATEGIES

TOP_OFFERS_IN_CHARTS: Final = 5
_HEADER: Final = 4  # owner, strategy and measure rows, then months
_DECLINE_OWNER: Final = "Current job"
_MEASURES: Final = (
    ("Salary, 10th percentile", "p10"),
    ("Salary, median", "p50"),
    ("Salary, 90th percentile", "p90"),
    ("Cumulative net, 10th percentile", "cumulative_p10"),
    ("Cumulative net, median", "cumulative_p50"),
    ("Cumulative net, 90th percentile", "cumulative_p90"),
)

ColumnGroups = list[tuple[str, str, Band]]  # (owner, strategy, band) of each column group


def write(sheet: SheetWriter, export: ExportContext) -> None:
    """Month by month: salary and cumulative net earnings percentiles for every strategy."""
    trajectory = export.trajectory
    if trajectory is None:
        sheet.text(
            1,
            1,
            "The job-search trajectory is not part of this evaluation.",
            font=NOTE_FONT,
        )
        set_up_printing(sheet, export.scenario.name, columns=1)
        return
    scenario = export.scenario
    sheet.text(
        1,
        1,
        f"Job-search trajectories: {trajectory.paths:,} simulated paths, seed "
        f"{trajectory.seed}, {trajectory.resolution} resolution",
        font=TITLE_FONT,
    )
    sheet.text(
        2,
        1,
        "Salary: annual base salary in force that month (0 without a job). Cumulative: net "
        "earnings from month 1 to the end of the month. Percentiles are across paths, month "
        "by month.",
        font=NOTE_FONT,
    )
    series: ColumnGroups = [
        (
            _DECLINE_OWNER,
            STRATEGIES["decline_and_search"],
            trajectory.decline_and_search,
        )
    ]
    names = {o.id: o.display_name for o in scenario.offers}
    for offer_id, item in trajectory.offers.items():
        name = names.get(offer_id, offer_id)
        series.append((name, STRATEGIES["accept_and_search"], item.accept_and_search))
        series.append((name, STRATEGIES["accept_and_stay"], item.accept_and_stay))
    owner_row, strategy_row, measure_row = _HEADER, _HEADER + 1, _HEADER + 2
    first = measure_row + 1
    months = [int(m) for m in trajectory.decline_and_search.months.tolist()]
    sheet.text(measure_row, 1, "Month", font=BOLD, fill=HEADER_FILL)
    sheet.number(first, 1, months[0], WHOLE, font=BOLD)
    sheet.number(first + len(months) - 1, 1, months[-1], WHOLE, font=BOLD)
    money = export.money.whole
    ws = sheet.ws
    columns_of: dict[tuple[str, str], int] = {}
    block: list[list[float | int]] = [[month] for month in months[1:-1]]
    column = 2
    last = first + len(months) - 1
    groups: dict[tuple[str, str], int] = {}
    for owner, strategy, band in series:
        groups[owner, strategy] = column
        sheet.text(owner_row, column, owner, font=BOLD)
        sheet.text(strategy_row, column, strategy, font=NOTE_FONT)
        for label, attribute in _MEASURES:
            sheet.text(measure_row, column, label, font=BOLD, fill=HEADER_FILL, align=HEADER_ALIGN)
            values = [float(v) for v in getattr(band, attribute).tolist()]
            # openpyxl writes the first and last month; the months between go in as a block.
            sheet.number(first, column, values[0], money)
            sheet.number(last, column, values[-1], money)
            for row, value in zip(block, values[1:-1], strict=True):
                row.append(value)
            columns_of[owner, f"{strategy}:{attribute}"] = column
            column += 1
    if block:
        columns = list(range(1, column))
        styles = [ws.cell(row=first, column=c).style_id for c in columns]
        export.blocks.append(
            lambda: NumberBlock(ws.path.lstrip("/"), first, columns, styles, block)
        )
    ws.freeze_panes = ws.cell(row=first, column=2)
    ws.row_dimensions[measure_row].height = 32
    sheet.widths({1: 8, **dict.fromkeys(range(2, column), 13.0)})
    set_up_printing(
        sheet,
        scenario.name,
        columns=column - 1,
        title_rows=(owner_row, measure_row),
        title_columns=1,
    )
    _charts(sheet, export, columns_of, groups, first=first, count=len(months))
    # Under the two charts (24 rows each): what the assumptions imply, beside published figures.
    reality.write(sheet, export, trajectory, first + len(months) + 2 + 2 * 24 + 1)


def _charts(
    sheet: SheetWriter,
    export: ExportContext,
    columns_of: dict[tuple[str, str], int],
    groups: dict[tuple[str, str], int],
    *,
    first: int,
    count: int,
) -> None:
    """Medians of declining and of the top offers (by score) accepting and searching on."""
    decision = export.decision
    offer_ids = [o.id for o in export.scenario.offers]
    if decision is not None and decision.scores:
        scores = decision.scores
        order = {oid: index for index, oid in enumerate(offer_ids)}
        offer_ids.sort(key=lambda oid: (-scores.get(oid, 0.0), order[oid]))
    names = {o.id: o.display_name for o in export.scenario.offers}
    chosen = [names[oid] for oid in offer_ids[:TOP_OFFERS_IN_CHARTS]]
    lines = [(_DECLINE_OWNER, STRATEGIES["decline_and_search"])]
    lines += [(name, STRATEGIES["accept_and_search"]) for name in chosen]
    months = Reference(sheet.ws, min_col=1, min_row=first, max_row=first + count - 1)
    anchor_row = first + count + 2
    for index, (attribute, title) in enumerate(
        (
            ("cumulative_p50", "Median cumulative net earnings (£)"),
            ("p50", "Median salary in force (£ a year)"),
        )
    ):
        chart = LineChart()
        chart.title = title
        chart.x_axis.title = "Month"
        chart.y_axis.numFmt = export.money.whole
        for owner, strategy in lines:
            column = columns_of.get((owner, f"{strategy}:{attribute}"))
            if column is None:
                continue
            values = Reference(sheet.ws, min_col=column, min_row=first, max_row=first + count - 1)
            line = Series(values)
            # The legend reads the header cell (the offer's name, or the strategy when
            # declining): user text stays in cells, never in the chart's own XML.
            label_row = _HEADER + (1 if owner == _DECLINE_OWNER else 0)
            group = groups[owner, strategy]
            reference = f"{lay.quote_sheet(lay.TRAJECTORY)}!{lay.absolute(label_row, group)}"
            line.tx = SeriesLabel(strRef=StrRef(reference))
            line.smooth = False  # straight segments: a smoothed line invents values
            chart.series.append(line)
        chart.set_categories(months)
        show_axes(chart)
        chart.width = 24.0
        chart.height = 11.0
        sheet.ws.add_chart(chart, f"B{anchor_row + index * 24}")
