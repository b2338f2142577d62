"""The Take-home sheet: the year-1 tax and pay workings of every position (read-only)."""

from __future__ import annotations

from offer_eval.persistence.excel._context import ExportContext
from offer_eval.persistence.excel._sheet import SheetWriter
from offer_eval.persistence.excel._styles import BOLD, HEADER_ALIGN, HEADER_FILL

_HEADERS: tuple[tuple[str, float], ...] = (
    ("Id", 16),
    ("Position", 28),
    ("Tax year", 9),
    ("Rules used", 9),
    ("Tax region", 9),
    ("Taxable pay, year 1", 13),
    ("Personal allowance", 13),
    ("Taxable income", 13),
    ("Income tax", 12),
    ("National Insurance", 12),
    ("Student loan", 12),
    ("Into your pension (gross)", 13),
    ("Your pension cost", 12),
    ("Net take-home", 13),
    ("Net per month", 12),
    ("Net a year after year 1", 13),
    ("Note", 40),
)


def write(sheet: SheetWriter, export: ExportContext) -> None:
    """One row per position: taxable pay, allowance, each deduction and the net."""
    pence = export.money.pence
    headers = _HEADERS
    for column, (label, _) in enumerate(headers, start=1):
        sheet.text(1, column, label, font=BOLD, fill=HEADER_FILL, align=HEADER_ALIGN)
    for offset, item in enumerate(export.evaluation.positions):
        row = 2 + offset
        th = item.take_home
        sheet.text(row, 1, item.position_id)
        sheet.text(row, 2, item.name)
        sheet.text(row, 3, th.tax_year)
        sheet.text(row, 4, th.rules_year)
        sheet.text(row, 5, th.region)
        for column, value in enumerate(
            (
                th.gross,
                th.personal_allowance,
                th.taxable_income,
                th.income_tax,
                th.employee_ni,
                th.student_loan,
                th.pension_contribution,
                th.employee_pension_cost,
                th.net,
                th.net / 12.0,
                item.take_home_recurring.net,
            ),
            start=6,
        ):
            sheet.number(row, column, value, pence)
        sheet.text(row, 17, th.note)
    sheet.ws.freeze_panes = "C2"
    sheet.ws.row_dimensions[1].height = 32
    sheet.widths({i: width for i, (_, width) in enumerate(headers, start=1)})
