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
