"""How an offer's pay is named and written: a base salary a year, or a contract's day rate.

A contract is paid by the day and never reads its base salary, so every place that offers to change
an offer's pay (the what-if slider, the counter-offer, the lowest offer worth taking) speaks of the
day rate for a contract. The searches work in a year's pay (for a contract, what the day rate bills
in a year: day rate × days a year × utilisation); these helpers turn that back into a day rate.
"""

from __future__ import annotations

from typing import Final

from offer_eval.core.contracts import days_billed
from offer_eval.core.models import Position, Scenario
from offer_eval.core.money_text import format_money
from offer_eval.present.fields import POSITION_FIELD
from offer_eval.present.labels import Label

SALARY_GROUP: Final = "Offered base salary"
DAY_RATE_GROUP: Final = "Offered day rate"
MIXED_GROUP: Final = "Offered pay"


def is_contract(position: Position) -> bool:
    """True when the position is paid by the day (its base salary is not read)."""
    return position.pay_type == "day_rate"


def pay_field(position: Position) -> Label:
    """The input that sets this position's pay: "Base salary" or, for a contract, "Day rate"."""
    return POSITION_FIELD["day_rate" if is_contract(position) else "base_salary"]


def pay_value(position: Position) -> float:
    """The value of `pay_field`: GBP a year, or GBP a day for a contract."""
    return position.day_rate if is_contract(position) else position.base_salary


def offered_pay_group(scenario: Scenario) -> str:
    """The heading over the offers' pay sliders: salaries, day rates, or both."""
    contracts = {is_contract(offer) for offer in scenario.offers}
    if contracts == {True}:
        return DAY_RATE_GROUP
    return MIXED_GROUP if True in contracts else SALARY_GROUP


def billed_days(position: Position) -> float:
    """Days a contract bills in a year (days a year × utilisation); 1 for a salary."""
    if not is_contract(position):
        return 1.0
    return days_billed(position.days_per_year, position.utilisation_pct)


def day_rate_of(position: Position, annual: float) -> float | None:
    """The day rate whose billing is `annual` GBP a year; None when the contract bills no days."""
    days = billed_days(position)
    return annual / days if days > 0 else None


def day_rate_text(rate: float | None) -> str:
    """A day rate in words: "£450 a day" (a dash for none)."""
    return "–" if rate is None else f"{format_money(rate)} a day"


def pay_text(position: Position, pay: float) -> str:
    """`pay` in the unit of the position's pay field: "£45,000" or "£450 a day"."""
    return day_rate_text(pay) if is_contract(position) else format_money(pay)


def annual_as_pay_text(position: Position, annual: float) -> str:
    """A year's pay in the position's terms: "£45,000 a year", or for a contract the day rate
    that bills it and the year's billing, "£102 a day (£22,400 a year billed)"."""
    if not is_contract(position):
        return f"{format_money(annual)} a year"
    return f"{day_rate_text(day_rate_of(position, annual))} ({format_money(annual)} a year billed)"
