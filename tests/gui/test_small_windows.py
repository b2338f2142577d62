"""Windows of common sizes: nothing cut short that has room, no chart crowded out by its legend.

Each test here reproduces a screenshot that once showed the fault: what-if captions cut at
1600×1000 after the window had first been shown small, and the decision score drawn with no
room for its bars in a 1024×700 window (ten criteria stacked the legend over the whole chart).
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from offer_eval.gui.charts.base import ChartPanel
from offer_eval.gui.main_window import TAB_DECISION, MainWindow
from offer_eval.gui.whatif import SliderCaption
from tests.gui._window_support import close_window, unshown_window


def _settle() -> None:
    for _ in range(6):
        QApplication.processEvents()


def _cut_captions(window: MainWindow) -> list[str]:
    captions = window.whatif.findChildren(SliderCaption)
    assert len(captions) == len(window.whatif.sliders) > 0
    return [label.full_text for label in captions if label.is_elided()]


def test_whatif_captions_fit_once_a_small_window_grows(window: MainWindow, qtbot: Any) -> None:
    window.resize(760, 600)
    window.whatif.ensure_built()
    _settle()
    window.resize(1600, 1000)
    _settle()
    assert not _cut_captions(window)


def test_the_dock_keeps_a_width_the_user_widened(window: MainWindow) -> None:
    window.resize(1600, 1000)
    window.whatif.ensure_built()
    _settle()
    wide = window.whatif.preferred_width() + 120
    window.resizeDocks([window.whatif_dock], [wide], Qt.Orientation.Horizontal)
    _settle()
    before = window.whatif_dock.width()
    window.resize(1700, 1000)
    _settle()
    assert window.whatif_dock.width() >= before - 2


def _legend_fits(chart: ChartPanel) -> None:
    view = chart.view
    legend = chart.legend
    assert legend.geometry().width() <= view.width(), (legend.geometry().width(), view.width())
    plot_height = chart.plot.vb.height()
    assert plot_height >= 0.35 * view.height(), (plot_height, view.height())


@pytest.mark.parametrize("size", [(1024, 700), (1600, 1000)])
def test_decision_charts_keep_room_to_draw_at_common_sizes(
    window: MainWindow, size: tuple[int, int]
) -> None:
    window.resize(*size)
    window.tabs.setCurrentIndex(TAB_DECISION)
    _settle()
    page = window.tabs.currentWidget()
    charts = [chart for chart in window.charts if chart.isVisible()]
    assert len(charts) == 3, page  # score, how sure, stability
    for chart in charts:
        _legend_fits(chart)
        names = [label.text for _sample, label in chart.legend.items]
        assert all(name for name in names)


def test_the_whatif_sliders_keep_whole_captions_and_no_sideways_bar_in_a_small_window(
    window: MainWindow,
) -> None:
    # At 1024x700 (the window's least width) the lines were 3 pixels wider than the room beside
    # the vertical scroll bar: a horizontal bar appeared and covered the last slider's line.
    from PySide6.QtWidgets import QScrollArea

    window.resize(1024, 700)
    window.whatif.ensure_built()
    _settle()
    scroll = window.whatif.findChild(QScrollArea)
    assert scroll is not None
    assert scroll.verticalScrollBar().isVisible()  # the case that took the room
    assert not scroll.horizontalScrollBar().isVisible()
    host = scroll.widget()
    assert host is not None
    assert host.minimumSizeHint().width() <= scroll.viewport().width()
    # Every caption whole, on as many lines as it needs: at this width thirteen of them were cut
    # to "ML Engi…", "Learning an…", "Experi…" beside their values.
    captions = window.whatif.findChildren(SliderCaption)
    assert {label.text() for label in captions} >= {
        "ML Engineer (regional)",
        "Learning and filling skill gaps",
        "Experienced callback rate",
        "Experience threshold",
    }
    wrapped = 0
    for label in captions:
        metrics = label.fontMetrics()
        room = label.contentsRect().width()
        assert label.text() == label.full_text
        assert all(metrics.horizontalAdvance(word) <= room for word in label.text().split())
        assert label.height() >= label.heightForWidth(label.width()), label.text()
        wrapped += metrics.horizontalAdvance(label.text()) > room
        assert "…" not in label.toolTip()
    assert wrapped >= 1  # the case this is about: a caption longer than the dock is wide
    # Each value whole and inside the view, beside its slider.
    for key, value in window.whatif.values.items():
        assert value.fontMetrics().horizontalAdvance(value.text()) <= value.width()
        right = value.mapTo(host, value.rect().topRight()).x()
        assert right <= scroll.viewport().width(), key
        slider = window.whatif.sliders[key]
        assert slider.width() >= slider.minimumWidth() > 0


def test_the_window_fits_a_1024_by_700_screen_on_every_tab(window: MainWindow) -> None:
    # The Offers tab's six push buttons (526 px) beside the compensation chart's title, two
    # choices and Export button on one row (433 px), with the what-if dock, kept the window at
    # least 1,141 px wide: a 1024x700 screenshot came out 1141x700.
    window.build_all_tabs()
    window.whatif.ensure_built()
    assert window.whatif_dock.isVisible()
    _settle()
    assert window.minimumSizeHint().width() <= 1024
    window.resize(1024, 700)
    _settle()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        _settle()
        assert window.minimumSizeHint().width() <= 1024, window.tabs.tabText(index)
        assert window.minimumSizeHint().height() <= 700, window.tabs.tabText(index)
        assert (window.width(), window.height()) == (1024, 700), window.tabs.tabText(index)
    # The what-if dock gave the tabs its room (down to its least width) before they shrank.
    assert window.whatif_dock.width() <= window.whatif_dock.minimumSizeHint().width() + 30


def test_narrow_rows_shorten_their_captions_and_move_chart_choices_to_a_second_row(
    window: MainWindow,
) -> None:
    from offer_eval.gui.pages.offers import OffersPage

    page = window.pages[0]
    assert isinstance(page, OffersPage)
    panel, chart = page.positions, page.compensation
    window.resize(1600, 1000)
    _settle()
    assert [b.text() for b in panel.row_buttons] == [b.full_text for b in panel.row_buttons]
    assert panel.left_button.text() == "◀ Move" and not chart.header.two_rows
    assert chart.header.choices.y() == chart.export_button.y()
    window.resize(1024, 700)
    _settle()
    # The table at its least width: the buttons' captions shorten, none is cut, and every
    # button keeps its name, its tooltip and its place in the Tab order.
    least = panel.minimumSizeHint().width()
    page.setSizes([least, page.width() - least])
    _settle()
    assert panel.width() < sum(b.width_for(b.full_text) for b in panel.row_buttons)
    assert panel.left_button.text() == "◀" and panel.add_button.text() == "Add"
    for button in panel.row_buttons:
        assert button.width() >= button.sizeHint().width(), button.text()
        assert button.accessibleName() and button.toolTip()
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    # The charts at their least width: the choices go below the title, whole.
    least = chart.minimumSizeHint().width()
    page.setSizes([page.width() - least, least])
    _settle()
    assert chart.width() < chart.header.one_row_width()
    assert chart.header.two_rows
    choices = chart.header.choices
    assert choices.y() > chart.title_label.y()
    assert choices.width() >= choices.sizeHint().width()
    assert chart.export_button.geometry().right() < chart.header.width()
    assert panel.left_button.text() == "◀ Move"  # the table has its room again
    # Wide again: back as they were.
    window.resize(1600, 1000)
    page.setSizes([900, 600])
    _settle()
    assert not chart.header.two_rows
    assert chart.header.choices.y() == chart.export_button.y()


def test_verdict_captions_are_shortened_with_an_ellipsis_and_whole_in_their_tooltip(
    window: MainWindow,
) -> None:
    # Cards sharing a 1,024-pixel strip cut "Counter-offer that changes the answer" to
    # "Counter-offer that chang" (no ellipsis); the caption now says where it is cut short.
    from offer_eval.gui.eliding_label import FittedLabel

    window.resize(1024, 700)
    window.controller.wait_for_full()
    _settle()
    captions = [c for c in window.verdict.findChildren(FittedLabel) if c.isVisibleTo(window)]
    assert len(captions) == 5
    cut = 0
    for caption in captions:
        shown = caption.text()
        assert caption.fontMetrics().horizontalAdvance(shown) <= caption.width(), shown
        assert caption.accessibleName() == caption.full_text
        if shown != caption.full_text:
            cut += 1
            assert shown.endswith("…") and caption.full_text.startswith(shown[:-1].rstrip())
            assert caption.full_text in caption.toolTip()
    assert cut >= 1  # the counter-offer's caption does not fit a fifth of this strip
    window.resize(1600, 1000)
    _settle()
    for caption in captions:
        assert caption.text() == caption.full_text
        assert caption.toolTip() == ""


@pytest.mark.parametrize("size", [(1024, 700), (1600, 1000)])
def test_the_compensation_chart_keeps_whole_names_and_room_for_its_bars(
    window: MainWindow, size: tuple[int, int]
) -> None:
    # At 1024x700 a three-row legend of "Base …", "Empl…", "Benc…" left the bars 28 pixels of
    # height; the charts' column now scrolls instead, and the pay-cut chart below stays whole.
    from offer_eval.gui.pages.offers import OffersPage

    window.resize(*size)
    window.controller.wait_for_full()
    _settle()
    page = window.pages[0]
    assert isinstance(page, OffersPage)
    chart = page.compensation
    names = [label.text for _sample, label in chart.legend.items]
    assert "Benchmark 25th-75th" in names and "Employer pension" in names
    assert not [name for name in names if "…" in name]
    assert chart.legend.geometry().width() <= chart.view.width()
    assert chart.plot.vb.height() >= chart.least_plot_height == 120
    paycut = page.paycut
    subtitle = paycut.subtitle
    assert paycut.view.height() >= paycut.view.minimumHeight()
    assert paycut.plot.vb.height() >= paycut.least_plot_height == 100
    assert subtitle.isHidden() or subtitle.height() >= subtitle.heightForWidth(subtitle.width())
    assert page.charts_area.verticalScrollBar().isVisible() == (size == (1024, 700))


def test_a_window_opened_small_shows_its_offers_table_from_the_top_left(
    controller: Any, store: Any, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    """The table opens with the first offer's base salary as its current cell, but scrolled to
    its first rows and the current job's column, as a 1024x700 screen once showed it scrolled
    to that cell instead: the results at the top and the job compared against out of sight."""
    made = unshown_window(controller, store)
    try:
        made.resize(962, 645)  # what a 1024x700 screen leaves a window, as opened there
        made.show()
        qtbot.waitExposed(made)
        _settle()
        view = made.positions.view
        current = view.currentIndex()
        assert current.row() == made.positions.model.row_of("base_salary")
        assert current.column() == 1
        assert view.horizontalScrollBar().value() == 0
        assert view.verticalScrollBar().value() == 0
        # And the what-if dock gave the tabs their room, as when a window is narrowed.
        dock = made.whatif_dock
        assert dock.width() <= max(dock.minimumSizeHint().width(), made.width() * 0.2)
    finally:
        close_window(made, monkeypatch)
