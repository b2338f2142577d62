"""A chart's title row: the title, the chart's choices and its Export button.

Side by side, the compensation chart's title, two choices and Export button are 433 pixels, and
that width was the least the Offers tab, and so the window, could have: on a 1,024-pixel screen
the window did not fit. Here a chart narrower than the whole row shows its choices on a second
row of their own, under the title; the row's least width is the wider of the title with its
Export button and the choices.

The choices move only when the width crosses that line, in this widget's own resize event: no
height-for-width layout (which makes Qt work out heights across the whole window on every
relayout, and paused the window while documents opened), and moving them never changes the
width this widget asks for, so a move cannot bring another.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget


class ChartHeader(QWidget):
    """The title, then (right-aligned) the choices in `options` and the Export button."""

    def __init__(
        self,
        title: QLabel,
        options: QHBoxLayout,
        export_button: QToolButton,
        view: QWidget,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # False: the view's least height is its chart's to set (a whole legend's, `LegendFit`).
        self.steady_height = True
        self._title = title
        self._export = export_button
        self._view = view
        self._view_least = -1  # the chart's least height for its plot, on one row
        options.setContentsMargins(0, 0, 0, 0)
        # The choices live in a widget of their own, so that they move between rows as one.
        self.choices = QWidget()
        self.choices.setLayout(options)
        self._top = QHBoxLayout()
        self._top.setContentsMargins(0, 0, 0, 0)
        self._top.addWidget(title)
        self._top.addStretch(1)
        self._top.addWidget(self.choices)
        self._top.addWidget(export_button)
        self._second = QHBoxLayout()
        self._second.setContentsMargins(0, 0, 0, 0)
        self._second.addStretch(1)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(2)
        self._column.addLayout(self._top)
        self._column.addLayout(self._second)
        self.two_rows = False

    def _gap(self) -> int:
        spacing = self._top.spacing()
        return spacing if spacing >= 0 else 6

    def one_row_width(self) -> int:
        """The width the title, the choices and the Export button need side by side."""
        parts = (self._title, self.choices, self._export)
        return sum(part.sizeHint().width() for part in parts) + 2 * self._gap()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """The same on one row or two: the title with its Export button, or the choices."""
        title_row = (
            self._title.minimumSizeHint().width()
            + self._gap()
            + self._export.minimumSizeHint().width()
        )
        return QSize(
            max(title_row, self.choices.sizeHint().width()), super().minimumSizeHint().height()
        )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.place_choices()

    def place_choices(self) -> None:
        """On the title's row if everything fits there, else on a row of their own."""
        two_rows = self.width() < self.one_row_width()
        if two_rows == self.two_rows:
            return
        self.two_rows = two_rows
        if not self.steady_height:
            self._move_choices(two_rows)
            return
        if self._view_least < 0:
            self._view_least = self._view.minimumHeight()
        # The second row comes out of the plot's least height, so that the chart's least height
        # is the same on one row or two: at 1024x700 the Offers tab's two charts otherwise made
        # the window taller than the screen.
        row = self.choices.sizeHint().height() + self._column.spacing()
        self._move_choices(two_rows)
        if two_rows:
            self._view.setMinimumHeight(max(self._view_least // 2, self._view_least - row))
        else:
            self._view.setMinimumHeight(self._view_least)

    def _move_choices(self, two_rows: bool) -> None:
        if two_rows:
            self._top.removeWidget(self.choices)
            self._second.addWidget(self.choices)
        else:
            self._second.removeWidget(self.choices)
            self._top.insertWidget(2, self.choices)
