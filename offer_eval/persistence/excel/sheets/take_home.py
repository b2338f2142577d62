"""The Take-home sheet: the year-1 tax and pay workings of every position (read-only).

Most figures are the app's values; those that follow from others on the row by a published rule
are formulas, so the sheet shows its working and a spreadsheet recalculates them to the app's
values: the month's take-home, a salary's personal allowance (tapered above the threshold) and
the Child Benefit charge (one per cent per step of adjusted net income over the threshold, whole
per cents and whole pounds, rounded down). When a position is a contract, its own lines follow
(days billed, pay, employer NI and levy, umbrella fee, running costs, corporation tax, dividends
and their tax); a company's dividends are a formula: what the billing leaves after the director's
salary, its employer NI and the running costs, less corporation tax.
"""

from __future__ import annotations

from typing import Final

from offer_eval.core.models import Position
from offer_eval.core.tax import TakeHome, rules_for
from offer_eval.persistence.excel._context import ExportContext
from offer_eval.persistence.excel._layout import cell_name
from offer_eval.persistence.excel._print import set_up_printing
from offer_eval.persistence.excel._sheet import SheetWriter
from offer_eval.persistence.excel._styles import BOLD, HEADER_ALIGN, HEADER_FILL
from offer_eval.present.contract_rows import CONTRACT_ROW, CONTRACT_ROWS
from offer_eval.present.fields import POSITION_FIELD, SETTING_FIELD
from offer_eval.present.labels import display_names
from offer_eval.present.rows import (
    ADJUSTED_NET_INCOME,
    CHILD_BENEFIT,
    CHILD_BENEFIT_CHARGE,
    NET_TAKE_HOME,
    NET_TAKE_HOME_MONTHLY,
    NOTE,
    PERSONAL_ALLOWANCE,
    TAKE_HOME_DETAIL_ROWS,
    TAX_RULES_YEAR,
    TAXABLE_PAY,
    MoneyRow,
)

_IDENTITY: Final = (
    (POSITION_FIELD["id"].label, 16.0),
    (POSITION_FIELD["name"].label, 28.0),
    (SETTING_FIELD["tax.year"].label, 9.0),
    (TAX_RULES_YEAR.label, 9.0),
    (SETTING_FIELD["tax.region"].label, 9.0),
)
_WIDTHS: Final = (
    13.0,
    13.0,
    13.0,
    12.0,
    12.0,
    12.0,
    13.0,
    12.0,
    13.0,
    12.0,
    13.0,
    13.0,
    13.0,
    12.0,
    12.0,
)
_HEADERS: Final[tuple[tuple[str, float], ...]] = (
    *_IDENTITY,
    *((line.label, width) for line, width in zip(TAKE_HOME_DETAIL_ROWS, _WIDTHS, strict=True)),
)
_CONTRACT_WIDTH: Final = 12.0


def _lines(contracts: bool) -> tuple[MoneyRow, ...]:
    """The figure columns: a contract's own lines only when some position is a contract."""
    return TAKE_HOME_DETAIL_ROWS + (CONTRACT_ROWS if contracts else ())


def _column(line: MoneyRow) -> int:
    return len(_IDENTITY) + 1 + _lines(True).index(line)


def _formulas(position: Position, th: TakeHome, row: int) -> dict[int, str]:
    """The row's figures that a formula works out from the others, by column."""
    rules = rules_for(th.rules_year)

    def at(line: MoneyRow) -> str:
        return cell_name(row, _column(line))

    income, benefit = at(ADJUSTED_NET_INCOME), at(CHILD_BENEFIT)
    percent = (
        f"MIN(100,MAX(0,ROUNDDOWN(({income}-{rules.charge_threshold})/{rules.charge_step},0)))"
    )
    formulas = {
        _column(NET_TAKE_HOME_MONTHLY): f"={at(NET_TAKE_HOME)}/12",
        _column(CHILD_BENEFIT_CHARGE): (
            f"=IF({benefit}<=0,0,ROUNDDOWN({benefit}*{percent}/100,0))"
        ),
    }
    if position.pay_type == "day_rate" and position.engagement == "outside_ir35_ltd":
        costs = "-".join(
            at(CONTRACT_ROW[key]) for key in ("employment_pay", "employer_ni", "accountancy")
        )
        formulas[_column(CONTRACT_ROW["dividends"])] = (
            f"=MAX(0,{at(TAXABLE_PAY)}-{costs})-{at(CONTRACT_ROW['corporation_tax'])}"
        )
    if position.pay_type == "salary" and not position.tax_free:
        # A contract's allowance is used up inside its engagement; untaxed pay has none.
        formulas[_column(PERSONAL_ALLOWANCE)] = (
            f"=MAX(0,{rules.personal_allowance}"
            f"-MAX(0,{income}-{rules.taper_threshold})*{rules.taper_rate})"
        )
    return formulas


def write(sheet: SheetWriter, export: ExportContext) -> None:
    """One row per position: taxable pay, allowance, each deduction and the net."""
    pence = export.money.pence
    contracts = any(p.pay_type == "day_rate" for p in export.scenario.positions)
    lines = _lines(contracts)
    headers = (
        *_HEADERS,
        *((line.label, _CONTRACT_WIDTH) for line in lines[len(TAKE_HOME_DETAIL_ROWS) :]),
        (NOTE.label, 40.0),
    )
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
        formulas = _formulas(export.scenario.position(item.position_id), th, row)
        for column, line in enumerate(lines, start=len(_IDENTITY) + 1):
            if column in formulas:
                sheet.formula(row, column, formulas[column], pence)
            else:
                fmt = None if line.name.unit == "days" else pence
                sheet.number(row, column, line.get(item), fmt)
        sheet.text(row, len(headers), th.note)
    sheet.ws.freeze_panes = "C2"
    sheet.ws.row_dimensions[1].height = 32
    sheet.widths({i: width for i, (_, width) in enumerate(headers, start=1)})
    set_up_printing(
        sheet, export.scenario.name, columns=len(headers), title_rows=(1, 1), title_columns=2
    )
