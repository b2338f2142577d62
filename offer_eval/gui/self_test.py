"""Render every chart of a window to an image and check that each drew something (the self-test)."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from offer_eval.gui.charts.base import ChartPanel
from offer_eval.gui.main_window import TAB_TITLES, MainWindow

MIN_INK_SHARE = 0.01  # at least 1% of a chart's pixels must differ from its background


def ink_pixels(image: QImage, background: QColor) -> int:
    """How many pixels of `image` differ clearly from `background`."""
    converted = image.convertToFormat(QImage.Format.Format_RGB32)
    width, height = converted.width(), converted.height()
    if width == 0 or height == 0:
        return 0
    pixels = np.frombuffer(converted.constBits(), dtype=np.uint8).reshape(
        height, converted.bytesPerLine()
    )
    rgb = pixels[:, : width * 4].reshape(height, width, 4)[:, :, :3].astype(np.int16)
    wanted = np.array([background.blue(), background.green(), background.red()], dtype=np.int16)
    return int((np.abs(rgb - wanted).sum(axis=2) > 24).sum())


def render_charts(window: MainWindow) -> tuple[dict[str, int], list[str]]:
    """Show each tab, draw its charts and count their ink; problems name every blank chart."""
    window.build_all_tabs()
    counts: dict[str, int] = {}
    problems: list[str] = []
    for index in range(len(TAB_TITLES)):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        for chart in window.charts:
            if chart.isVisible() and chart.title not in counts:
                counts[chart.title], problem = _check(chart)
                if problem:
                    problems.append(problem)
    for chart in window.charts:
        if chart.title not in counts:
            problems.append(f"{chart.title}: never shown")
    window.tabs.setCurrentIndex(0)
    return counts, problems


def _check(chart: ChartPanel) -> tuple[int, str | None]:
    chart.refresh()
    image = chart.view.grab().toImage()
    ink = ink_pixels(image, QColor(chart.theme.background))
    total = max(image.width() * image.height(), 1)
    if not chart.has_data():
        return ink, f"{chart.title}: no data drawn"
    if ink < total * MIN_INK_SHARE:
        return ink, f"{chart.title}: blank ({ink} of {total} pixels drawn)"
    return ink, None
