"""The record tables (benchmarks, criteria): figures are never cut short."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QApplication,
)

from offer_eval.gui.main_window import (
    TAB_TITLES,
    MainWindow,
)


@pytest.mark.parametrize("tab", ["Benchmarks", "Decision"])
def test_figures_in_record_tables_are_never_cut_short(window: MainWindow, tab: str) -> None:
    from offer_eval.gui.pages.decision import DecisionPage
    from offer_eval.gui.record_panels import RecordPanel

    page = window.build_tab(TAB_TITLES.index(tab))
    panel = page.criteria if isinstance(page, DecisionPage) else page
    assert isinstance(panel, RecordPanel)
    window.tabs.setCurrentIndex(TAB_TITLES.index(tab))
    QApplication.processEvents()
    view, model = panel.view, panel.model
    checked = 0
    for column in range(model.columnCount()):
        if model.columns[column].spec.kind not in ("money_optional", "int_optional"):
            continue
        for row in range(model.rowCount()):
            text = str(model.data(model.index(row, column)) or "")
            checked += bool(text)
            assert view.fontMetrics().horizontalAdvance(text) + 8 <= view.columnWidth(column), (
                model.columns[column].spec.label,
                text,
            )
    assert checked
