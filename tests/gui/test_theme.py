"""The window's look: check boxes stay visible on the dark palette."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QCheckBox, QStyleFactory

from offer_eval.gui.main_window import TAB_APPLICATIONS
from offer_eval.gui.theme import (
    CHECK_OUTLINE_DARK,
    DARK,
    LIGHT,
    ChartTheme,
    VisibleChecksStyle,
    contrast_ratio,
    dark_palette,
)


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


def test_contrast_ratio_matches_the_published_examples() -> None:
    # WCAG's own figures: black on white is 21:1, a colour on itself 1:1, and #767676 is the
    # lightest grey that passes 4.5:1 on white (4.54).
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#3a7bd5", "#3a7bd5") == pytest.approx(1.0)
    assert contrast_ratio("#ffffff", "#767676") == pytest.approx(4.54, abs=0.01)


def _hue(colour: str) -> float:
    return float(QColor(colour).hslHue())


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_application_bars_are_two_distinct_colours_seen_on_the_background(
    theme: ChartTheme,
) -> None:
    # Non-text marks want 3:1 against what is behind them; the dark theme had two blues here
    # (#56B4E9 inside #9AD3F5) and the light theme's sky blue had 2.3:1 on white.
    for colour in (theme.applied, theme.past_cv):
        assert contrast_ratio(colour, theme.background) >= 3.0, colour
    apart = abs(_hue(theme.applied) - _hue(theme.past_cv))
    assert min(apart, 360 - apart) >= 90  # an orange and a blue, not two blues


def test_the_application_charts_take_their_bar_colours_from_the_theme(window: Any) -> None:
    window.tabs.setCurrentIndex(TAB_APPLICATIONS)  # pages are made when first shown
    QApplication.processEvents()
    page = window.pages[TAB_APPLICATIONS]
    for chart in (page.monthly, page.channels):
        for theme in (DARK, LIGHT):
            chart.apply_theme(theme)
            assert chart.sent_bars.opts["brush"].color().name().lower() == theme.applied.lower()
            assert chart.callback_bars.opts["brush"].color().name().lower() == (
                theme.past_cv.lower()
            )


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_verdict_captions_are_readable_text(window: Any, dark: bool) -> None:
    # They were drawn disabled for a muted look: 1.6:1 (#bebebe on #efefef) in the light theme,
    # and a screen reader is told a disabled label is unavailable.
    from PySide6.QtGui import QPalette

    window.verdict.set_dark(dark)
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    palette = dark_palette() if dark else application.style().standardPalette()
    background = palette.color(QPalette.ColorRole.Window).name()
    captions = [card[0] for card in window.verdict._cards.values()]
    assert captions
    for caption in captions:
        assert caption.isEnabled()
        colour = caption.palette().color(QPalette.ColorRole.WindowText).name()
        assert contrast_ratio(colour, background) >= 4.5, (caption.text(), colour, background)


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_the_compensation_stacks_base_salary_and_employer_pension_apart(theme: ChartTheme) -> None:
    # The employer pension (series 4) sits on the base salary (series 0) in the compensation
    # chart's stacks; the dark theme's two blues were 1.4:1 apart and hard to tell there.
    assert contrast_ratio(theme.series_color(0), theme.series_color(4)) >= 2.0
    assert contrast_ratio(theme.series_color(0), theme.background) >= 3.0
