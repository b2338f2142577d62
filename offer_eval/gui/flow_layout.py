"""A row of buttons that wraps onto a second line when the window is narrow.

A QHBoxLayout of six buttons is as wide as the six side by side, and that width is the least
the whole window can have: the Offers tab's buttons alone kept the window from being narrower
than 1,141 pixels, so on a 1,024-pixel screen it did not fit. Here the least width is that of
the widest item, and a narrow row grows a line instead (the layout reports its height for a
width, so the panel below moves down). The arrangement follows Qt's Flow Layout example.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QStyle, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapping to a new line where the next would not fit.

    `add_break()` ends the group before it: what follows is kept together on the right of the
    line when there is room (as a stretch would put it), and starts its own line when not.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._right_from: int | None = None  # index of the first right-hand item
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # --- QLayout ------------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802  (Qt's name)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        if not 0 <= index < len(self._items):
            return None
        if self._right_from is not None and index < self._right_from:
            self._right_from -= 1
        return self._items.pop(index)

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        """One line: every item side by side."""
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown)
        width += self._gap() * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for item in shown), default=0)
        margins = self.contentsMargins()
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:  # noqa: N802
        """As wide as the widest item: narrower than that, the row wraps."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size.grownBy(margins)

    # --- grouping ---------------------------------------------------------------------------------

    def add_layout(self, layout: QLayout) -> None:
        """A nested layout, kept on one line as a single item."""
        self.addChildLayout(layout)
        self.addItem(layout)

    def add_break(self) -> None:
        """Items added from now on go to the right-hand end of the line (see the class)."""
        self._right_from = len(self._items)

    # --- arrangement ------------------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _gap(self) -> int:
        spacing = self.spacing()
        if spacing >= 0:
            return spacing
        parent = self.parentWidget()
        if parent is None:
            return 6
        return parent.style().pixelMetric(
            QStyle.PixelMetric.PM_LayoutHorizontalSpacing, None, parent
        )

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        """Lay the items out in `rect` (when `place`); the height they take either way.

        The right-hand group keeps together and to the right: on the last line of the others
        when it fits beside them, else on a line of its own below, right-aligned, flowing over
        more lines only when one line is too narrow for it (a caption stays before its field).
        """
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        gap = self._gap()
        split = len(self._items) if self._right_from is None else self._right_from
        left = [item for item in self._items[:split] if not item.isEmpty()]
        right = [item for item in self._items[split:] if not item.isEmpty()]
        lines = self._lines(left, area.width(), gap) or [[]]
        used = self._width(lines[-1], gap)
        right_width = self._width(right, gap)
        rows: list[tuple[list[QLayoutItem], list[QLayoutItem]]] = [(line, []) for line in lines]
        if used + (gap if lines[-1] else 0) + right_width <= area.width():
            rows[-1] = (lines[-1], right)
        elif right_width <= area.width():
            rows.append(([], right))
        else:
            rows += [(line, []) for line in self._lines(right, area.width(), gap)]
        y = area.y()
        for at_left, at_right in rows:
            if not at_left and not at_right:
                continue
            height = max(i.sizeHint().height() for i in at_left + at_right)
            if place:
                self._place_line(at_left, area.x(), y, height, gap)
                x = area.right() + 1 - self._width(at_right, gap)
                self._place_line(at_right, x, y, height, gap)
            y += height + gap
        return max(0, y - gap - area.y()) + margins.top() + margins.bottom()

    @staticmethod
    def _width(items: list[QLayoutItem], gap: int) -> int:
        return sum(i.sizeHint().width() for i in items) + gap * max(0, len(items) - 1)

    @classmethod
    def _lines(cls, items: list[QLayoutItem], width: int, gap: int) -> list[list[QLayoutItem]]:
        """`items` in lines no wider than `width` (an item wider than that has a line alone)."""
        lines: list[list[QLayoutItem]] = []
        line: list[QLayoutItem] = []
        used = 0
        for item in items:
            item_width = item.sizeHint().width()
            if line and used + gap + item_width > width:
                lines.append(line)
                line, used = [], 0
            used += (gap if line else 0) + item_width
            line.append(item)
        if line:
            lines.append(line)
        return lines

    @staticmethod
    def _place_line(items: list[QLayoutItem], x: int, y: int, height: int, gap: int) -> None:
        for item in items:
            hint = item.sizeHint()
            widget = item.widget()
            grows = (
                widget is not None
                and widget.sizePolicy().verticalPolicy() == QSizePolicy.Policy.Expanding
            )
            item_height = height if grows else min(height, hint.height())
            top = y + (height - item_height) // 2
            item.setGeometry(QRect(QPoint(x, top), QSize(hint.width(), item_height)))
            x += hint.width() + gap
