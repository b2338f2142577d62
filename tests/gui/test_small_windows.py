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
from offer_eval.gui.whatif import ElidedLabel


def _settle() -> None:
    for _ in range(6):
        QApplication.processEvents()


def _cut_captions(window: MainWindow) -> list[str]:
    captions = window.whatif.findChildren(ElidedLabel)
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


def test_the_whatif_sliders_need_no_sideways_scroll_bar_in_a_small_window(
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
    # Captions cut short keep their first words and every word in their tooltip (where the cut
    # falls is elide_at_word's rule, tested with it).
    captions = {label.full_text: label for label in window.whatif.findChildren(ElidedLabel)}
    novice = captions["Novice callback rate"]
    shown = novice.text()
    assert shown.endswith("…") and "Novice callback rate".startswith(shown[:-1])
    assert "Novice callback rate" in novice.toolTip()
    # Cut short, two captions never read the same (both once showed "Callback…").
    shown_captions = [label.text() for label in captions.values()]
    assert len(set(shown_captions)) == len(shown_captions), shown_captions


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
