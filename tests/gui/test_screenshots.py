"""Screenshots of the main window and each tab, light and dark, with every plot area checked.

The PNGs go to tests/_artifacts/screenshots/ (not committed) for people to look at. With
OFFER_EVAL_UPDATE_README_SHOT=1 the light main window also replaces
resources/screenshots/main-window.png, the picture in the README (a plain test run never changes
a committed file).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from offer_eval.gui.main_window import TAB_OFFERS, TAB_TITLES, MainWindow
from offer_eval.gui.self_test import MIN_INK_SHARE, ink_pixels

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "_artifacts" / "screenshots"
README_SHOT = ROOT / "resources" / "screenshots" / "main-window.png"


def _settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def _check_plots(window: MainWindow) -> dict[str, int]:
    inks: dict[str, int] = {}
    for chart in window.charts:
        if not chart.isVisible():
            continue
        image = chart.view.grab().toImage()
        ink = ink_pixels(image, QColor(chart.theme.background))
        assert chart.has_data(), f"{chart.title}: nothing drawn"
        assert ink >= image.width() * image.height() * MIN_INK_SHARE, f"{chart.title}: blank"
        inks[chart.title] = ink
    return inks


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_every_tab(window: MainWindow, scheme: str) -> None:
    assert QFontDatabase.families(), "no fonts: install fonts-dejavu-core"
    hints = QGuiApplication.styleHints()
    if scheme == "dark":
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    try:
        window.resize(1440, 900)
        window.build_all_tabs()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        drawn: dict[str, int] = {}
        for index, title in enumerate(TAB_TITLES):
            window.tabs.setCurrentIndex(index)
            _settle()
            drawn.update(_check_plots(window))
            picture = window.grab()
            assert not picture.isNull()
            picture.save(str(ARTIFACTS / f"{scheme}-{index}-{title.lower()}.png"))
        assert set(drawn) == {chart.title for chart in window.charts}, "every chart was shown"
        window.tabs.setCurrentIndex(TAB_OFFERS)
        _settle()
        main = window.grab()
        main.save(str(ARTIFACTS / f"{scheme}-main-window.png"))
        if scheme == "light" and os.environ.get("OFFER_EVAL_UPDATE_README_SHOT") == "1":
            README_SHOT.parent.mkdir(parents=True, exist_ok=True)
            assert main.save(str(README_SHOT))
    finally:
        if scheme == "dark":
            hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
