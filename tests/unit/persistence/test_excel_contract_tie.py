"""The workbook's Summary gives a contract's counter-offer as a day rate, beside the year's pay."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from offer_eval.core.evaluate import evaluate, with_tie_salaries
from offer_eval.persistence.excel import workbook_bytes
from offer_eval.present.outcome_rows import TIE_DAY_RATE, TIE_SALARY
from tests.unit.core.test_contract_tie_day_rate import contract_demo


def _row(sheet: object, label: str) -> list[object]:
    for row in sheet.iter_rows(values_only=True):  # type: ignore[attr-defined]
        if isinstance(row[0], str) and row[0].strip() == label:
            return list(row[1:])
    raise AssertionError(f"no row {label!r}")


def test_summary_has_the_contract_tie_day_rate_row() -> None:
    evaluation = with_tie_salaries(evaluate(contract_demo(150.0)))
    assert evaluation.decision is not None and evaluation.decision.tie_salaries is not None
    tie = evaluation.decision.tie_salaries["london-ds"]
    assert tie.day_rate is not None
    sheet = load_workbook(io.BytesIO(workbook_bytes(evaluation)))["Summary"]
    header = next(
        list(r[1:]) for r in sheet.iter_rows(values_only=True) if r[1] and "current" in str(r[1])
    )
    column = next(i for i, name in enumerate(header) if name and "London" in str(name))
    rates = _row(sheet, TIE_DAY_RATE.label)
    assert rates[column] == pytest.approx(tie.day_rate, abs=0.01)
    assert rates[column - 1] is None  # the salaried offer has no day rate
    assert _row(sheet, TIE_SALARY.label)[column] == pytest.approx(tie.day_rate * 220.0, abs=0.05)


def test_summary_without_contracts_has_no_day_rate_row(demo) -> None:  # type: ignore[no-untyped-def]
    sheet = load_workbook(io.BytesIO(workbook_bytes(with_tie_salaries(evaluate(demo)))))["Summary"]
    labels = {str(r[0]).strip() for r in sheet.iter_rows(values_only=True) if r[0]}
    assert TIE_SALARY.label in labels and TIE_DAY_RATE.label not in labels
