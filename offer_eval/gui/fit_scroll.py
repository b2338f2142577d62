"""Scroll areas for tabs whose charts need more height than a small window leaves them."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QStyle, QWidget


class FitScrollArea(QScrollArea):
    """A scroll area whose content is exactly as tall as the view, or its minimum if taller.

    A plain resizable scroll area sizes its content by the content's preferred size, which for
    charts is generous: the first row of charts would run past the bottom of the view with the
    second out of sight, their axes cut off, even where both rows fit.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def fit(self) -> None:
        content = self.widget()
        if content is None:
            return
        viewport = self.viewport().size()
        least = content.minimumSizeHint()
        width = viewport.width()
        if least.height() > viewport.height():  # a vertical scroll bar will take its width
            width -= self.verticalScrollBar().sizeHint().width()
        content.resize(max(width, least.width()), max(least.height(), viewport.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.fit()


def vertical_scroller(content: QWidget, scroller: QScrollArea | None = None) -> QScrollArea:
    """A frameless scroll area over `content` (`scroller`, set up so, or a new one), which
    takes the view's width and, above its least height, the view's height: below that least
    height the tab scrolls up and down, never sideways."""
    scroller = QScrollArea() if scroller is None else scroller
    scroller.setWidgetResizable(True)
    scroller.setFrameShape(QFrame.Shape.NoFrame)
    scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroller.setWidget(content)
    return scroller


class ColumnScroller(QScrollArea):
    """`vertical_scroller`'s kind of area for one column of a splitter: it asks for its
    content's least width (and room for the scroll bar), so that the splitter beside it never
    narrows the content under that width where it would be cut off on the right."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        vertical_scroller(content, self)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is None:
            return hint
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        least = content.minimumSizeHint().width() + bar + 2 * self.frameWidth()
        return QSize(max(hint.width(), least), hint.height())
