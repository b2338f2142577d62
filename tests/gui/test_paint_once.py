"""Charts redrawn by one edit show in one repaint of the window, and only those charts repaint."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from offer_eval.gui.charts.base import ChartPanel
from offer_eval.gui.main_window import TAB_DECISION, TAB_TRAJECTORY, MainWindow


class _Passes(QObject):
    """Numbers the window's update requests and notes in which one each chart painted."""

    def __init__(self, window: MainWindow, charts: list[ChartPanel]) -> None:
        super().__init__()
        self.requests = 0
        self.painted: dict[str, list[int]] = {chart.title: [] for chart in charts}
        self._titles = {chart.view.viewport(): chart.title for chart in charts}
        window.installEventFilter(self)
        for viewport in self._titles:
            viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.UpdateRequest:
            self.requests += 1
        elif event.type() == QEvent.Type.Paint and watched in self._titles:
            self.painted[self._titles[watched]].append(self.requests)
        return False


def _drag(window: MainWindow, tab: int, key_start: str, qtbot: Any) -> tuple[list[ChartPanel], Any]:
    """The tab shown and settled, a what-if slider held down and moved once (as a drag starts)."""
    window.build_tab(tab)
    window.tabs.setCurrentIndex(tab)
    window.whatif.ensure_built()
    window.controller.wait_for_full()
    for _ in range(5):
        QApplication.processEvents()
    slider = next(s for key, s in window.whatif.sliders.items() if key.startswith(key_start))
    slider.setSliderDown(True)
    slider.setValue(slider.minimum() + 3)
    qtbot.wait(300)  # the window settles: its timers have fired, its layout is done
    return [chart for chart in window.charts if chart.isVisible()], slider


def _step(
    window: MainWindow, charts: list[ChartPanel], slider: Any, qtbot: Any
) -> tuple[list[str], _Passes]:
    """One more step of the drag; the titles of the charts it redrew and the passes they painted in."""
    passes = _Passes(window, charts)
    before = {chart.title: chart.refresh_count for chart in charts}
    slider.setValue(slider.value() + 1)
    redrawn = [c.title for c in charts if c.refresh_count != before[c.title]]
    qtbot.waitUntil(lambda: all(passes.painted[title] for title in redrawn), timeout=2000)
    for _ in range(5):
        QApplication.processEvents()
    return redrawn, passes


@pytest.mark.parametrize(
    ("tab", "slider"), [(TAB_DECISION, "offer:"), (TAB_TRAJECTORY, "search.callback_rate_novice")]
)
def test_the_charts_a_drag_step_redraws_paint_in_one_pass(
    window: MainWindow, tab: int, slider: str, qtbot: Any
) -> None:
    charts, held = _drag(window, tab, slider, qtbot)
    assert len(charts) >= 2
    redrawn, passes = _step(window, charts, held, qtbot)
    assert len(redrawn) >= 2  # else there would be nothing to paint together
    # Each redrawn chart painted once, all in the same repaint of the window.
    assert all(len(passes.painted[title]) == 1 for title in redrawn), passes.painted
    assert len({passes.painted[title][0] for title in redrawn}) == 1, passes.painted
    # A chart the step did not change is not painted again.
    assert all(not passes.painted[c.title] for c in charts if c.title not in redrawn)


def test_a_chart_closed_before_its_scene_is_painted_is_left_out(qapp: Any) -> None:
    from shiboken6 import delete

    from offer_eval.gui.charts.paint_once import scene_painter

    chart = ChartPanel("Gone")
    scene_painter().redrawing(chart.view)
    delete(chart)
    QApplication.processEvents()  # the queued flush runs and skips the deleted view
    scene_painter().flush()
