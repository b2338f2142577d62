"""The side-by-side editor with its buttons, and what every editable table shares.

Tables are one Tab stop each (arrow keys move between cells, as in the WAI-ARIA grid pattern), so
Tab walks through the window's inputs instead of through every cell.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from offer_eval.core.errors import InvalidValueError
from offer_eval.editing.edits import add_offer, duplicate_offer, move_offer, remove_offer
from offer_eval.gui import dialogs
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.delegates import FieldDelegate
from offer_eval.gui.forms import PROBLEM_STYLE
from offer_eval.gui.plain_text import PlainLabel
from offer_eval.gui.positions_model import PositionsModel
from offer_eval.present.labels import display_names


def make_button(text: str, name: str, tip: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setToolTip(tip)
    button.clicked.connect(slot)
    return button


class RowButton(QToolButton):
    """A button of a row that shows a shorter caption ("◀" for "◀ Move") when the row is narrow.

    A push button is at least 80 pixels wide in this style, whatever its words: the Offers tab's
    six of them side by side were 526 pixels, the least the tab (and so the window) could have.
    A tool button is as wide as its words, and its least width is that of its short caption, so
    the row's least width stays the same whichever caption shows; its owner picks the caption
    once per width band (`PositionsPanel.resizeEvent`). The name for screen readers and the
    tooltip say in full what it does, whichever caption is shown.
    """

    def __init__(self, text: str, short: str, name: str, tip: str, slot: Callable[[], None]):
        super().__init__()
        self.full_text = text
        self.short_text = short
        self.setText(text)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # A tool button's width is fixed to its words; this one may shrink to its short caption.
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # as a push button: Tab and click
        self.setAccessibleName(name)
        self.setToolTip(tip)
        self.clicked.connect(slot)

    def width_for(self, text: str) -> int:
        """The button's width showing `text` (its size hint less the words it now shows)."""
        metrics = self.fontMetrics()
        return (
            super().sizeHint().width()
            - metrics.horizontalAdvance(self.text())
            + metrics.horizontalAdvance(text)
        )

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.width_for(self.short_text), super().sizeHint().height())

    def show_short(self, short: bool) -> None:
        text = self.short_text if short else self.full_text
        if self.text() != text:
            self.setText(text)


def make_table(name: str) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # measuring every cell would cost
    rows.setDefaultSectionSize(view.fontMetrics().height() + 8)  # each edit a full pass
    view.setWordWrap(False)
    view.setCornerButtonEnabled(False)  # "select all" means nothing with one cell selected
    name_corner(view)
    return view


def name_corner(view: QTableView) -> None:
    """The table's corner button (hidden from use, but still a widget) gets a name too."""
    for button in view.findChildren(QAbstractButton):
        button.setAccessibleName(f"Corner: {view.accessibleName()}")


class ProblemLabel(PlainLabel):
    """The reason the last value was refused, shown right under the table."""

    def __init__(self, name: str) -> None:
        super().__init__("")
        self.setWordWrap(True)
        self.setStyleSheet(PROBLEM_STYLE)
        self.setAccessibleName(f"Problem: {name}")
        self.hide()

    @Slot(str)
    def show_text(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    @Slot()
    def clear_text(self) -> None:
        self.show_text("")


class PositionsPanel(QWidget):
    """The side-by-side editor: positions as columns (current first), fields as rows."""

    negotiation_requested = Signal(str)  # offer id

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.model = PositionsModel(controller, self)
        self.view = make_table("Table: Side-by-side editor")
        self.view.setModel(self.model)
        self.delegate = FieldDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        # Wide enough for a figure and its difference ("£47,850  -£10,910"); more offers than fit
        # scroll sideways rather than cut every figure short.
        header.setMinimumSectionSize(
            self.view.fontMetrics().horizontalAdvance("£188,888  -£88,888") + 20
        )
        self.problem = ProblemLabel("Side-by-side editor")
        self.delegate.problem.connect(self.problem.show_text)
        self.model.edit_rejected.connect(self.problem.show_text)
        self.model.edit_accepted.connect(self.problem.clear_text)

        self.empty_hint = PlainLabel(
            "No offers yet. Press “Add offer” and type in what you were offered: base salary first."
        )
        self.empty_hint.setWordWrap(True)
        self.add_button = RowButton(
            "Add offer", "Add", "Add offer", "Add a blank offer to compare (Ctrl+Shift+N)", self.add
        )
        self.duplicate_button = RowButton(
            "Duplicate",
            "Duplicate",
            "Duplicate offer",
            "Copy the selected offer, to try a variation",
            self.duplicate,
        )
        self.remove_button = RowButton(
            "Remove", "Remove", "Remove offer", "Remove the selected offer", self.remove
        )
        self.left_button = RowButton(
            "◀ Move",
            "◀",
            "Move offer left",
            "Move the selected offer left",
            lambda: self.move_offer(-1),
        )
        self.right_button = RowButton(
            "Move ▶",
            "▶",
            "Move offer right",
            "Move the selected offer right",
            lambda: self.move_offer(1),
        )
        self.negotiation_button = RowButton(
            "Negotiation…",
            "Negotiation…",
            "Negotiation history",
            "The selected offer's negotiation: as offered, countered and final",
            self._request_negotiation,
        )
        self._buttons = QHBoxLayout()
        self.row_buttons = (
            self.add_button,
            self.duplicate_button,
            self.remove_button,
            self.left_button,
            self.right_button,
            self.negotiation_button,
        )
        for button in self.row_buttons:
            self._buttons.addWidget(button)
        self._buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._buttons)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.problem)

        self.view.selectionModel().currentChanged.connect(self._sync_buttons)
        self.model.modelReset.connect(self._sync_buttons)
        controller.structure_changed.connect(self._sync_buttons)
        self._sync_buttons()
        base_row = self.model.row_of("base_salary")
        if base_row >= 0 and self.model.columnCount() > 1:
            # Current, not scrolled to: a view made current before it shows scrolls there when
            # it does, which in a small window hides the results at the top and the current
            # job's column.
            self.view.setAutoScroll(False)
            self.view.setCurrentIndex(self.model.index(base_row, 1))
            self.view.setAutoScroll(True)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Short captions on the buttons when the full ones do not fit side by side (chosen
        here, once per resize, never by the layout: the row's least width is the same for
        both)."""
        super().resizeEvent(event)
        if event.size().width() == event.oldSize().width():
            return
        spacing = max(0, self._buttons.spacing())
        full = sum(b.width_for(b.full_text) + spacing for b in self.row_buttons) - spacing
        short = self.width() < full
        for button in self.row_buttons:
            button.show_short(short)

    def selected_offer(self) -> str | None:
        """The offer whose column has the current cell; None for the current job."""
        index = self.view.currentIndex()
        if not index.isValid() or index.column() == 0:
            return None
        return self.model.position_id(index.column())

    @Slot()
    def _sync_buttons(self) -> None:
        offers = self._controller.scenario.offers
        selected = self.selected_offer()
        self.empty_hint.setVisible(not offers)
        ids = [o.id for o in offers]
        position = ids.index(selected) if selected in ids else -1
        for button in (self.duplicate_button, self.remove_button, self.negotiation_button):
            button.setEnabled(selected in ids)
        self.left_button.setEnabled(position > 0)
        self.right_button.setEnabled(0 <= position < len(offers) - 1)

    def _select(self, offer_id: str, key: str = "base_salary") -> None:
        column = self.model.column_of(offer_id)
        row = self.model.row_of(key)
        if column >= 0 and row >= 0:
            index = self.model.index(row, column)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        self._sync_buttons()

    @Slot()
    def add(self) -> None:
        try:
            scenario, offer_id = add_offer(self._controller.scenario)
        except InvalidValueError as error:  # the most offers a comparison holds
            dialogs.show_error(self, "Cannot add an offer", error.rule.capitalize() + ".")
            return
        self._controller.edit(scenario, "Add offer")
        self._select(offer_id, "name")

    @Slot()
    def duplicate(self) -> None:
        offer_id = self.selected_offer()
        if offer_id is None:
            return
        try:
            scenario, new_id = duplicate_offer(self._controller.scenario, offer_id)
        except InvalidValueError as error:
            dialogs.show_error(self, "Cannot duplicate the offer", error.rule.capitalize() + ".")
            return
        self._controller.edit(
            scenario, f"Duplicate {display_names(self._controller.scenario)[offer_id]}"
        )
        self._select(new_id)

    @Slot()
    def remove(self) -> None:
        offer_id = self.selected_offer()
        if offer_id is None:
            return
        name = display_names(self._controller.scenario)[offer_id]
        self._controller.edit(remove_offer(self._controller.scenario, offer_id), f"Remove {name}")
        self._sync_buttons()

    def move_offer(self, delta: int) -> None:
        offer_id = self.selected_offer()
        if offer_id is None:
            return
        key = self.model.row(self.view.currentIndex().row()).key
        name = display_names(self._controller.scenario)[offer_id]
        self._controller.edit(
            move_offer(self._controller.scenario, offer_id, delta),
            f"Move {name} {'left' if delta < 0 else 'right'}",
        )
        self._select(offer_id, key)

    def _request_negotiation(self) -> None:
        offer_id = self.selected_offer()
        if offer_id is not None:
            self.negotiation_requested.emit(offer_id)
