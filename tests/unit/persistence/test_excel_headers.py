"""Workbook headers are present/'s labels, and a workbook written with the former labels imports."""

from __future__ import annotations

from typing import Any

from offer_eval.core.evaluate import evaluate
from offer_eval.persistence.examples import demo_scenario
from offer_eval.persistence.excel import _layout as lay
from offer_eval.persistence.excel import read_workbook_bytes, workbook_bytes
from offer_eval.present.fields import BENCHMARK_FIELD, POSITION_FIELD
from tests.unit._excel_support import load, save


def test_input_headers_are_the_fields_labels() -> None:
    assert [c.header for c in lay.POSITION_COLUMNS] == [
        POSITION_FIELD[c.field].label for c in lay.POSITION_COLUMNS
    ]
    assert [c.header for c in lay.BENCHMARK_COLUMNS] == [
        BENCHMARK_FIELD[c.field].label for c in lay.BENCHMARK_COLUMNS
    ]
    assert (
        lay.POSITION_COLUMNS[
            lay.column_index(lay.POSITION_COLUMNS, "commute_days_per_week") - 1
        ].header
        == "Days on site a week"
    )


def _with_former_headers(book: Any) -> int:
    """Write each column's first former header where the export wrote the current one."""
    changed = 0
    for sheet, columns in (
        (lay.OFFERS, lay.POSITION_COLUMNS),
        (lay.BENCHMARKS, lay.BENCHMARK_COLUMNS),
    ):
        for index, column in enumerate(columns, start=1):
            if column.former:
                book[sheet].cell(row=lay.HEADER_ROW, column=index).value = column.former[0]
                changed += 1
    return changed


def test_a_workbook_with_the_former_headers_still_imports() -> None:
    scenario = demo_scenario()
    book = load(workbook_bytes(evaluate(scenario, resolution="interactive")))
    assert _with_former_headers(book) >= 15
    assert (
        book[lay.OFFERS]
        .cell(
            row=lay.HEADER_ROW,
            column=lay.column_index(lay.POSITION_COLUMNS, "commute_days_per_week"),
        )
        .value
        == "Commute days a week"
    )
    imported = read_workbook_bytes(save(book), source="old.xlsx")
    assert imported.offers == scenario.offers
    assert imported.current == scenario.current
    assert imported.benchmarks == scenario.benchmarks
