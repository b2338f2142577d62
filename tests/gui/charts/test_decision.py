"""The decision charts: criterion colours people can tell apart."""

from __future__ import annotations

import itertools
import math

import pytest

from offer_eval.gui.charts.decision import _colour
from offer_eval.gui.theme import DARK, LIGHT, ChartTheme

# CIE76 colour difference; about 2.3 is just noticeable, and stacked bars read side by side need
# far more. The dark theme once gave two criteria #D9C26A and #DDCC77 (a difference of 4.6).
MIN_DIFFERENCE = 15.0


def _lab(hex_colour: str) -> tuple[float, float, float]:
    """sRGB hex to CIE L*a*b* (D65), the space where distance tracks what people see."""
    digits = hex_colour.lstrip("#")
    red, green, blue = (_linear(int(digits[i : i + 2], 16) / 255) for i in (0, 2, 4))
    x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
    y = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _linear(channel: float) -> float:
    return ((channel + 0.055) / 1.055) ** 2.4 if channel > 0.04045 else channel / 12.92


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_the_first_ten_criterion_colours_are_distinct(theme: ChartTheme) -> None:
    colours = [_colour(theme, index) for index in range(10)]
    closest = min(
        (math.dist(_lab(a), _lab(b)), a, b) for a, b in itertools.combinations(colours, 2)
    )
    assert closest[0] >= MIN_DIFFERENCE, f"{closest[1]} and {closest[2]} look alike"
