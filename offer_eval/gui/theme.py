"""Light and dark colours for charts and the window, following the system's colour scheme.

Chart colours come from the Okabe-Ito palette, which stays distinguishable with the common forms
of colour blindness; cuts always use the same warm red and gains the same blue, with a sign in the
text as well so colour is never the only cue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget


@dataclass(frozen=True, slots=True)
class ChartTheme:
    """Colours one chart needs, as hex strings.

    `applied` and `past_cv` colour the application log's bars: applications sent, and those that
    got past the CV, drawn side by side or one inside the other. They are an orange and a blue
    (two blues were hard to tell apart in the dark theme) and each keeps a contrast of at least 3
    against its theme's background (the light theme's sky blue had 2.3 on white).
    """

    dark: bool
    background: str
    foreground: str
    muted: str
    grid_alpha: float
    series: tuple[str, ...]
    cut: str
    gain: str
    target: str
    benchmark: str
    readout_fill: str
    applied: str
    past_cv: str

    def series_color(self, index: int) -> str:
        return self.series[index % len(self.series)]


LIGHT = ChartTheme(
    dark=False,
    background="#ffffff",
    foreground="#1f2328",
    muted="#6a737d",
    grid_alpha=0.18,
    series=(
        "#0072B2",
        "#E69F00",
        "#009E73",
        "#CC79A7",
        "#56B4E9",
        "#D55E00",
        "#8C6D1F",
        "#999999",
    ),
    cut="#C0392B",
    gain="#0072B2",
    target="#7B3FB5",
    benchmark="#444444",
    readout_fill="#f6f8fa",
    applied="#B86E00",
    past_cv="#0072B2",
)

DARK = ChartTheme(
    dark=True,
    background="#1b1d21",
    foreground="#e6e6e6",
    muted="#9aa4ae",
    grid_alpha=0.22,
    series=(
        # A mid blue, not the sky blue the light theme has at 4: the compensation chart stacks
        # the employer pension (4) on the base salary (0), and the sky blue beside #9AD3F5 was
        # 1.4:1 apart; this is 2.25:1, as the light theme's pair is.
        "#3A8BD0",
        "#F0B040",
        "#2BC79A",
        "#E08CC0",
        "#9AD3F5",
        "#FF8A4C",
        "#D9C26A",
        "#B8B8B8",
    ),
    cut="#FF6B5B",
    gain="#56B4E9",
    target="#C9A0F5",
    benchmark="#cfcfcf",
    readout_fill="#2a2d33",
    applied="#C87A1A",
    past_cv="#56B4E9",
)


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a hex colour: 0 for black, 1 for white."""
    rgb = QColor(colour)
    channels = []
    for value in (rgb.redF(), rgb.greenF(), rgb.blueF()):
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two hex colours, 1 (the same) to 21 (black on white).

    Bars and lines want at least 3 against the chart's background to be seen at all.
    """
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_dark(scheme: Qt.ColorScheme | None = None) -> bool:
    """Whether to draw dark: the scheme the system reports, else the palette's lightness."""
    if scheme is None:
        scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def chart_theme(dark: bool) -> ChartTheme:
    return DARK if dark else LIGHT


def dark_palette() -> QPalette:
    """A dark Fusion palette, for platforms that report a dark scheme but give a light palette."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#25272b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1b1d21",
        QPalette.ColorRole.AlternateBase: "#2a2d33",
        QPalette.ColorRole.ToolTipBase: "#2a2d33",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#8b949e",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#2f3237",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b5b",
        QPalette.ColorRole.Light: "#3a3d43",
        QPalette.ColorRole.Midlight: "#33363b",
        QPalette.ColorRole.Mid: "#2b2e33",
        QPalette.ColorRole.Dark: "#141518",
        QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.Highlight: "#2f6fb3",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#6cb6ff",
        QPalette.ColorRole.LinkVisited: "#b392f0",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7d8590"))
    return palette


def banner_colors(dark: bool) -> tuple[str, str]:
    """(background, text) of the "illustrative example" banner."""
    return ("#4a3b12", "#ffe8a3") if dark else ("#fff4ce", "#3d2e00")


def caption_color(dark: bool) -> str:
    """Muted text for a caption above a figure, still readable: 5.6:1 on the light window
    colour (#efefef), 5.9:1 on the dark one. (The palette's disabled text, used before, had
    1.6:1 in the light theme.)"""
    return "#9aa4ae" if dark else "#57606a"


def cut_gain_colors(dark: bool) -> tuple[QColor, QColor]:
    """(cut, gain) text colours for table cells, readable on the view's base colour."""
    return (
        (QColor("#ff8a7a"), QColor("#79c0ff")) if dark else (QColor("#b42318"), QColor("#0b5cad"))
    )


CHECK_OUTLINE_DARK: Final = "#8b949e"

_CHECKS: Final = (
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
)


class VisibleChecksStyle(QProxyStyle):
    """The platform's style, with check boxes outlined in a dark palette.

    Fusion draws an unchecked box's border a shade darker than the window: on a dark palette it
    is all but invisible against the table or form behind it (seen in the dark screenshots).
    """

    def drawPrimitive(  # noqa: N802
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in _CHECKS and option.palette.color(QPalette.ColorRole.Base).lightness() < 128:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(QColor(CHECK_OUTLINE_DARK))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))  # the indicator's own square
            painter.restore()


def install_visible_checks(application: QApplication) -> None:
    """Wrap the application's style once in `VisibleChecksStyle`."""
    style = application.style()
    if not isinstance(style, VisibleChecksStyle):
        application.setStyle(VisibleChecksStyle(style.name()))
