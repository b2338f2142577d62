"""The Applications sheet: the log round-trips exactly, its text never becomes a formula, edits
made in the spreadsheet come back, and the funnel beside it is made of live COUNTIFS formulas."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from offer_eval.core.application import Application
from offer_eval.core.evaluate import evaluate
from offer_eval.persistence.document import load as load_document
from offer_eval.persistence.document import save as save_document
from offer_eval.persistence.examples import demo_scenario
from offer_eval.persistence.excel import WorkbookError, read_workbook_bytes, workbook_bytes
from offer_eval.persistence.excel import _layout as lay
from tests.unit._excel_support import load, save, with_hostile_log

COLUMN = {column.field: index for index, column in enumerate(lay.APPLICATION_COLUMNS, start=1)}


def test_save_load_export_import_gives_the_log_back_exactly(tmp_path: Path) -> None:
    scenario = with_hostile_log(demo_scenario())
    path = tmp_path / "log.offers.json"
    save_document(scenario, path)
    loaded = load_document(path)
    assert loaded.applications == scenario.applications
    data = workbook_bytes(evaluate(loaded))
    assert read_workbook_bytes(data).applications == scenario.applications
    assert read_workbook_bytes(data) == loaded


def test_text_cells_stay_text(tmp_path: Path) -> None:
    scenario = with_hostile_log(demo_scenario())
    sheet = load(workbook_bytes(evaluate(scenario)))[lay.APPLICATIONS]
    employer = COLUMN["employer"]
    for offset, application in enumerate(scenario.applications):
        cell = sheet.cell(row=lay.FIRST_RECORD_ROW + offset, column=employer)
        if application.employer.startswith("="):
            assert cell.data_type == "s", application.employer
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert {c.column for c in formulas} == {lay.FUNNEL_COLUMN + 1}


def test_the_funnel_formulas_count_the_stage_column() -> None:
    scenario = demo_scenario()
    sheet = load(workbook_bytes(evaluate(scenario)))[lay.APPLICATIONS]
    stage = lay.cell_name(lay.FIRST_RECORD_ROW, COLUMN["stage"]).rstrip("0123456789")
    value = sheet.cell(row=lay.FUNNEL_FIRST_ROW + 1, column=lay.FUNNEL_COLUMN + 1).value
    last = lay.LAST_APPLICATION_ROW
    assert value == (
        f'=COUNTIFS(${stage}$2:${stage}${last},"screen")'
        f'+COUNTIFS(${stage}$2:${stage}${last},"interview")'
        f'+COUNTIFS(${stage}$2:${stage}${last},"offer")'
    )
    labels = [
        sheet.cell(row=lay.FUNNEL_FIRST_ROW + k, column=lay.FUNNEL_COLUMN).value for k in range(5)
    ]
    assert labels == [
        "Applied",
        "Past the CV (or further)",
        "Interview (or further)",
        "Offer (or further)",
        "In the new field",
    ]


def test_edits_made_in_the_spreadsheet_come_back() -> None:
    scenario = demo_scenario()
    book = load(workbook_bytes(evaluate(scenario)))
    sheet = book[lay.APPLICATIONS]
    row = lay.FIRST_RECORD_ROW
    sheet.cell(row=row, column=COLUMN["stage"]).value = "Past the CV"  # the words, not the code
    sheet.cell(row=row, column=COLUMN["screen_date"]).value = dt.datetime(2025, 3, 20)
    sheet.cell(row=row, column=COLUMN["employer"]).value = "Edited Ltd"
    new = scenario.applications[-1].id + "-new"
    last = lay.FIRST_RECORD_ROW + len(scenario.applications)
    for field, value in (
        ("id", new),
        ("date", "2025-10-01"),
        ("stage", "offer"),
        ("offered_salary", 45_000),
    ):
        sheet.cell(row=last, column=COLUMN[field]).value = value
    imported = read_workbook_bytes(save(book))
    first = imported.applications[0]
    assert (first.stage, first.screen_date, first.employer) == (
        "screen",
        "2025-03-20",
        "Edited Ltd",
    )
    assert first.date == scenario.applications[0].date
    assert imported.applications[1:-1] == scenario.applications[1:]
    assert imported.applications[-1] == Application(
        id=new, date="2025-10-01", stage="offer", offered_salary=45_000.0
    )


def test_a_bad_cell_is_named() -> None:
    scenario = demo_scenario()
    book = load(workbook_bytes(evaluate(scenario)))
    book[lay.APPLICATIONS].cell(row=3, column=COLUMN["stage"]).value = "hired"
    with pytest.raises(WorkbookError, match="Applications") as caught:
        read_workbook_bytes(save(book))
    assert "Applications!G3: must be applied, screen, interview or offer" in str(caught.value)


def test_a_workbook_without_the_sheet_keeps_the_stored_log() -> None:
    scenario = demo_scenario()
    book = load(workbook_bytes(evaluate(scenario)))
    del book[lay.APPLICATIONS]
    assert read_workbook_bytes(save(book)).applications == scenario.applications
