"""The Take-home sheet: the year-1 tax and pay workings of every position (read-only)."""

from __future__ import annotations

from typing import Final

from offer_eval.persistence.excel._context import ExportContext
from offer_eval.persistence.excel._print import set_up_printing
from offer_eval.persistence.excel._sheet import SheetWriter
from offer_eval.persistence.excel._styles import BOLD, HEADER_ALIGN, HEADER_FILL
from offer_eval.present.fields import POSITION_FIELD, SETTING_FIELD
from offer_eval.present.labels import display_names
from offer_eval.present.rows import NOTE, TAKE_HOME_DETAIL_ROWS, TAX_RULES_YEAR

_IDENTITY: Final = (
    (POSITION_FIELD["id"].label, 16.0),
    (POSITION_FIELD["name"].label, 28.0),
    (SETTING_FIELD["tax.year"].label, 9.0),
    (TAX_RULES_YEAR.label, 9.0),
    (SETTING_FIELD["tax.region"].label, 9.0),
)
_WIDTHS: Final = (13.0, 13.0, 13.0, 12.0, 12.0, 12.0, 13.0, 12.0, 13.0, 12.0, 13.0, 13.0, 12.0)
_HEADERS: Final[tuple[tuple[str, float], ...]] = (
    *_IDENTITY,
    *((line.label, width) for line, width in zip(TAKE_HOME_DETAIL_ROWS, _WIDTHS, strict=True)),
    (NOTE.label, 40.0),
)


def write(sheet: SheetWriter, export: ExportContext) -> None:
    """One row per position: taxable pay, allowance, each deduction and the net."""
    pence = export.money.pence
    headers = _HEADERS
    for column, (label, _) in enumerate(headers, start=1):
        sheet.text(1, column, label, font=BOLD, fill=HEADER_FILL, align=HEADER_ALIGN)
    names = display_names(export.scenario)
    for offset, item in enumerate(export.evaluation.positions):
        row = 2 + offset
        th = item.take_home
        sheet.text(row, 1, item.position_id)
        sheet.text(row, 2, names[item.position_id])
        sheet.text(row, 3, th.tax_year)
        sheet.text(row, 4, th.rules_year)
        sheet.text(row, 5, th.region)
        for column, line in enumerate(TAKE_HOME_DETAIL_ROWS, start=len(_IDENTITY) + 1):
            sheet.number(row, column, line.get(item), pence)
        sheet.text(row, len(_HEADERS), th.note)
    sheet.ws.freeze_panes = "C2"
    sheet.ws.row_dimensions[1].height = 32
    sheet.widths({i: width for i, (_, width) in enumerate(headers, start=1)})
    set_up_printing(
        sheet, export.scenario.name, columns=len(headers), title_rows=(1, 1), title_columns=2
    )
