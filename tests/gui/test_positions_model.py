"""The positions model: Qt's model contract (qtmodeltester) and edits that go through the undo stack."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from offer_eval.gui.controller import DocumentController
from offer_eval.gui.positions_model import (
    DIFFERENCE_ROLE,
    DIFFERENCE_SIGN_ROLE,
    ERROR_ROLE,
    PositionsModel,
)


def test_positions_model_passes_the_model_tester(
    qtmodeltester: Any, controller: DocumentController
) -> None:
    qtmodeltester.check(PositionsModel(controller), force_py=True)


def test_positions_are_columns_current_first_and_fields_are_rows(
    controller: DocumentController,
) -> None:
    model = PositionsModel(controller)
    assert model.columnCount() == 3
    assert model.position_id(0) == "current"
    assert (
        model.headerData(1, Qt.Orientation.Horizontal).replace("\n", " ")
        == "ML Engineer (regional)"
    )
    row = model.row_of("base_salary")
    assert model.data(model.index(row, 1)) == "£45,000"
    assert model.data(model.index(row, 1), DIFFERENCE_ROLE) == "-£7,000"
    assert model.data(model.index(row, 1), DIFFERENCE_SIGN_ROLE) == -1
    assert (
        model.data(model.index(row, 1), Qt.ItemDataRole.AccessibleTextRole)
        == "Base salary: ML Engineer (regional)"
    )
    assert model.data(model.index(row, 0), DIFFERENCE_ROLE) == ""


def test_editing_a_cell_pushes_one_undoable_edit(controller: DocumentController) -> None:
    model = PositionsModel(controller)
    index = model.index(model.row_of("base_salary"), 1)
    assert model.setData(index, "48k", Qt.ItemDataRole.EditRole)
    assert controller.scenario.offer("ml-engineer").base_salary == 48_000
    assert controller.undo_stack.count() == 1
    assert model.data(index) == "£48,000"
    controller.undo_stack.undo()
    assert controller.scenario.offer("ml-engineer").base_salary == 45_000
    assert model.data(index) == "£45,000"
    controller.undo_stack.redo()
    assert model.data(index) == "£48,000"


def test_money_accepts_the_ways_people_type_it(controller: DocumentController) -> None:
    model = PositionsModel(controller)
    index = model.index(model.row_of("base_salary"), 2)
    for text, expected in (
        ("45k", 45_000),
        ("£45,000", 45_000),
        ("45000", 45_000),
        ("£61.5k", 61_500),
    ):
        assert model.setData(index, text, Qt.ItemDataRole.EditRole), text
        assert controller.scenario.offer("london-ds").base_salary == expected


def test_a_refused_value_changes_nothing_and_says_why(
    controller: DocumentController, qtbot: Any
) -> None:
    model = PositionsModel(controller)
    index = model.index(model.row_of("base_salary"), 1)
    before = controller.scenario
    with qtbot.waitSignal(model.edit_rejected) as signal:
        assert not model.setData(index, "1e15", Qt.ItemDataRole.EditRole)
    assert "Base salary: ML Engineer (regional)" in signal.args[0]
    assert "not an amount" in signal.args[0]
    for text in ("-5", "£20,000,000", "nan", "abc"):
        assert not model.setData(index, text, Qt.ItemDataRole.EditRole), text
        assert model.data(index, ERROR_ROLE)
    assert "must be between 0 and 10,000,000" in model.check_text(index, "£20,000,000")  # type: ignore[operator]
    assert controller.scenario == before
    assert controller.undo_stack.count() == 0
    hours = model.index(model.row_of("hours_per_week"), 1)
    assert not model.setData(hours, "0", Qt.ItemDataRole.EditRole)
    assert model.setData(index, "46000", Qt.ItemDataRole.EditRole)
    assert model.data(index, ERROR_ROLE) is None


def test_check_boxes_and_choices_edit_through_the_stack(controller: DocumentController) -> None:
    model = PositionsModel(controller)
    tax_free = model.index(model.row_of("tax_free"), 1)
    assert model.setData(tax_free, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert controller.scenario.offer("ml-engineer").tax_free
    method = model.index(model.row_of("pension_method"), 1)
    assert model.setData(method, "salary_sacrifice", Qt.ItemDataRole.EditRole)
    assert controller.scenario.offer("ml-engineer").pension_method == "salary_sacrifice"
    rating = model.index(model.row_of("ratings.team"), 1)
    assert model.setData(rating, "7.5", Qt.ItemDataRole.EditRole)
    assert controller.scenario.offer("ml-engineer").ratings["team"] == 7.5
    assert not model.setData(rating, "11", Qt.ItemDataRole.EditRole)
    assert controller.undo_stack.count() == 3


def test_results_rows_follow_the_evaluation(controller: DocumentController) -> None:
    model = PositionsModel(controller)
    row = model.row_of("result.net_take_home")
    before = model.data(model.index(row, 1))
    assert model.setData(
        model.index(model.row_of("base_salary"), 1), "55000", Qt.ItemDataRole.EditRole
    )
    after = model.data(model.index(row, 1))
    assert before != after
    assert model.flags(model.index(row, 1)) & Qt.ItemFlag.ItemIsEditable == Qt.ItemFlag.NoItemFlags
