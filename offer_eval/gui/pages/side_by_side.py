"""The side-by-side tab: the report's money table, one column per position, read-only.

Pay, take-home, what is left to live on, the change against the current job and the market,
row by row under the same labels as the text report and the workbook's Summary (both come from
`present.side_by_side`). Figures are worked out, so nothing here is editable: the Offers tab
holds the inputs.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from offer_eval.core.evaluate import Evaluation
from offer_eval.gui.charts.base import ChartPanel
from offer_eval.gui.plain_text import PlainLabel, plain_tooltip
from offer_eval.gui.positions_model import wrap_label
from offer_eval.gui.tables import name_corner
from offer_eval.present.labels import display_names
from offer_eval.present.side_by_side import SideRow, side_by_side_rows

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class SideBySideModel(QAbstractTableModel):
    """Rows of `present.side_by_side` as a table: labels as row headers, positions as columns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[SideRow, ...] = ()
        self._names: list[str] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_evaluation(self, evaluation: Evaluation) -> None:
        """New figures; the table keeps its shape (and scroll position) when only they change."""
        rows = side_by_side_rows(evaluation)
        names = display_names(evaluation.scenario)
        columns = [names[item.position_id] for item in evaluation.positions]
        if _shape(rows) == _shape(self._rows) and columns == self._names:
            changed = changed_cells(self._rows, rows)
            self._rows = rows
            # Only the cells whose words changed: a slider step moves one offer's column, and
            # a signal over the whole table makes the view lay out and repaint every cell.
            for row, first, last in changed:
                self.dataChanged.emit(
                    self.index(row, first), self.index(row, last), [Qt.ItemDataRole.DisplayRole]
                )
            return
        self.beginResetModel()
        self._rows, self._names = rows, columns
        self.endResetModel()

    def row(self, number: int) -> SideRow:
        return self._rows[number]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._names)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        value = row.values[index.column()] if index.column() < len(row.values) else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and row.total:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and row.help:
            return plain_tooltip(f"{self._names[index.column()]}\n{row.help}")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.label}: {self._names[index.column()]}"
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = 0
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._names):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return wrap_label(self._names[section], 22)
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(self._names[section])
            return None
        if not 0 <= section < len(self._rows):
            return None
        row = self._rows[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.help or None
        if role == Qt.ItemDataRole.FontRole and (row.is_heading or row.total):
            return self._bold
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _shape(rows: tuple[SideRow, ...]) -> list[tuple[str, str, bool, int]]:
    """What a row is apart from its figures: its name, help, weight and number of cells."""
    return [(r.label, r.help, r.total, len(r.values)) for r in rows]


def changed_cells(old: tuple[SideRow, ...], new: tuple[SideRow, ...]) -> list[tuple[int, int, int]]:
    """(row, first column, last column) of each run of neighbouring cells whose words differ
    between two tables of the same shape."""
    spans: list[tuple[int, int, int]] = []
    for number, (before, after) in enumerate(zip(old, new, strict=True)):
        if before.values == after.values:
            continue
        start = None
        for column, (a, b) in enumerate(zip(before.values, after.values, strict=True)):
            if a != b and start is None:
                start = column
            elif a == b and start is not None:
                spans.append((number, start, column - 1))
                start = None
        if start is not None:
            spans.append((number, start, len(after.values) - 1))
    return spans


class SideBySidePage(QWidget):
    """Every position's money figures in one read-only table, refreshed only while shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SideBySideModel(self)
        self.view = QTableView()
        self.view.setObjectName("side_by_side")
        self.view.setAccessibleName("Table: Side by side")
        self.view.setTabKeyNavigation(False)  # Tab moves on to the next control
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        # Rows are one line each: measured when the table changes shape (or font), not on
        # every change of a figure, which would measure every cell of the table again.
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        horizontal = self.view.horizontalHeader()
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        horizontal.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        note = PlainLabel("Worked out from the figures on the Offers tab: change them there.")
        note.setWordWrap(True)
        note.setEnabled(False)  # the palette's muted text colour
        name_corner(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 1)
        layout.addWidget(note)
        self._pending: Evaluation | None = None

    @property
    def charts(self) -> tuple[ChartPanel, ...]:
        return ()

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """Cheap on every slider step: the table is filled only while it is on screen."""
        self._pending = evaluation
        if self.isVisible():
            self._refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._refresh()

    def _refresh(self) -> None:
        evaluation, self._pending = self._pending, None
        if evaluation is None:
            return
        shape = (self.model.rowCount(), self.model.columnCount())
        self.model.set_evaluation(evaluation)
        if shape != (self.model.rowCount(), self.model.columnCount()):
            self._fit_rows()
            self._fit_columns()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_rows()

    def _fit_rows(self) -> None:
        """Each row as tall as its words (a bold total may need a pixel more)."""
        self.view.resizeRowsToContents()

    def _fit_columns(self) -> None:
        """Columns share the width evenly, never narrower than their widest figure or name.

        The header stretches its sections to fill the view; below the least width a column
        needs, the table scrolls sideways instead of cutting figures.
        """
        count = self.model.columnCount()
        if count == 0:
            return
        header = self.view.horizontalHeader()
        least = max(
            max(self.view.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(count)
        )
        header.setMinimumSectionSize(least)
