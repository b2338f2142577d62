"""The Scores sheet: live decision scores the user can re-weigh in the spreadsheet.

Criteria are columns and offers are rows. Weights, money anchors and ratings are inputs; every
0-10 value, the weighted score, the rank and the winner are formulas over them, so editing an
input recalculates the decision as the app would. Import reads the inputs back, with the
criterion labels (edited in the table's header) and the meanings block below the offers.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Final

from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from offer_eval.core.decision import TIE_POINTS
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.models import Criterion, Position, Scenario
from offer_eval.persistence.excel import _layout as lay
from offer_eval.persistence.excel._context import MAX_COLUMNS, ExportContext, Grid, ImportContext
from offer_eval.persistence.excel._print import set_up_printing
from offer_eval.persistence.excel._sheet import SheetWriter
from offer_eval.persistence.excel._styles import (
    BOLD,
    GENERAL,
    HEADER_ALIGN,
    HEADER_FILL,
    INPUT_FILL,
    NOTE_FONT,
    PERCENT,
    RATING,
    RESULT_FILL,
    SCORE,
    SHARE,
    TITLE_FONT,
    WHOLE,
    WRAP,
    show_axes,
)
from offer_eval.persistence.excel._values import unchanged
from offer_eval.persistence.excel.sheets import anchors, meanings
from offer_eval.present.fields import CRITERION_FIELD
from offer_eval.present.labels import METRIC_BY_KEY
from offer_eval.present.outcome_rows import RANK
from offer_eval.present.outcome_rows import SCORE as SCORE_ROW

TIE_SLACK: Final = 1e-9  # the decision's floating-point slack on the 0.005 tie margin


# --- writing ------------------------------------------------------------------------------------


def write(sheet: SheetWriter, export: ExportContext) -> None:
    """Live scores: ratings, weights and anchors are inputs, everything else is a formula."""
    scenario, grid, decision = export.scenario, export.grid, export.decision
    criteria, offers = scenario.criteria, scenario.offers
    ws = sheet.ws
    if not criteria or not offers:
        sheet.text(1, 1, "Nothing to score yet: add offers and criteria in the app.")
        set_up_printing(sheet, scenario.name, columns=1)
        return
    last_raw = grid.raw_column(len(criteria) - 1)
    weights = f"{lay.absolute(grid.WEIGHT_ROW, grid.raw_column(0))}:{lay.absolute(grid.WEIGHT_ROW, last_raw)}"
    scores = (
        f"{lay.absolute(grid.FIRST_OFFER_ROW, grid.score_column)}:"
        f"{lay.absolute(grid.last_offer_row, grid.score_column)}"
    )
    ranks = (
        f"{lay.absolute(grid.FIRST_OFFER_ROW, grid.rank_column)}:"
        f"{lay.absolute(grid.last_offer_row, grid.rank_column)}"
    )

    def offer_range(column: int) -> str:
        return (
            f"{lay.absolute(grid.FIRST_OFFER_ROW, column)}:"
            f"{lay.absolute(grid.last_offer_row, column)}"
        )

    # Winner: one offer ranked 1, else nobody (a tie for first has no winner).
    one_first = f"COUNTIF({ranks},1)=1"
    sheet.text(grid.WINNER_ROW, 1, "Winner", font=TITLE_FONT)
    sheet.formula(
        grid.WINNER_ROW,
        2,
        f'=IF({one_first},INDEX({offer_range(grid.OFFER_NAME_COLUMN)},MATCH(1,{ranks},0)),"")',
        font=TITLE_FONT,
        fill=RESULT_FILL,
    )
    sheet.formula(
        grid.WINNER_ROW,
        3,
        f'=IF({one_first},INDEX({offer_range(grid.OFFER_ID_COLUMN)},MATCH(1,{ranks},0)),"")',
        font=NOTE_FONT,
    )
    sheet.formula(
        grid.WINNER_ROW,
        4,
        f'=IF({one_first},"","No winner: tied for first (within {TIE_POINTS} points)")',
        font=NOTE_FONT,
    )
    sheet.text(
        grid.WINNER_ROW,
        6,
        "Edit the yellow cells (weights, anchors, ratings): scores, ranks and the winner "
        "recalculate here. Import brings your edits back into the app.",
        font=NOTE_FONT,
    )
    labels = (
        (grid.ID_ROW, CRITERION_FIELD["id"].label),
        (grid.KIND_ROW, CRITERION_FIELD["kind"].label),
        (grid.WEIGHT_ROW, CRITERION_FIELD["weight"].label),
        (grid.SHARE_ROW, CRITERION_FIELD["share"].label),
        (grid.LOW_ROW, CRITERION_FIELD["anchor_low"].label),
        (grid.HIGH_ROW, CRITERION_FIELD["anchor_high"].label),
    )
    for row, label in labels:
        sheet.text(row, 1, label, font=BOLD)
    sheet.text(grid.HEADER_ROW, grid.OFFER_ID_COLUMN, "Offer id", font=BOLD, fill=HEADER_FILL)
    sheet.text(grid.HEADER_ROW, grid.OFFER_NAME_COLUMN, "Offer", font=BOLD, fill=HEADER_FILL)

    money_items = decision.money if decision is not None else {}
    for k, criterion in enumerate(criteria):
        raw_col, value_col = grid.raw_column(k), grid.value_column(k)
        raw_letter = get_column_letter(raw_col)
        sheet.text(grid.ID_ROW, raw_col, criterion.id, font=NOTE_FONT)
        kind = (
            "rating 0-10"
            if criterion.kind == "rating"
            else f"money: {_metric_words(criterion.metric)}"
        )
        sheet.text(grid.KIND_ROW, raw_col, kind, font=NOTE_FONT, align=WRAP)
        sheet.number(grid.WEIGHT_ROW, raw_col, criterion.weight, GENERAL, fill=INPUT_FILL)
        sheet.formula(
            grid.SHARE_ROW,
            raw_col,
            f"={raw_letter}{grid.WEIGHT_ROW}/SUM({weights})",
            SHARE,
        )
        sheet.text(
            grid.HEADER_ROW,
            raw_col,
            criterion.label,
            font=BOLD,
            fill=HEADER_FILL,
            align=HEADER_ALIGN,
        )
        sheet.text(
            grid.HEADER_ROW,
            value_col,
            f"{criterion.label} (0-10)",
            font=BOLD,
            fill=HEADER_FILL,
            align=HEADER_ALIGN,
        )
        items: Any = money_items.get(criterion.id, {})
        uniform = anchors.write(sheet, export, k, criterion, items)
        for index, offer in enumerate(offers):
            row = grid.offer_row(index)
            raw = f"{raw_letter}{row}"
            if criterion.kind == "rating":
                sheet.number(row, raw_col, offer.ratings.get(criterion.id), RATING, fill=INPUT_FILL)
                sheet.formula(row, value_col, f"=MIN(10,MAX(0,{raw}))", RATING)
                continue
            item = items.get(offer.id)
            number_format = PERCENT if criterion.metric == "vs_benchmark" else export.money.whole
            value = None if item is None else item.value
            if value is not None and criterion.metric == "vs_benchmark":
                value = value / 100.0
            sheet.number(row, raw_col, value, number_format)
            sheet.formula(
                row,
                value_col,
                anchors.money_formula(
                    raw=raw,
                    raw_letter=raw_letter,
                    grid=grid,
                    uniform=uniform,
                    item=item,
                    metric=criterion.metric,
                ),
                RATING,
            )
    first_value = get_column_letter(grid.value_column(0))
    last_value = get_column_letter(grid.value_column(len(criteria) - 1))
    score_letter = get_column_letter(grid.score_column)
    sheet.text(grid.HEADER_ROW, grid.score_column, SCORE_ROW.label, font=BOLD, fill=HEADER_FILL)
    sheet.text(grid.HEADER_ROW, grid.rank_column, RANK.label, font=BOLD, fill=HEADER_FILL)
    margin = f"{TIE_POINTS}+{TIE_SLACK:.0E}"
    for index, offer in enumerate(offers):
        row = grid.offer_row(index)
        sheet.text(row, grid.OFFER_ID_COLUMN, offer.id)
        sheet.text(row, grid.OFFER_NAME_COLUMN, offer.display_name)
        sheet.formula(
            row,
            grid.score_column,
            f"=MIN(10,MAX(0,SUMPRODUCT({weights},{first_value}{row}:{last_value}{row})/SUM({weights})))",
            SCORE,
            font=BOLD,
            fill=RESULT_FILL,
        )
        # Competition rank with the app's tie margin: RANK.EQ, less the offers that are higher
        # but within 0.005 points (they tie). SUMPRODUCT compares numbers, never their text.
        this = f"{score_letter}{row}"
        sheet.formula(
            row,
            grid.rank_column,
            f"=_xlfn.RANK.EQ({this},{scores},0)"
            f"-SUMPRODUCT(({scores}>{this})*({scores}<={this}+{margin}))",
            WHOLE,
            font=BOLD,
            fill=RESULT_FILL,
        )
    widths: dict[int, float] = {grid.OFFER_ID_COLUMN: 24, grid.OFFER_NAME_COLUMN: 30}
    widths.update(dict.fromkeys(range(grid.FIRST_RAW_COLUMN, grid.rank_column + 1), 13))
    sheet.widths(widths)  # before the meanings: their rows grow to the columns' width
    meanings.write(sheet, export)
    _validations(sheet, export)
    ws.freeze_panes = ws.cell(row=grid.FIRST_OFFER_ROW, column=grid.FIRST_RAW_COLUMN)
    ws.row_dimensions[grid.HEADER_ROW].height = 45
    ws.row_dimensions[grid.KIND_ROW].height = 30
    _chart(sheet, grid)
    set_up_printing(
        sheet,
        scenario.name,
        columns=grid.rank_column,
        title_rows=(grid.HEADER_ROW, grid.HEADER_ROW),
        title_columns=grid.OFFER_NAME_COLUMN,
    )


def _validations(sheet: SheetWriter, export: ExportContext) -> None:
    """Spreadsheet-side checks on the inputs (the import checks them again)."""
    grid = export.grid
    ratings = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="10",
        showErrorMessage=True,
        errorTitle="Rating",
        error="A rating is a number from 0 to 10.",
    )
    weights = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="1000",
        showErrorMessage=True,
        errorTitle="Weight",
        error="A weight is a number from 0 to 1,000.",
    )
    for k, criterion in enumerate(export.scenario.criteria):
        letter = get_column_letter(grid.raw_column(k))
        weights.add(f"{letter}{grid.WEIGHT_ROW}")
        if criterion.kind == "rating":
            ratings.add(f"{letter}{grid.FIRST_OFFER_ROW}:{letter}{grid.last_offer_row}")
    sheet.ws.add_data_validation(ratings)
    sheet.ws.add_data_validation(weights)


def _chart(sheet: SheetWriter, grid: lay.ScoresGrid) -> None:
    """Decision scores by offer, from the live score column (it re-draws as they change)."""
    chart = BarChart()
    chart.type = "bar"
    chart.title = "Decision score (0-10)"
    chart.legend = None
    values = Reference(
        sheet.ws,
        min_col=grid.score_column,
        min_row=grid.HEADER_ROW,
        max_row=grid.last_offer_row,
    )
    categories = Reference(
        sheet.ws,
        min_col=grid.OFFER_NAME_COLUMN,
        min_row=grid.FIRST_OFFER_ROW,
        max_row=grid.last_offer_row,
    )
    chart.add_data(values, titles_from_data=True)
    chart.set_categories(categories)
    chart.x_axis.scaling.orientation = "maxMin"  # first offer at the top
    chart.y_axis.crosses = "max"  # and the 0-10 axis below the bars
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 10
    chart.y_axis.numFmt = "0"
    show_axes(chart)
    chart.height = max(7.5, min(40.0, 0.6 * grid.offers + 3))
    chart.width = 16.0
    anchor_column = get_column_letter(grid.rank_column + 2)
    sheet.ws.add_chart(chart, f"{anchor_column}{grid.HEADER_ROW}")


# --- reading ------------------------------------------------------------------------------------


def read(
    reading: ImportContext, stored: Scenario, offers: tuple[Position, ...]
) -> tuple[tuple[Criterion, ...], tuple[Position, ...]]:
    """Criteria with the sheet's weights, labels and anchors; offers with its ratings."""
    reading.step(0.85, "Reading scores")
    grid = reading.grid(lay.SCORES)
    layout = lay.ScoresGrid(len(stored.criteria), 0)
    criteria = {c.id: c for c in stored.criteria}
    columns: dict[str, int] = {}
    column = layout.FIRST_RAW_COLUMN
    while column < MAX_COLUMNS and not grid.is_blank(layout.ID_ROW, column):
        raw = reading.cell(grid, layout.ID_ROW, column)
        criterion_id = str(raw)
        if criterion_id not in criteria:
            raise reading.fail(
                grid.name,
                f"no criterion with id '{criterion_id}' (add or rename criteria in the app)",
                layout.ID_ROW,
                column,
            )
        if criterion_id in columns:
            raise reading.fail(
                grid.name, f"duplicate criterion id '{criterion_id}'", layout.ID_ROW, column
            )
        columns[criterion_id] = column
        column += 1
    written = reading.written.get("anchors", {})
    updated: list[Criterion] = []
    for index, criterion in enumerate(stored.criteria):
        column = columns.get(criterion.id, 0)
        if not column:
            updated.append(criterion)
            continue
        reading.places[f"criteria[{index}]"] = (grid.name, layout.WEIGHT_ROW, column)
        changes: dict[str, Any] = {}
        weight = reading.cell(grid, layout.WEIGHT_ROW, column)
        number = lay.Column("weight", "Weight", "number")
        if not unchanged(number, criterion.weight, weight):
            changes["weight"] = reading.parse(grid, layout.WEIGHT_ROW, column, number, weight)
        label_column = lay.Column("label", "Criterion", "text")
        label = reading.cell(grid, layout.HEADER_ROW, column)
        if not unchanged(label_column, criterion.label, label):
            changes["label"] = reading.parse(grid, layout.HEADER_ROW, column, label_column, label)
        if criterion.kind == "money":
            changes.update(
                anchors.read(
                    reading, grid, layout, column, criterion, written=written.get(criterion.id)
                )
            )
        if changes:
            try:
                updated.append(dataclasses.replace(criterion, **changes))
            except InvalidValueError as error:
                row = {
                    "weight": layout.WEIGHT_ROW,
                    "label": layout.HEADER_ROW,
                    "anchor_low": layout.LOW_ROW,
                    "anchor_high": layout.HIGH_ROW,
                }.get(error.field, layout.WEIGHT_ROW)
                raise reading.fail(grid.name, error.rule, row, column) from None
        else:
            updated.append(criterion)
    meaning_edits = meanings.read(reading, grid, layout, {c.id: c for c in updated})
    updated = [meaning_edits.get(c.id, c) for c in updated]
    return tuple(updated), _ratings(reading, grid, layout, stored, offers, columns=columns)


def _ratings(
    reading: ImportContext,
    grid: Grid,
    layout: lay.ScoresGrid,
    stored: Scenario,
    offers: tuple[Position, ...],
    *,
    columns: dict[str, int],
) -> tuple[Position, ...]:
    """The offers with the ratings the sheet gives them (rows are found by offer id)."""
    by_id = {o.id: o for o in offers}
    before = {o.id: o for o in stored.offers}
    ratings_ids = [c.id for c in stored.criteria if c.kind == "rating" and c.id in columns]
    spec = lay.Column("rating", "Rating", "number")
    seen: set[str] = set()
    end = meanings.title_row(grid, layout) or grid.max_row + 1
    for row in range(layout.FIRST_OFFER_ROW, end):
        if grid.is_blank(row, layout.OFFER_ID_COLUMN):
            continue  # a row the user inserted or emptied
        offer_id = reading.cell(grid, row, layout.OFFER_ID_COLUMN)
        offer_id = str(offer_id) if not isinstance(offer_id, str) else offer_id
        if offer_id not in by_id:
            raise reading.fail(
                grid.name,
                f"no offer with id '{offer_id}' on the Offers sheet",
                row,
                layout.OFFER_ID_COLUMN,
            )
        if offer_id in seen:
            raise reading.fail(
                grid.name, f"duplicate offer id '{offer_id}'", row, layout.OFFER_ID_COLUMN
            )
        seen.add(offer_id)
        offer = by_id[offer_id]
        old = before.get(offer_id)
        ratings = dict(offer.ratings)
        for criterion_id in ratings_ids:
            column = columns[criterion_id]
            raw = reading.cell(grid, row, column)
            if (
                old is not None
                and criterion_id in old.ratings
                and unchanged(spec, old.ratings[criterion_id], raw)
            ):
                continue
            if raw is None or raw == "":
                raise reading.fail(grid.name, "missing rating (0 to 10)", row, column)
            value = reading.parse(grid, row, column, spec, raw)
            if not 0 <= value <= 10:
                raise reading.fail(grid.name, "a rating must be between 0 and 10", row, column)
            ratings[criterion_id] = value
        if ratings != dict(offer.ratings):
            by_id[offer_id] = dataclasses.replace(offer, ratings=FrozenMap(ratings))
    return tuple(by_id[o.id] for o in offers)


def _metric_words(metric: str | None) -> str:
    """The money measure a criterion scores, with its unit: the cell has no number format."""
    found = METRIC_BY_KEY.get(metric or "")
    return found.with_unit() if found is not None else str(metric)
