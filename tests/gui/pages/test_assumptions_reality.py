"""The Assumptions tab's reality check: the settled evaluation's figures beside published ones,
each row sourced, flagged rows marked, and every search setting with its source."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QSlider,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionSlider,
    QStyleOptionViewItem,
)

from offer_eval.core.trajectory.reality import rate_sources, reality_check
from offer_eval.gui.main_window import TAB_ASSUMPTIONS, TAB_OFFERS, MainWindow
from offer_eval.present.reality_report import figure_text


def test_the_reality_check_shows_every_item_with_its_source(window: MainWindow) -> None:
    window.build_all_tabs()
    window.tabs.setCurrentIndex(TAB_ASSUMPTIONS)
    panel = window.pages[TAB_ASSUMPTIONS].reality  # type: ignore[attr-defined]
    evaluation = window.controller.evaluation
    assert evaluation is not None and evaluation.trajectory is not None
    items = reality_check(evaluation.scenario, evaluation.trajectory)
    table = panel.table
    assert table.accessibleName() == "Table: Reality check"
    assert table.rowCount() == len(items)
    for row, item in enumerate(items):
        assert table.item(row, 0).text() == item.name
        assert table.item(row, 1).text() == figure_text(item.implied, item.unit)
        assert table.item(row, 2).text() == figure_text(item.published, item.unit)
        number = table.item(row, 3).text()
        assert f"{number} {item.source}" in panel.sources.text()
        assert bool(table.item(row, 4).text()) is item.flag
    rates = panel.rates
    sources = rate_sources(evaluation.scenario)
    assert rates.rowCount() == len(sources)
    assert [rates.item(r, 2).text() for r in range(rates.rowCount())] == [s.source for s in sources]


def test_it_follows_settled_results_not_a_drags_preview(window: MainWindow) -> None:
    window.build_all_tabs()
    window.tabs.setCurrentIndex(TAB_ASSUMPTIONS)
    panel = window.pages[TAB_ASSUMPTIONS].reality  # type: ignore[attr-defined]
    controller = window.controller
    seen: list[tuple[str, str]] = []
    controller.evaluation_changed.connect(
        lambda e: seen.append((e.resolution, panel.shown.resolution))
    )
    slider = window.whatif.sliders["search.callback_rate_experienced"]
    _drag(slider, 6, 4)
    assert controller.wait_for_full()
    assert ("interactive", "full") in seen  # the drag's previews arrived; the panel kept a full one
    assert all(shown == "full" for _resolution, shown in seen)
    rate = controller.scenario.search.callback_rate_experienced
    assert rate != 0.10
    assert panel.shown.scenario.search.callback_rate_experienced == rate
    row = next(
        r
        for r in range(panel.table.rowCount())
        if panel.table.item(r, 0).text() == "Callbacks per application, once experienced"
    )
    assert panel.table.item(row, 1).text() == f"{rate:.1%}"


class _CountingDelegate(QStyledItemDelegate):
    """Counts how often the table measures a cell."""

    def __init__(self) -> None:
        super().__init__()
        self.measured = 0

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        self.measured += 1
        return super().sizeHint(option, index)


def test_a_visible_table_measures_each_cell_a_few_times_not_each_column_per_cell(
    window: MainWindow,
) -> None:
    """Columns fitting their contents re-measured the whole column on every cell put in: a
    refill of the visible reality check measured 5,865 cells for 85 (0.6-0.9 s with 12 offers,
    each time a full result arrived on the Assumptions tab)."""
    window.build_all_tabs()
    window.tabs.setCurrentIndex(TAB_ASSUMPTIONS)
    QApplication.processEvents()
    table = window.pages[TAB_ASSUMPTIONS].reality.table  # type: ignore[attr-defined]
    rows = [[(f"cell {r} {c} " * (1 + (r + c) % 3), "tip") for c in range(5)] for r in range(17)]
    counting = _CountingDelegate()
    table.setItemDelegate(counting)
    table.fill(rows)
    QApplication.processEvents()
    counting.measured = 0
    table.fill(rows[::-1])
    QApplication.processEvents()
    assert 0 < counting.measured <= 3 * 17 * 5
    # The columns still fit their contents once filled.
    for column in range(1, 5):
        assert table.columnWidth(column) >= table.sizeHintForColumn(column)


def test_a_refill_shows_exactly_the_new_cells(window: MainWindow) -> None:
    """Cells already showing their words are kept; every other one takes the new words and tip,
    and a table of another length has exactly the new rows."""
    window.build_all_tabs()
    window.tabs.setCurrentIndex(TAB_ASSUMPTIONS)
    table = window.pages[TAB_ASSUMPTIONS].reality.table  # type: ignore[attr-defined]

    def shown() -> list[list[tuple[str, str]]]:
        return [
            [(table.item(r, c).text(), table.item(r, c).toolTip()) for c in range(5)]
            for r in range(table.rowCount())
        ]

    rows = [[(f"cell {r} {c}", f"tip {r} {c}") for c in range(5)] for r in range(6)]
    table.fill(rows)
    assert shown() == rows
    kept = table.item(0, 0)
    changed = [list(row) for row in rows]
    changed[2][3] = ("new words", "new tip")
    changed[4][0] = ("cell 4 0", "another tip")
    table.fill(changed)
    assert shown() == changed
    assert table.item(0, 0) is kept
    shorter = changed[:3]
    table.fill(shorter)
    assert shown() == shorter
    table.fill(rows)
    assert shown() == rows


def test_a_refill_measures_again_only_the_rows_it_changed_and_they_fit(
    window: MainWindow,
) -> None:
    """A refill of a few rows re-measures those rows alone, yet every row is as tall as a
    measure of all of them gives: a source grown to three lines takes three lines' height."""
    window.build_all_tabs()
    window.tabs.setCurrentIndex(TAB_ASSUMPTIONS)
    QApplication.processEvents()
    table = window.pages[TAB_ASSUMPTIONS].reality.rates  # type: ignore[attr-defined]
    rows = [[(f"setting {r}", "tip"), (f"{r}%", "tip"), ("a source", "tip")] for r in range(12)]
    table.fill(rows)
    QApplication.processEvents()  # the columns take their widths
    table.fit()
    before = [table.rowHeight(r) for r in range(table.rowCount())]
    counting = _CountingDelegate()
    table.setItemDelegate(counting)
    changed = [list(row) for row in rows]
    changed[5][2] = (" ".join(["a much longer source that wraps"] * 12), "tip")
    table.fill(changed)
    # The two fit-to-contents columns' 12 cells each, and row 5's three cells: not every row.
    assert counting.measured <= 2 * 12 + 3
    heights = [table.rowHeight(r) for r in range(table.rowCount())]
    assert heights[5] > before[5]
    table.resizeRowsToContents()
    assert heights == [table.rowHeight(r) for r in range(table.rowCount())]


def test_a_result_arriving_on_another_tab_is_shown_when_the_tab_is(window: MainWindow) -> None:
    window.build_all_tabs()
    window.tabs.setCurrentIndex(TAB_OFFERS)
    QApplication.processEvents()
    panel = window.pages[TAB_ASSUMPTIONS].reality  # type: ignore[attr-defined]
    controller = window.controller
    table = panel.table

    def shown() -> list[str]:
        return [table.item(r, 1).text() for r in range(table.rowCount())]

    before = shown()
    scenario = controller.scenario
    search = scenario.search
    changed = dataclasses.replace(
        search,
        callback_rate_novice=search.callback_rate_novice * 2,
        callback_rate_experienced=search.callback_rate_experienced * 2,
    )
    controller.edit(scenario.replace(search=changed), "Double the callback rates")
    assert controller.wait_for_full()
    assert panel.shown.scenario is controller.scenario
    assert shown() == before  # off screen: filled in when shown
    window.tabs.setCurrentIndex(TAB_ASSUMPTIONS)
    QApplication.processEvents()
    evaluation = controller.evaluation
    assert evaluation is not None and evaluation.trajectory is not None
    items = reality_check(evaluation.scenario, evaluation.trajectory)
    assert shown() == [figure_text(item.implied, item.unit) for item in items]
    assert shown() != before


def _drag(slider: QSlider, steps: int, pixels: int) -> None:
    """Press the handle, move it in `steps` mouse moves of `pixels` each, release."""
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    handle = slider.style().subControlRect(
        QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, slider
    )
    start = handle.center()

    def send(kind: QEvent.Type, point: QPoint, buttons: Qt.MouseButton) -> None:
        event = QMouseEvent(
            kind,
            QPointF(point),
            QPointF(slider.mapToGlobal(point)),
            Qt.MouseButton.LeftButton,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(slider, event)

    send(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for step in range(1, steps + 1):
        send(QEvent.Type.MouseMove, start + QPoint(step * pixels, 0), Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseButtonRelease, start + QPoint(steps * pixels, 0), Qt.MouseButton.NoButton)
