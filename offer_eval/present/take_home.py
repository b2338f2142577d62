"""The `take-home` command's words and JSON: a salary's deductions, or a contract's year.

One place shapes both the JSON object and the readable table, so a line has the same meaning in
each. Money in JSON is rounded to the penny.
"""

from __future__ import annotations

from typing import Any

from offer_eval.core.contracts import ContractTakeHome
from offer_eval.core.json_numbers import money
from offer_eval.core.money_text import format_money
from offer_eval.core.tax import TakeHome
from offer_eval.present import rows as rw
from offer_eval.present.contract_rows import CONTRACT_ROW
from offer_eval.present.labels import tax_region_words

_CONTRACT_LINES = {
    key: CONTRACT_ROW[key].label
    for key in ("employer_ni", "apprenticeship_levy", "umbrella_margin", "accountancy")
}

_ENGAGEMENTS = {
    "inside_ir35_umbrella": "inside IR35, through an umbrella company",
    "outside_ir35_ltd": "outside IR35, through your own limited company",
    "employed_contract": "employed on a fixed-term contract",
}


def take_home_json(
    result: TakeHome, *, pension_method: str, student_loans: list[str], benefits_in_kind: float
) -> dict[str, Any]:
    """The `take-home --json` object of a salary."""
    return {
        "gross": money(result.gross),
        "income_tax": money(result.income_tax),
        "employee_ni": money(result.employee_ni),
        "student_loan": money(result.student_loan),
        "pension_contribution": money(result.pension_contribution),
        "child_benefit_charge": money(result.child_benefit_charge),
        "net": money(result.net),
        "child_benefit": money(result.child_benefit),
        "benefits_in_kind": money(benefits_in_kind),
        "tax_year": result.tax_year,
        "tax_rules_year": result.rules_year,
        "region": result.region,
        "pension_method": pension_method,
        "student_loans": student_loans,
    }


def contract_json(
    result: ContractTakeHome, *, region: str, student_loans: list[str], utilisation_pct: float
) -> dict[str, Any]:
    """The `take-home --json` object of a contract: the salary keys plus the engagement's own."""
    body: dict[str, Any] = {
        "gross": money(result.gross),
        "income_tax": money(result.income_tax),
        "employee_ni": money(result.employee_ni),
        "student_loan": money(result.student_loan),
        "pension_contribution": money(result.pension_contribution),
        "child_benefit_charge": money(result.child_benefit_charge),
        "net": money(result.net),
        "child_benefit": money(result.child_benefit),
        "engagement": result.engagement,
        "day_rate": money(result.day_rate),
        "days_billed": round(result.days_billed, 2),
        "utilisation_pct": utilisation_pct,
        "assignment_income": money(result.assignment_income),
    }
    body.update({key: money(value) for key, value in result.lines().items()})
    body.update(
        {
            "tax_year": result.tax_year,
            "tax_rules_year": result.rules_year,
            "region": region,
            "student_loans": student_loans,
        }
    )
    return body


def _table(title: str, rows: list[tuple[str, float]]) -> str:
    width = max(len(label) for label, _ in rows)
    lines = [title]
    lines += [
        f"{label.ljust(width)}  {format_money(value, pence=True).rjust(14)}"
        for label, value in rows
    ]
    return "\n".join(lines) + "\n"


def take_home_text(result: TakeHome, *, region: str, benefits_in_kind: float) -> str:
    """The readable table of a salary's take-home."""
    rows = [
        ("Gross pay", result.gross),
        (rw.INCOME_TAX.label, -result.income_tax),
        (rw.NATIONAL_INSURANCE.label, -result.employee_ni),
        (rw.STUDENT_LOAN.label, -result.student_loan),
        (rw.YOUR_PENSION_COST.label, -result.employee_pension_cost),
    ]
    if result.child_benefit:
        rows.append((rw.CHILD_BENEFIT_CHARGE.label, -result.child_benefit_charge))
    rows += [
        ("Net take-home", result.net),
        ("  per month", result.net / 12),
        (rw.INTO_PENSION.label, result.pension_contribution),
    ]
    if benefits_in_kind:
        rows.append((rw.TAXED_BENEFITS_IN_KIND.label, benefits_in_kind))
    if result.child_benefit:
        rows.append(("Child Benefit (paid apart)", result.child_benefit))
    return _table(f"Tax year {result.tax_year}, {tax_region_words(region)}", rows)


def contract_text(result: ContractTakeHome, *, region: str) -> str:
    """The readable table of a contract's year, with what a contractor does not get."""
    lines = result.lines()
    costs = ("employer_ni", "apprenticeship_levy", "umbrella_margin", "accountancy")
    rows = [(f"Billed: {result.days_billed:g} days at the day rate", result.assignment_income)]
    rows += [(_CONTRACT_LINES[key], -lines[key]) for key in costs if key in lines]
    if "corporation_tax" in lines:
        rows += [
            (CONTRACT_ROW["corporation_tax"].label, -result.corporation_tax),
            ("Director's salary", result.gross),
            (CONTRACT_ROW["dividends"].label, result.dividends),
            (rw.INCOME_TAX.label, -result.income_tax),
            ("  of which on dividends", -result.dividend_tax),
        ]
    else:
        rows.append(("Gross pay", result.gross))
        if "holiday_pay" in lines:
            holiday = CONTRACT_ROW["holiday_pay"].label
            rows.append((f"  of which {holiday[0].lower()}{holiday[1:]}", result.holiday_pay))
        rows.append((rw.INCOME_TAX.label, -result.income_tax))
    rows += [
        (rw.NATIONAL_INSURANCE.label, -result.employee_ni),
        (rw.STUDENT_LOAN.label, -result.student_loan),
    ]
    if result.child_benefit:
        rows.append((rw.CHILD_BENEFIT_CHARGE.label, -result.child_benefit_charge))
    rows += [("Net take-home", result.net), ("  per month", result.net / 12)]
    title = (
        f"Tax year {result.tax_year}, {tax_region_words(region)}; {_ENGAGEMENTS[result.engagement]}"
    )
    note = (
        "A contractor gets no paid holiday beyond what the rate covers, no sick pay and no "
        "employer pension; the days billed assume the utilisation given.\n"
    )
    return _table(title, rows) + note
