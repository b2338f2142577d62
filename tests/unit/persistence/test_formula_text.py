"""Text that a spreadsheet would run as a formula stays text, for every trigger character.

A name beginning with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula (or a DDE
payload) to Excel and LibreOffice when typed or imported from CSV. The CSV gets a leading
apostrophe; the workbook stores the text as a string cell, unchanged.
"""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest

from offer_eval.core.evaluate import evaluate
from offer_eval.core.models import Scenario
from offer_eval.persistence.csv_export import csv_rows, to_csv
from offer_eval.persistence.examples import demo_scenario
from offer_eval.persistence.excel import read_workbook_bytes, workbook_bytes
from offer_eval.persistence.excel._text import decode_text

TRIGGERS = ["=", "+", "-", "@", "\t", "\r"]


def _hostile(trigger: str) -> tuple[Scenario, str]:
    demo = demo_scenario()
    name = f'{trigger}HYPERLINK("http://example.invalid","x")'
    return demo.replace(current=dataclasses.replace(demo.current, name=name)), name


@pytest.mark.parametrize("trigger", TRIGGERS, ids=repr)
def test_csv_prefixes_every_formula_trigger(trigger: str) -> None:
    scenario, name = _hostile(trigger)
    text = to_csv(csv_rows(evaluate(scenario))).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][:3] == ["role", "id", "name"]
    assert rows[1][2] == "'" + name


@pytest.mark.parametrize("trigger", TRIGGERS, ids=repr)
def test_workbook_stores_every_formula_trigger_as_text(trigger: str) -> None:
    import openpyxl

    scenario, name = _hostile(trigger)
    data = workbook_bytes(evaluate(scenario))
    book = openpyxl.load_workbook(io.BytesIO(data))
    found = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and decode_text(cell.value) == name
    ]
    assert found, "the name is in the workbook"
    assert {cell.data_type for cell in found} == {"s"}
    assert read_workbook_bytes(data).current.name == name
