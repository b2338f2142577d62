"""The assumptions tab: plain tooltips, refusals beside the field, rates from the search history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from offer_eval.gui.main_window import (
    TAB_ASSUMPTIONS,
    MainWindow,
)


def test_every_assumption_has_a_plain_tooltip(window: MainWindow) -> None:
    window.build_all_tabs()
    model = window.positions.model
    for row in range(model.rowCount()):
        label = model.headerData(row, Qt.Orientation.Vertical)
        if model.row(row).kind != "group":
            assert model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole), (
                label
            )
    for field_input in window.pages[TAB_ASSUMPTIONS].inputs.values():  # type: ignore[attr-defined]
        assert field_input.input.toolTip(), field_input.spec.key
    for slider in window.whatif.sliders.values():
        assert slider.toolTip(), slider.accessibleName()


def test_a_form_field_shows_the_reason_beside_it(window: MainWindow, qtbot: Any) -> None:
    window.tabs.setCurrentIndex(TAB_ASSUMPTIONS)
    field_input = window.pages[TAB_ASSUMPTIONS].inputs["target_salary"]  # type: ignore[attr-defined]
    line = field_input.input
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "sixty")
    assert field_input.problem.isVisible()
    assert "not an amount" in field_input.problem.text()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert window.controller.scenario.target_salary == 60_000
    line.selectAll()
    qtbot.keyClicks(line, "65k")
    assert not field_input.problem.isVisible()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert window.controller.scenario.target_salary == 65_000
    applications = window.pages[TAB_ASSUMPTIONS].inputs["search.applications_per_month"]  # type: ignore[attr-defined]
    applications.input.setFocus()
    applications.input.selectAll()
    qtbot.keyClicks(applications.input, "5000")
    assert "between 0 and 1,000" in applications.problem.text()


def test_set_rates_from_my_history(window: MainWindow) -> None:
    page = window.build_tab(TAB_ASSUMPTIONS)
    assert page.history_button.isEnabled()  # type: ignore[attr-defined]
    page.history_button.click()  # type: ignore[attr-defined]
    search = window.controller.scenario.search
    assert search.history is not None and search.history.use_for_rates
    assert search.callback_rate_novice != 0.035
    assert window.controller.undo_stack.undoText() == "Set search rates from my history"
