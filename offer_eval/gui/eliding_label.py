"""A one-line label that, when its text is too wide, ends at a whole word with an ellipsis.

Qt cuts a label's text at its right edge, often mid-word: the verdict strip showed an offer named
"ML Engineer (regional)" as "ML Engineer (regiona" in a 1024-pixel window, which reads like a
typo. This label shows as many whole words as fit, then "…", and keeps every word in its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QWidget

from offer_eval.gui.plain_text import PlainLabel, plain_tooltip

ELLIPSIS = "…"
# Left at the end of a cut they would dangle: "ML Engineer (…", "£56,385 from…" is kept.
_TRAILING = " ,;:([{–-/&"


NAME_FILL = 0.5  # a name's whole words must fill this share of the room, else it is cut mid-word


def elide_at_word(text: str, metrics: QFontMetrics, width: int, min_fill: float) -> str:
    """`text` if it fits in `width` pixels, else its longest run of whole words that fits with
    an ellipsis after it.

    Whole words unless they fill less than `min_fill` of the room: "ML…" in the room for "ML
    Engin…" says less than the cut word, so then (and for a first word too long on its own) the
    text is cut where it must be, as Qt elides.
    """
    if width <= 0 or metrics.horizontalAdvance(text) <= width:
        return text
    end = len(text)
    while (end := text.rfind(" ", 0, end)) > 0:
        head = text[:end].rstrip(_TRAILING)
        shown = metrics.horizontalAdvance(head + ELLIPSIS)
        if head and shown <= width:
            if shown >= min_fill * width:
                return head + ELLIPSIS
            break
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


class ElidingLabel(PlainLabel):
    """Plain text on one line, shortened at a word boundary to the label's width.

    `text()` is the whole text (what was set); `shown_text()` what is drawn. When they differ the
    tooltip holds the whole text, else the label has no tooltip of its own (its parent's shows).
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        self._full = ""
        super().__init__(text, parent)

    def setText(self, text: str) -> None:  # noqa: N802
        self._full = text
        self._elide()

    def text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        return super().text()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a bolder, larger font takes more room
            self._elide()

    def _elide(self) -> None:
        shown = elide_at_word(
            self._full, self.fontMetrics(), self.contentsRect().width(), NAME_FILL
        )
        if super().text() != shown:
            super().setText(shown)
        tip = plain_tooltip(self._full) if shown != self._full else ""
        if self.toolTip() != tip:
            self.setToolTip(tip)


class FittedLabel(PlainLabel):
    """One line shortened with an ellipsis to a width its owner gives (`fit`), tooltip whole.

    Unlike `ElidingLabel` it never re-words itself on a resize: its owner calls `fit` from its
    own resize event, once per change of width. Its size hint is that of the whole text (or a
    fixed width, `hint_chars`), so shortening it never changes what the layout asks for (a label
    that re-worded itself to its width and then asked for that width made the layout go round
    again); its least width is `least_chars` characters, so a long text does not set the
    window's least width. `full_text` is the whole text, also the name a screen reader reads.
    """

    def __init__(self, *, least_chars: int, hint_chars: int | None = None) -> None:
        super().__init__()
        self.full_text = ""
        self._least_chars = least_chars
        self._hint_chars = hint_chars
        self._hint = QSize(0, 0)
        self._fitted_to = -1  # the width the shown text was made for
        self._tip = ""

    def set_full_text(self, text: str, tooltip: str = "") -> None:
        """The whole text (shown whole until the next `fit`); `tooltip` shown when it is whole,
        and after the whole text when it is cut short."""
        if (text, tooltip) == (self.full_text, self._tip):
            return
        self.full_text, self._tip = text, tooltip
        self._fitted_to = -1
        self.setText(text)
        self.setToolTip(plain_tooltip(tooltip))
        self._hint = super().sizeHint()
        if self._hint_chars is not None:
            self._hint.setWidth(self.fontMetrics().averageCharWidth() * self._hint_chars)
        self.setAccessibleName(text)
        self.updateGeometry()

    def fit(self, width: int) -> None:
        """The whole text if it fits in `width` pixels, else its start and "…"; nothing to do
        when it was last fitted to the same width."""
        if width == self._fitted_to:
            return
        self._fitted_to = width
        metrics = self.fontMetrics()
        shown = self.full_text
        if metrics.horizontalAdvance(shown) > width:
            shown = metrics.elidedText(shown, Qt.TextElideMode.ElideRight, width)
        if super().text() != shown:
            self.setText(shown)
        tip = self._tip
        if shown != self.full_text:
            tip = self.full_text + (f"\n\n{tip}" if tip else "")
        if self.toolTip() != plain_tooltip(tip):
            self.setToolTip(plain_tooltip(tip))

    def sizeHint(self) -> QSize:  # noqa: N802
        return self._hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.fontMetrics().averageCharWidth() * self._least_chars, self._hint.height())
