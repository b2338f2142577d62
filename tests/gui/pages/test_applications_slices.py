"""A long application log costs the window no work per row, and its charts redraw one at a time.

A 10,000-row import must leave the window responsive (a 5 ms timer late by at most 50 ms): the
table takes the rows in one insertion and asks only for the rows it shows, and the four charts,
drawn from the log's summary, redraw one per slice with the window painting in between rather
than all in one go.
"""

from __future__ import annotations

import collections
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHeaderView

from offer_eval.core.application import Application
from offer_eval.gui import applications_model
from offer_eval.gui.main_window import TAB_APPLICATIONS, MainWindow
from offer_eval.gui.pages import applications as applications_page
from offer_eval.gui.pages.applications import ApplicationsPage

ROWS = 10_000


def _page(window: MainWindow) -> ApplicationsPage:
    window.tabs.setCurrentIndex(TAB_APPLICATIONS)
    QApplication.processEvents()
    page = window.pages[TAB_APPLICATIONS]
    assert isinstance(page, ApplicationsPage)
    return page


def _write_log(path: Path, rows: int) -> None:
    lines = ["date,employer,role,stage,channel,notes"]
    for number in range(rows):
        stage = "screen" if number % 10 == 0 else "applied"
        lines.append(
            f"2024-{number % 12 + 1:02d}-{number % 28 + 1:02d},Employer {number % 700},"
            f'Role {number % 40},{stage},referral,"note {number}, with a comma"'
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_10000_row_import_asks_the_table_only_for_the_rows_it_shows(
    window: MainWindow, tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: collections.Counter[int] = collections.Counter()
    data = applications_model.ApplicationsModel.data

    def counted(self: applications_model.ApplicationsModel, index: Any, role: int = 0) -> Any:
        asked[int(role)] += 1
        return data(self, index, role)

    # Before the page is built, so that Qt calls the counting method.
    monkeypatch.setattr(applications_model.ApplicationsModel, "data", counted)
    page = _page(window)
    controller = window.controller
    # The most a log holds, into an empty one (as the benchmark does).
    controller.edit(controller.scenario.replace(applications=()), "Clear the log")
    count = 0
    assert page.view.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    signals: collections.Counter[str] = collections.Counter()
    for name in ("rowsInserted", "modelReset", "layoutChanged", "dataChanged"):
        getattr(page.model, name).connect(lambda *_a, name=name: signals.update([name]))
    source = tmp_path / "log.csv"
    _write_log(source, ROWS)
    asked.clear()

    page.import_file(source)
    qtbot.waitUntil(
        lambda: (
            len(controller.scenario.applications) == count + ROWS
            and not any(chart.is_stale for chart in page.charts)
        ),
        timeout=60_000,
    )
    page.view.viewport().repaint()  # every visible cell painted at least once
    QApplication.processEvents()

    assert signals["rowsInserted"] == 1, signals  # one insertion, not one per row
    assert signals["modelReset"] == 0 and signals["layoutChanged"] == 0, signals
    # A per-row cost (measuring each row's height or contents, filtering or sorting every row)
    # would ask for each of the 10,000 rows at least once; the view shows a few dozen.
    total = sum(asked.values())
    assert 0 < total < ROWS, dict(asked)
    assert asked[int(Qt.ItemDataRole.SizeHintRole)] < 1_000, dict(asked)
    assert page.funnel._figures is not None
    assert page.funnel._figures.funnel[0].count == count + ROWS


def test_a_long_log_that_changed_redraws_one_chart_per_slice(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(window)
    controller = window.controller
    monkeypatch.setattr(applications_page, "SYNC_ROWS", 10)  # the demo's 117 rows count as long
    page._slice_timer.timeout.disconnect()  # the test takes each slice itself
    drawn = [chart.refresh_count for chart in page.charts]

    def redrawn() -> list[int]:
        return [
            chart.refresh_count - before for chart, before in zip(page.charts, drawn, strict=True)
        ]

    added = Application(id="one-more", date="2025-01-06", employer="Northwind")
    controller.edit(
        controller.scenario.replace(applications=(*controller.scenario.applications, added)),
        "Add application",
    )
    # The edit itself draws no chart: each is marked out of date and waits for its slice.
    assert redrawn() == [0, 0, 0, 0]
    assert all(chart.is_stale for chart in page.charts)
    assert page._slice_timer.isActive()

    page._hand_next()
    assert redrawn() == [1, 0, 0, 0]
    # An evaluation of the same log arriving meanwhile (the full one) leaves the waiting charts
    # to their slices instead of drawing them all at once.
    assert controller.evaluation is not None
    page.show_evaluation(controller.evaluation)
    assert redrawn() == [1, 0, 0, 0]
    for _ in range(3):
        page._hand_next()
    assert redrawn() == [1, 1, 1, 1]
    assert not any(chart.is_stale for chart in page.charts)
    # The log's figures are worked out in the background; when they come, the charts redraw
    # from them, again one per slice.
    assert controller.background.wait(timeout_ms=60_000)
    QApplication.processEvents()
    assert all(chart.is_stale for chart in page.charts)
    assert page.callback_rate._figures is None  # drawn "working out", not the figures yet
    for _ in range(4):
        page._hand_next()
    assert not any(chart.is_stale for chart in page.charts)
    assert page.callback_rate._figures is not None
    assert page.callback_rate._figures.summary.count == len(controller.scenario.applications)
