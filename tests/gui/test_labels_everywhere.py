"""One figure, one name: the window, the text report and the workbook take every label from present/.

Each renderer is walked as a user sees it (the table's row headers, the forms' labels, the
report's row labels, the workbook's header cells) and every name found is looked up in present/'s
tables. The money rows of the text report must also read the same, word for word, in the workbook
and, for the figures the window shows as rows, in the window.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QTableView, QTableWidget

from offer_eval.core.evaluate import Evaluation
from offer_eval.gui.main_window import (
    TAB_ASSUMPTIONS,
    TAB_BENCHMARKS,
    TAB_DECISION,
    TAB_SIDE_BY_SIDE,
    TAB_TRAJECTORY,
    MainWindow,
)
from offer_eval.gui.positions_model import FIELD_KEY_ROLE, ROW_KIND_ROLE
from offer_eval.persistence.excel import workbook_bytes
from offer_eval.present import contract_rows, fields, outcome_rows, rows
from offer_eval.present.labels import STRATEGIES
from offer_eval.present.report import render_text


def _names(*tables: Any) -> set[str]:
    found: set[str] = set()
    for table in tables:
        for item in table:
            name = getattr(item, "name", item)
            found.update((name.label, name.short))
    return found


FIELD_NAMES = _names(fields.ALL_FIELDS, fields.BENCHMARK_FIELDS, fields.CRITERION_FIELDS)
ROW_NAMES = _names(
    rows.MONEY_ROWS,
    contract_rows.CONTRACT_ROWS,
    rows.PAY_CUT_ROWS,
    outcome_rows.SEARCH_ROWS,
    (
        outcome_rows.RESERVATION_SALARY,
        outcome_rows.RESERVATION_SALARY_EXPERIENCED,
        rows.BENCHMARK_NAME,
        rows.WHERE_IT_SITS,
        outcome_rows.SCORE,
        outcome_rows.RANK,
        outcome_rows.PROBABILITY_BEST,
        outcome_rows.TIE_SALARY,
        outcome_rows.TIE_DAY_RATE,
        rows.YOUR_PENSION_COST,
        rows.TAXABLE_PAY,
        rows.PERSONAL_ALLOWANCE,
        rows.TAXABLE_INCOME,
        rows.NET_AFTER_YEAR1,
        rows.TAXED_BENEFITS_IN_KIND,
        rows.ADJUSTED_NET_INCOME,
        rows.CHILD_BENEFIT,
        rows.CHILD_BENEFIT_CHARGE,
        rows.TAX_RULES_YEAR,
        rows.NOTE,
    ),
)
SECTIONS = {
    rows.SECTION_PAY,
    rows.SECTION_TAKE_HOME,
    rows.SECTION_LEFT,
    rows.SECTION_CHANGE,
    rows.SECTION_MARKET,
    rows.SECTION_RESULTS,
}
MONEY_SECTIONS = (rows.SECTION_PAY, rows.SECTION_TAKE_HOME, rows.SECTION_LEFT, rows.SECTION_CHANGE)


# --- each renderer, read as a user reads it --------------------------------------------------


def _report_rows(text: str) -> dict[str, list[str]]:
    """The side-by-side table of the text report: section heading -> its row labels."""
    lines = text.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("-----"))
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in lines[rule + 1 :]:
        if not line.strip():
            break
        if line.startswith("  "):
            current.append(_label_cell(line))
        else:
            current = sections.setdefault(line.strip(), [])
    return sections


def _label_cell(line: str) -> str:
    """A row's label: the text before the first run of two or more spaces after the indent."""
    body = line[2:]
    cut = body.find("  ")
    return (body if cut < 0 else body[:cut]).strip()


def _workbook(evaluation: Evaluation) -> Any:
    return load_workbook(io.BytesIO(workbook_bytes(evaluation)))


def _summary_labels(book: Any) -> tuple[list[str], set[str]]:
    """The Summary's row labels (indented) and section headings, above the assumptions."""
    sheet = book["Summary"]
    found: list[str] = []
    headings: set[str] = set()
    for (cell,) in sheet.iter_rows(min_row=7, max_col=1):
        value = cell.value
        if value == "Assumptions":
            break
        if not isinstance(value, str) or not value.strip():
            continue
        if value.startswith("  "):
            found.append(value.strip())
        else:
            headings.add(value)
    return found, headings


def _header_row(book: Any, sheet: str) -> list[str]:
    return [c.value for c in next(book[sheet].iter_rows(min_row=1, max_row=1)) if c.value]


def _vertical_headers(view: QTableView | QTableWidget) -> list[str]:
    model = view.model()
    return [
        str(model.headerData(r, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole))
        for r in range(model.rowCount())
    ]


def _horizontal_headers(view: QTableView) -> list[str]:
    model = view.model()
    return [
        str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
        for c in range(model.columnCount())
    ]


def _form_labels(widget: Any) -> list[str]:
    found = []
    for form in widget.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel):
                found.append(item.widget().text())
    return found


# --- the checks --------------------------------------------------------------------------------


@pytest.fixture
def evaluation(window: MainWindow) -> Evaluation:
    evaluation = window.controller.evaluation
    assert evaluation is not None and evaluation.trajectory is not None
    return evaluation


def test_the_side_by_side_table_names_every_row_from_present(window: MainWindow) -> None:
    model = window.positions.model
    seen = 0
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        kind = model.data(index, ROW_KIND_ROLE)
        key = str(model.data(index, FIELD_KEY_ROLE) or "")
        header = model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole)
        if kind == "group" or key.startswith(("ratings.", "rating_uncertainty.")):
            continue  # headings; your own criteria and how sure each rating is
        seen += 1
        assert header in FIELD_NAMES | ROW_NAMES, header
    assert seen > 30


def test_the_forms_and_record_tables_name_every_input_from_present(window: MainWindow) -> None:
    assumptions = window.build_tab(TAB_ASSUMPTIONS)
    found = _form_labels(assumptions)
    assert len(found) > 25
    assert [name for name in found if name not in FIELD_NAMES] == []
    views = [
        view
        for tab in (TAB_BENCHMARKS, TAB_DECISION)
        for view in window.build_tab(tab).findChildren(QTableView)
    ]
    assert len(views) >= 2  # benchmarks and criteria
    for view in views:
        headers = [h.replace("\n", " ") for h in _horizontal_headers(view)]
        assert [name for name in headers if name not in FIELD_NAMES] == []


def test_the_trajectory_summary_names_every_row_from_present(window: MainWindow) -> None:
    page = window.build_tab(TAB_TRAJECTORY)
    window.tabs.setCurrentIndex(TAB_TRAJECTORY)
    (summary,) = page.findChildren(QTableWidget)
    headers = _vertical_headers(summary)
    assert len(headers) >= 6
    assert [name for name in headers if name not in ROW_NAMES] == []


def test_the_report_names_every_row_from_present(evaluation: Evaluation) -> None:
    sections = _report_rows(render_text(evaluation))
    assert set(sections) <= SECTIONS
    for section, names in sections.items():
        assert [name for name in names if name not in ROW_NAMES] == [], section


def test_the_workbook_names_every_row_and_column_from_present(evaluation: Evaluation) -> None:
    book = _workbook(evaluation)
    summary, headings = _summary_labels(book)
    assert len(summary) > 40
    # Rows named per rank and per criterion, by present/'s own functions.
    made = {outcome_rows.rank_label(r).label for r in range(2, outcome_rows.MAX_RANK_ROWS + 1)}
    made |= {outcome_rows.central_weight_label(c.label).label for c in evaluation.scenario.criteria}
    assert [name for name in summary if name not in ROW_NAMES | made] == []
    assert {h for h in headings if h not in SECTIONS} <= {
        rows.SECTION_SEARCH_DECLINE,
        rows.SECTION_DECISION,
    }
    offers = _header_row(book, "Offers")
    assert [name for name in offers if name not in FIELD_NAMES] == []
    benchmarks = _header_row(book, "Benchmarks")
    assert [name for name in benchmarks if name not in FIELD_NAMES] == []
    take_home = _header_row(book, "Take-home")
    assert [name for name in take_home if name not in FIELD_NAMES | ROW_NAMES] == []


def test_a_contracts_take_home_columns_are_named_from_present() -> None:
    from offer_eval.core.evaluate import evaluate
    from tests.unit.core.test_contract_tie_day_rate import contract_demo

    book = _workbook(evaluate(contract_demo(300.0)))
    take_home = _header_row(book, "Take-home")
    assert {row.label for row in contract_rows.CONTRACT_ROWS} <= set(take_home)
    assert [name for name in take_home if name not in FIELD_NAMES | ROW_NAMES] == []


def test_each_money_row_of_the_report_reads_the_same_in_the_workbook_and_window(
    window: MainWindow, evaluation: Evaluation
) -> None:
    sections = _report_rows(render_text(evaluation))
    money = [name for section in MONEY_SECTIONS for name in sections[section]]
    assert len(money) >= 20
    cells = {
        str(cell.value).strip()
        for row in _workbook(evaluation)["Summary"].iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }
    assert [name for name in money if name not in cells] == []
    # The window's side-by-side tab shows every one of them as a row header, word for word.
    window_rows = set(_vertical_headers(_side_by_side(window)))
    assert [name for name in money if name not in window_rows] == []


def _side_by_side(window: MainWindow) -> QTableView:
    page = window.build_tab(TAB_SIDE_BY_SIDE)
    window.tabs.setCurrentIndex(TAB_SIDE_BY_SIDE)
    (view,) = page.findChildren(QTableView)
    return view


def test_the_side_by_side_tab_names_every_row_from_present(window: MainWindow) -> None:
    headers = _vertical_headers(_side_by_side(window))
    assert len(headers) >= 30
    assert [name for name in headers if name not in ROW_NAMES | SECTIONS] == []


def test_the_scores_and_trajectory_sheets_name_their_rows_from_present(
    evaluation: Evaluation,
) -> None:
    book = _workbook(evaluation)
    scores = book["Scores"]
    column_a = {str(c.value) for (c,) in scores.iter_rows(max_col=1) if isinstance(c.value, str)}
    criterion_rows = {
        fields.CRITERION_FIELD[key].label
        for key in ("id", "kind", "weight", "share", "anchor_low", "anchor_high")
    }
    assert criterion_rows <= column_a
    cells = {str(c.value) for row in scores.iter_rows() for c in row if isinstance(c.value, str)}
    assert {outcome_rows.SCORE.label, outcome_rows.RANK.label} <= cells
    # The Trajectory sheet's second header row names each column's plan.
    plans = {c.value for c in next(book["Trajectory"].iter_rows(min_row=5, max_row=5)) if c.value}
    assert plans == set(STRATEGIES.values())


def test_the_new_comparison_dialog_names_its_fields_from_present(qtbot: Any) -> None:
    from offer_eval.gui.wizard import NewComparisonDialog

    dialog = NewComparisonDialog()
    qtbot.addWidget(dialog)
    found = [name for name in _form_labels(dialog) if name]  # the check box's row has none
    assert len(found) >= 9
    assert [name for name in found if name not in FIELD_NAMES] == []
