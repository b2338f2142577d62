"""A word-wrapped label whose new words ask for a new layout only when they need a new height.

`QLabel.setText` always tells the layouts above it that its size may have changed, and each of
them lays itself out again, measuring the wrapped text several times on the way. A chart whose
subtitle follows a what-if slider ("you keep £620 of the next £1,000...") paid that on every drag
step for a sentence that kept its two lines: two of the take-home tab's seven milliseconds.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from offer_eval.gui.plain_text import PlainLabel

_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
_TALL = 100_000


class WrappedLabel(PlainLabel):
    """Plain words wrapped to the label's width, sized and drawn as a word-wrapped `QLabel` is.

    The words are kept here rather than in `QLabel` (whose `setText` is what re-lays out the
    window): `text()` and `setText()` read and set them, the size hints measure them and
    `paintEvent` draws them with the style's text drawing, as `QLabel` does. Any width may be
    given (the horizontal size policy is Ignored); the height is the wrapped text's.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        QLabel.__init__(self, parent)  # not PlainLabel's: it sets the text before there are words
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._words = ""
        self._sizes: dict[int, QSize] = {}  # by width, for the words shown
        self.setText(text)

    # --- words ------------------------------------------------------------------------------

    def text(self) -> str:
        return self._words

    def setText(self, text: str) -> None:  # noqa: N802
        """Show `text`; the layout is asked for room only when its height at this width changes."""
        if text == self._words:
            return
        width = self.width()
        before = self.heightForWidth(width)
        self._words = text
        self._sizes = {}
        self.setAccessibleName(text)  # what a screen reader reads (QLabel's own text is empty)
        if self.heightForWidth(width) != before:
            self.updateGeometry()
        self.update()

    # --- size -------------------------------------------------------------------------------

    def _size_for_width(self, width: int) -> QSize:
        """The words' box when wrapped to `width` (a negative width: QLabel's own choice, about
        80 average characters, narrower for short words)."""
        size = self._sizes.get(width)
        if size is not None:
            return size
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        extra = margins.left() + margins.right()
        if not self._words:  # as QLabel: nothing to show takes one character's room
            box = QRect(0, 0, metrics.averageCharWidth(), metrics.lineSpacing())
        elif width < 0:
            room = min(metrics.averageCharWidth() * 80, self.maximumWidth()) - extra
            box = metrics.boundingRect(QRect(0, 0, room, _TALL), _FLAGS, self._words)
            if box.height() < 4 * metrics.lineSpacing() and box.width() > room / 2:
                box = metrics.boundingRect(QRect(0, 0, room // 2, _TALL), _FLAGS, self._words)
            if box.height() < 2 * metrics.lineSpacing() and box.width() > room / 4:
                box = metrics.boundingRect(QRect(0, 0, room // 4, _TALL), _FLAGS, self._words)
        else:
            box = metrics.boundingRect(QRect(0, 0, width - extra, _TALL), _FLAGS, self._words)
        size = QSize(
            box.width() + extra, box.height() + margins.top() + margins.bottom()
        ).expandedTo(self.minimumSize())
        self._sizes[width] = size
        return size

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return bool(self._words)

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        if not self._words:
            return -1  # as QLabel: no words, no height that depends on the width
        return self._size_for_width(max(width, 0)).height()

    def sizeHint(self) -> QSize:  # noqa: N802
        return self._size_for_width(-1)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # As QLabel: one line high (at most the hint's height), as wide as the longest word.
        hint = self._size_for_width(-1)
        one_line = self._size_for_width(_TALL).height()
        return QSize(self._size_for_width(0).width(), min(one_line, hint.height()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        self._sizes = {}  # a new font or style measures the words anew
        super().changeEvent(event)

    # --- drawing ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            self.contentsRect(),
            int(self.alignment() | Qt.TextFlag.TextWordWrap),
            self.palette(),
            self.isEnabled(),
            self._words,
            self.foregroundRole(),
        )
