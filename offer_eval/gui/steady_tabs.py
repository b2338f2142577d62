"""A tab widget that repaints itself only when its layout really changes.

Qt lays a widget out again whenever anything inside it asks to (a label given new words does, even
when it keeps its size), and a finished layout always tells its parent its size may have changed.
Such a request climbs from a chart's subtitle through its page to the tab widget, and
`QTabWidget` answers every one by repainting itself whole: on a what-if drag that was the entire
tab area (a million pixels, and the window behind it) for a few changed words, each step.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QTabWidget, QWidget

_Layout = tuple[bool, QSize, QSize, QSize, QSize, QSize, int]


class SteadyTabWidget(QTabWidget):
    """A `QTabWidget` that lets a layout request through only when what it lays out from changed.

    The tab widget places its tab bar and its pages from its own size and their size hints; when
    none of those changed since the last request it laid out, doing it again would put everything
    where it is, repaint the whole tab area and tell the window its size hints changed (they did
    not). Resizes, new tabs and style changes are laid out by Qt directly, as before.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._laid_out: _Layout | None = None

    def _layout_inputs(self) -> _Layout:
        stack = self.findChild(QWidget, "qt_tabwidget_stackedwidget")
        bar = self.tabBar()
        return (
            self.isVisible(),
            self.size(),
            stack.sizeHint() if stack is not None else QSize(),
            stack.minimumSizeHint() if stack is not None else QSize(),
            bar.sizeHint(),
            bar.minimumSizeHint(),
            self.count(),
        )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            inputs = self._layout_inputs()
            if inputs == self._laid_out:
                return True  # nothing it lays out from has changed: nothing to move or repaint
            self._laid_out = inputs
        return super().event(event)
