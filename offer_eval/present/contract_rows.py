"""What a contract's own take-home lines are called: the days billed and where the billing goes.

A contract's billing does not all reach the contractor as pay: through an umbrella the employer's
NI, the apprenticeship levy and the umbrella's fee come off first; through a limited company the
director's salary, its employer NI, the running costs and corporation tax, and what is left is paid
as dividends. The workbook's Take-home sheet shows these as columns whenever a position is a
contract (a salaried position leaves them blank), and `take-home --day-rate` prints them under the
same names.
"""

from __future__ import annotations

from typing import Final

from offer_eval.core.compensation import PositionMoney
from offer_eval.present.fields import POSITION_FIELD
from offer_eval.present.labels import Label
from offer_eval.present.rows import MoneyRow


def _line(key: str) -> MoneyRow:
    label = _LABELS[key]

    def get(money: PositionMoney) -> float | None:
        return dict(money.take_home.engagement_lines).get(key)

    return MoneyRow(label, get)


_LABELS: Final[dict[str, Label]] = {
    key: Label(f"contract.{key}", label, label, unit, help)
    for key, label, unit, help in (
        (
            "days_billed",
            "Days billed",
            "days",
            "Days the contract invoices in the year: days a year times the share of them filled.",
        ),
        (
            "employment_pay",
            "Paid to you as pay",
            "£ a year",
            "What reaches you as employment income: the umbrella's or employer's gross pay "
            "(holiday pay included), or the salary your own company pays you as its director.",
        ),
        (
            "employer_ni",
            "Employer National Insurance",
            "£ a year",
            "Employer National Insurance paid out of the billing (by the umbrella, or by your "
            "company on your director's salary).",
        ),
        (
            "apprenticeship_levy",
            "Apprenticeship levy",
            "£ a year",
            "The umbrella's apprenticeship levy, passed on out of the billing.",
        ),
        (
            "umbrella_margin",
            POSITION_FIELD["umbrella_margin"].label,
            "£ a year",
            "What the umbrella company keeps for running your pay.",
        ),
        (
            "holiday_pay",
            "Holiday pay (rolled up)",
            "£ a year",
            "The part of your umbrella pay that is holiday pay, paid with each payslip.",
        ),
        (
            "accountancy",
            POSITION_FIELD["accountancy_cost"].label,
            "£ a year",
            "What running your own company costs: accountancy and the like.",
        ),
        (
            "corporation_tax",
            "Corporation tax",
            "£ a year",
            "Tax on your company's profit, with marginal relief between the limits.",
        ),
        (
            "dividends",
            "Dividends paid to you",
            "£ a year",
            "The company's profit after corporation tax, paid to you as dividends.",
        ),
        (
            "dividend_tax",
            "Dividend tax",
            "£ a year",
            "Income tax on the dividends (part of income tax, shown apart here).",
        ),
    )
}

CONTRACT_ROWS: Final[tuple[MoneyRow, ...]] = tuple(_line(key) for key in _LABELS)
"""A contract's own lines, in the order the workbook's Take-home sheet shows them."""
CONTRACT_ROW: Final[dict[str, MoneyRow]] = {
    row.key.removeprefix("contract."): row for row in CONTRACT_ROWS
}
"""The same rows by the engagement's line key (``dividends``, ``corporation_tax``...)."""
