"""The tab widget repaints for a changed layout, not for every label given new words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QTabWidget, QVBoxLayout, QWidget

from offer_eval.gui.steady_tabs import SteadyTabWidget


class _Paints(QObject):
    """Counts paint events of the widgets it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def _tabs_with_label(kind: type[QTabWidget]) -> tuple[QTabWidget, QWidget, QLabel]:
    tabs = kind()
    page = QWidget()
    label = QLabel("Keeps £620 of the next £1,000")
    label.setWordWrap(True)
    layout = QVBoxLayout(page)
    layout.addWidget(label)
    layout.addWidget(QWidget(), 1)
    tabs.addTab(page, "Take-home")
    tabs.addTab(QWidget(), "Other")
    tabs.resize(600, 400)
    tabs.show()
    _settle()
    return tabs, page, label


def _tab_bar_paints_for_new_words(kind: type[QTabWidget]) -> int:
    tabs, _page, label = _tabs_with_label(kind)
    paints = _Paints()
    tabs.tabBar().installEventFilter(paints)
    for pounds in range(600, 610):
        label.setText(f"Keeps £{pounds} of the next £1,000")
        _settle()
    tabs.close()
    return paints.count


def test_new_words_in_a_page_repaint_only_them(qtbot: Any) -> None:
    # Qt's own tab widget repaints itself whole (its tab bar too) for each new label text: the
    # check can fail, and the steady one never does it.
    assert _tab_bar_paints_for_new_words(QTabWidget) >= 5
    assert _tab_bar_paints_for_new_words(SteadyTabWidget) == 0


def test_a_page_that_needs_more_room_still_gets_it(qtbot: Any) -> None:
    tabs, page, label = _tabs_with_label(SteadyTabWidget)
    before = tabs.minimumSizeHint().height()
    label.setMinimumHeight(before + 150)  # the page now needs more height than the tabs had
    _settle()
    assert tabs.minimumSizeHint().height() >= before + 150
    tabs.resize(600, 1000)
    _settle()
    assert page.height() >= before + 150
    assert label.height() >= before + 150
    tabs.close()


def test_a_renamed_tab_is_laid_out_again(qtbot: Any) -> None:
    tabs, _page, _label = _tabs_with_label(SteadyTabWidget)
    width = tabs.tabBar().tabRect(1).width()
    tabs.setTabText(1, "A much longer title for the second tab")
    _settle()
    assert tabs.tabBar().tabRect(1).width() > width
    assert tabs.tabBar().width() >= tabs.tabBar().tabRect(1).right()
    tabs.close()
