"""Helpers shared by the page tests."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from offer_eval.gui.main_window import TAB_TITLES, MainWindow


def page_shown_at(window: MainWindow, title: str, width: int, height: int) -> QWidget:
    """The tab `title` shown in a window of `width` x `height`, laid out and painted."""
    window.resize(width, height)
    window.tabs.setCurrentIndex(TAB_TITLES.index(title))
    for _ in range(5):
        QApplication.processEvents()
    return window.pages[TAB_TITLES.index(title)]
