"""An offer's negotiation history (as offered → countered → final), edited as one undoable step.

Figures are in the offer's pay: its base salary, or for a contract its day rate (what a contractor
negotiates; a contract's pay never reads its base salary).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from offer_eval.core.checks import MAX_TEXT
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.models import NegotiationStep, Position
from offer_eval.core.money_text import format_money, parse_money
from offer_eval.gui.forms import PROBLEM_STYLE
from offer_eval.gui.plain_text import PlainLabel, plain_tooltip
from offer_eval.present.pay_terms import is_contract, pay_field, pay_value

STAGES = (("offered", "As offered"), ("countered", "Countered"), ("final", "Final"))


class NegotiationDialog(QDialog):
    """Steps of one offer's negotiation; OK returns them through `steps()`."""

    def __init__(self, offer: Position, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Negotiation: {name}")
        self.setAccessibleName(f"Negotiation: {name}")
        self._name = name
        self._pay = pay_field(offer).label  # "Base salary", or "Day rate" for a contract
        self._contract = is_contract(offer)
        self._rows: list[tuple[QComboBox, QLineEdit, QLineEdit, QLineEdit, QPushButton]] = []
        intro = PlainLabel(
            "Record each figure: what they first offered, what you asked for, what was agreed. "
            "The history stays with the offer and goes into the workbook."
        )
        intro.setWordWrap(True)
        self._grid = QGridLayout()
        self._grid.setColumnStretch(3, 1)  # the note takes the spare width
        for column, title in enumerate(("Stage", self._pay, "Date", "Note")):
            heading = PlainLabel(title)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            self._grid.addWidget(heading, 0, column)
        self.add_button = QPushButton("Add step")
        self.add_button.setAccessibleName(f"Add step: {name}")
        self.add_button.clicked.connect(lambda: self._add_row(None))
        self.apply_final = QCheckBox(f"Use the final figure as this offer's {self._pay.lower()}")
        self.apply_final.setAccessibleName(f"Use final figure: {name}")
        self.apply_final.setChecked(True)
        self.problem = PlainLabel("")
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self._grid)
        layout.addWidget(self.add_button)
        layout.addWidget(self.apply_final)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        for step in offer.negotiation:
            self._add_row(step)
        if not offer.negotiation:
            self._add_row(NegotiationStep("offered", pay_value(offer)))

    def _add_row(self, step: NegotiationStep | None) -> None:
        number = len(self._rows) + 1
        stage = QComboBox()
        for value, label in STAGES:
            stage.addItem(label, value)
        salary, date, note = QLineEdit(), QLineEdit(), QLineEdit()
        char = note.fontMetrics().averageCharWidth()
        salary.setMinimumWidth(char * 14)
        date.setMinimumWidth(date.fontMetrics().horizontalAdvance("e.g. 2026-03-02") + 20)
        note.setMinimumWidth(char * 36)
        salary.setPlaceholderText("450 or £450" if self._contract else "45000, £45,000 or 45k")
        note.setMaxLength(MAX_TEXT)  # what a step's note may hold
        date.setMaxLength(40)
        date.setPlaceholderText("e.g. 2026-03-02")
        remove = QPushButton("Remove")
        for widget, field in (
            (stage, "Stage"),
            (salary, self._pay),
            (date, "Date"),
            (note, "Note"),
            (remove, "Remove"),
        ):
            widget.setAccessibleName(f"{field}: step {number} of {self._name}")
        if step is not None:
            stage.setCurrentIndex(max(0, stage.findData(step.stage)))
            salary.setText(format_money(step.base_salary))
            date.setText(step.date)
            note.setText(step.note)
            note.setCursorPosition(0)  # a long note shows its start
            note.setToolTip(plain_tooltip(step.note))
        elif self._rows:
            stage.setCurrentIndex(min(len(self._rows), 2))
        row = (stage, salary, date, note, remove)
        remove.clicked.connect(lambda: self._remove_row(row))
        line = len(self._rows) + 1
        for column, cell in enumerate(row):
            self._grid.addWidget(cell, line, column)
        self._rows.append(row)

    def _remove_row(
        self, row: tuple[QComboBox, QLineEdit, QLineEdit, QLineEdit, QPushButton]
    ) -> None:
        self._rows.remove(row)
        for widget in row:
            widget.setParent(None)
            widget.deleteLater()

    def steps(self) -> tuple[NegotiationStep, ...]:
        """The steps entered; raises InvalidValueError naming the first bad one."""
        steps: list[NegotiationStep] = []
        for number, (stage, salary, date, note, _remove) in enumerate(self._rows, start=1):
            try:
                amount = parse_money(salary.text(), field=self._pay.lower())
                steps.append(
                    NegotiationStep(stage.currentData(), amount, date.text().strip(), note.text())
                )
            except InvalidValueError as error:
                raise InvalidValueError(f"step {number}", f"{error.field}: {error.rule}") from None
        return tuple(steps)

    def _accept(self) -> None:
        try:
            self.steps()
        except InvalidValueError as error:
            self.problem.setText(str(error))
            self.problem.show()
            return
        self.accept()
