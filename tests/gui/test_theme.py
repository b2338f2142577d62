"""The window's look: check boxes stay visible on the dark palette."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QCheckBox, QStyleFactory

from offer_eval.gui.theme import CHECK_OUTLINE_DARK, VisibleChecksStyle, dark_palette


def _outline_pixels(box: QCheckBox) -> int:
    """Pixels of the outline colour in the indicator's square (left of the text)."""
    image = box.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    want = QColor(CHECK_OUTLINE_DARK)
    count = 0
    for y in range(image.height()):
        for x in range(min(image.width(), image.height() + 2)):
            pixel = QColor(image.pixel(x, y))
            if (
                abs(pixel.red() - want.red()) <= 16
                and abs(pixel.green() - want.green()) <= 16
                and abs(pixel.blue() - want.blue()) <= 16
            ):
                count += 1
    return count


def test_an_unchecked_box_has_a_visible_outline_on_the_dark_palette(qapp: Any) -> None:
    fusion = QStyleFactory.create("Fusion")
    outlined = VisibleChecksStyle("Fusion")
    counts = {}
    for name, style in (("fusion", fusion), ("outlined", outlined)):
        box = QCheckBox("Plan 1")
        box.setStyle(style)
        box.setPalette(dark_palette())
        box.resize(box.sizeHint())
        counts[name] = _outline_pixels(box)
    assert counts["fusion"] < 4, counts  # the problem this style fixes
    assert counts["outlined"] >= 20, counts


def test_the_main_window_installs_the_style_once(window: Any) -> None:
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    assert isinstance(application.style(), VisibleChecksStyle)
