"""The side-by-side tab: the report's money table in the window, following every edit."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from offer_eval.editing.edits import add_offer, set_position_value
from offer_eval.gui.main_window import TAB_OFFERS, TAB_SIDE_BY_SIDE, MainWindow
from offer_eval.gui.pages.side_by_side import SideBySidePage


def _page(window: MainWindow) -> SideBySidePage:
    page = window.build_tab(TAB_SIDE_BY_SIDE)
    assert isinstance(page, SideBySidePage)
    window.tabs.setCurrentIndex(TAB_SIDE_BY_SIDE)
    QApplication.processEvents()
    return page


def _cell(page: SideBySidePage, label: str, column: int) -> str:
    model = page.model
    for row in range(model.rowCount()):
        header = model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole)
        if header == label:
            return str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole))
    raise AssertionError(f"no row {label!r}")


def test_the_model_is_a_well_behaved_table(window: MainWindow, qtmodeltester: Any) -> None:
    qtmodeltester.check(_page(window).model)


def test_the_demo_reads_as_in_the_report(window: MainWindow) -> None:
    page = _page(window)
    assert page.model.columnCount() == 3
    # The demo's figures as the text report prints them (see the README's worked example).
    assert _cell(page, "Base salary", 1) == "£45,000"
    assert _cell(page, "Net take-home, year 1", 0) == "£38,396"
    assert _cell(page, "Net take-home change", 0) == ""  # the current job against itself
    assert _cell(page, "Net take-home change", 2) == "+£6,097"
    assert not page.model.flags(page.model.index(1, 1)) & Qt.ItemFlag.ItemIsEditable


def test_an_edit_shows_at_once_and_a_new_offer_adds_a_column(window: MainWindow) -> None:
    page = _page(window)
    controller = window.controller
    controller.edit(
        set_position_value(controller.scenario, "ml-engineer", "base_salary", 50_000.0), "Pay"
    )
    controller.wait_for_full()
    QApplication.processEvents()
    assert _cell(page, "Base salary", 1) == "£50,000"
    scenario, _offer_id = add_offer(controller.scenario)
    controller.edit(scenario, "Add offer")
    controller.wait_for_full()
    QApplication.processEvents()
    assert page.model.columnCount() == 4


def test_a_hidden_tab_waits_until_it_is_shown(window: MainWindow) -> None:
    page = _page(window)
    window.tabs.setCurrentIndex(TAB_OFFERS)
    QApplication.processEvents()
    controller = window.controller
    controller.edit(
        set_position_value(controller.scenario, "ml-engineer", "base_salary", 41_000.0), "Pay"
    )
    controller.wait_for_full()
    QApplication.processEvents()
    assert _cell(page, "Base salary", 1) == "£45,000"  # not redrawn while nobody looks
    window.tabs.setCurrentIndex(TAB_SIDE_BY_SIDE)
    QApplication.processEvents()
    assert _cell(page, "Base salary", 1) == "£41,000"


def _cells(page: SideBySidePage) -> list[list[str]]:
    model = page.model
    return [
        [str(model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole)) for c in range(3)]
        for r in range(model.rowCount())
    ]


def test_a_salary_edit_signals_exactly_the_cells_whose_words_changed(
    window: MainWindow,
) -> None:
    page = _page(window)
    controller = window.controller
    before = _cells(page)
    signalled: set[tuple[int, int]] = set()
    resets: list[bool] = []

    def record(top_left: Any, bottom_right: Any, _roles: Any = None) -> None:
        for row in range(top_left.row(), bottom_right.row() + 1):
            for column in range(top_left.column(), bottom_right.column() + 1):
                signalled.add((row, column))

    page.model.dataChanged.connect(record)
    page.model.modelReset.connect(lambda: resets.append(True))
    controller.edit(
        set_position_value(controller.scenario, "ml-engineer", "base_salary", 52_500.0), "Pay"
    )
    QApplication.processEvents()
    after = _cells(page)
    changed = {(r, c) for r in range(len(after)) for c in range(3) if before[r][c] != after[r][c]}
    assert _cell(page, "Base salary", 1) == "£52,500"
    assert not resets  # same rows and columns: no reset (it would lose the scroll position)
    # Every cell whose words changed is signalled (the view repaints it), and no other.
    assert changed and signalled == changed
    assert {column for _row, column in changed} == {1}  # only the edited offer's column


def test_changed_cells_are_grouped_into_runs_of_neighbours() -> None:
    from offer_eval.gui.pages.side_by_side import changed_cells
    from offer_eval.present.side_by_side import SideRow

    old = (
        SideRow("Pay"),
        SideRow("Base", values=("a", "b", "c", "d")),
        SideRow("Net", values=("x", "y", "z", "w")),
    )
    new = (
        SideRow("Pay"),
        SideRow("Base", values=("A", "B", "c", "D")),
        SideRow("Net", values=("x", "y", "z", "w")),
    )
    assert changed_cells(old, new) == [(1, 0, 1), (1, 3, 3)]
    assert changed_cells(new, new) == []
