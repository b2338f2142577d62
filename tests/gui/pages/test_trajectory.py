"""The trajectory tab's summary table."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
)

from offer_eval.gui.main_window import (
    TAB_TITLES,
    MainWindow,
)
from tests.gui.pages._support import page_shown_at


def test_trajectory_summary_shows_each_offers_figures_and_one_reservation_salary(
    window: MainWindow,
) -> None:
    from offer_eval.core.money_text import format_money
    from offer_eval.gui.pages.trajectory import SUMMARY_ROWS, TrajectoryPage

    page = window.build_tab(TAB_TITLES.index("Trajectory"))
    assert isinstance(page, TrajectoryPage)
    window.tabs.setCurrentIndex(TAB_TITLES.index("Trajectory"))
    QApplication.processEvents()
    evaluation = window.controller.evaluation
    assert evaluation is not None and evaluation.trajectory is not None
    table = page.summary
    offers = [offer.id for offer in evaluation.scenario.offers]
    assert table.columnCount() == len(offers)
    assert table.rowCount() == len(SUMMARY_ROWS) + 1
    for column, offer_id in enumerate(offers):
        figures = evaluation.trajectory.offers[offer_id]
        for row, (_label, _tip, shown) in enumerate(SUMMARY_ROWS):
            item = table.item(row, column)
            assert item is not None and item.text() == shown(figures)
    last = len(SUMMARY_ROWS)
    reservation = evaluation.trajectory.reservation_salary
    assert reservation is not None
    assert table.item(last, 0).text() == format_money(reservation)  # type: ignore[union-attr]
    assert table.columnSpan(last, 0) == len(offers)  # one figure for the search, not one offer's


def test_at_1024_by_700_every_trajectory_chart_keeps_a_readable_plot_and_the_tab_scrolls(
    window: MainWindow,
) -> None:
    from offer_eval.gui.pages.trajectory import MIN_PLOT_HEIGHT, MIN_SUMMARY_ROWS, TrajectoryPage

    page = page_shown_at(window, "Trajectory", 1024, 700)
    assert isinstance(page, TrajectoryPage)
    for chart in page.charts:
        # The plotting area itself, not the chart with its legend and axis (was about 50 px).
        assert chart.plot.vb.height() >= MIN_PLOT_HEIGHT, chart.title
    assert page.scroller.verticalScrollBar().maximum() > 0  # the rest scrolls
    rows = page.summary.viewport().height() // page.summary.verticalHeader().defaultSectionSize()
    assert rows >= MIN_SUMMARY_ROWS
