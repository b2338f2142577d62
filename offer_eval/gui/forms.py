"""Form inputs that check what is typed and show the reason for a refusal right beside the field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from offer_eval.core.errors import InvalidValueError
from offer_eval.editing.fields import (
    FieldSpec,
    edit_text,
    format_field_value,
    parse_field_text,
    text_limit,
)
from offer_eval.gui.plain_text import PlainLabel

INVALID_STYLE = "QLineEdit { border: 2px solid #d1242f; }"
PROBLEM_STYLE = "color: #d1242f;"

Checker = Callable[[object], str | None]


class FieldInput(QWidget):
    """One input (line edit, check box or list) with a problem label beside it.

    `committed` carries the parsed value when the user finishes an edit that passes `checker`
    (which returns the reason a value would be refused, or None).
    """

    committed = Signal(object)

    def __init__(self, spec: FieldSpec, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.checker: Checker | None = None
        self._value: object = None
        self.problem = PlainLabel("")
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setWordWrap(True)
        self.problem.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.problem.hide()
        self.input: QLineEdit | QCheckBox | QComboBox
        if spec.kind == "bool":
            box = QCheckBox()
            box.toggled.connect(lambda checked: self._commit(bool(checked)))
            self.input = box
        elif spec.kind == "choice":
            combo = QComboBox()
            self._fill_choices(combo, spec.choices)
            combo.activated.connect(lambda _row: self._commit(combo.currentData()))
            self.input = combo
        else:
            line = QLineEdit()
            if spec.kind in ("money", "money_optional"):
                line.setPlaceholderText("e.g. 45000, £45,000 or 45k")
            if spec.kind == "text":
                line.setMaxLength(text_limit(spec))  # a paste stops there too
            line.textEdited.connect(self._check_live)
            line.editingFinished.connect(self._finish)
            self.input = line
        self.input.setAccessibleName(name)
        self.input.setToolTip(spec.help)
        char = self.input.fontMetrics().averageCharWidth()
        if isinstance(self.input, QComboBox):
            # Wide enough for the longest choice (benchmark names run to 50 characters or so).
            self.input.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            self.input.setMaximumWidth(char * 75 + 40)
        elif spec.kind == "text":
            self.input.setMinimumWidth(char * 44)
            self.input.setMaximumWidth(char * 60 + 24)
        else:
            self.input.setMaximumWidth(char * 18 + 24)
        self.problem.setAccessibleName(f"Problem: {name}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.input, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.problem, 1)
        self.setFocusProxy(self.input)

    @staticmethod
    def _fill_choices(combo: QComboBox, choices: tuple[tuple[str, str], ...]) -> None:
        combo.blockSignals(True)
        combo.clear()
        for value, label in choices:
            combo.addItem(label, value)
        combo.blockSignals(False)

    def set_choices(self, choices: tuple[tuple[str, str], ...]) -> None:
        """New choices (benchmarks added or removed), keeping the shown value."""
        if isinstance(self.input, QComboBox):
            self._fill_choices(self.input, choices)
            self.set_value(self._value, force=True)

    def set_value(self, value: object, *, force: bool = False) -> None:
        """Show `value` without reporting an edit; a field being typed into is left alone."""
        if value == self._value and not force:
            return
        self._value = value
        if isinstance(self.input, QCheckBox):
            self.input.blockSignals(True)
            self.input.setChecked(bool(value))
            self.input.blockSignals(False)
        elif isinstance(self.input, QComboBox):
            wanted = "" if value is None else str(value)
            index = self.input.findData(wanted)
            if index < 0:
                self.input.addItem(self.spec.choice_label(wanted) or wanted, wanted)
                index = self.input.count() - 1
            self.input.blockSignals(True)
            self.input.setCurrentIndex(index)
            self.input.blockSignals(False)
        elif not self.input.hasFocus() or not self.input.isModified():
            self.input.setText(self._shown_text(value))
            self.input.setCursorPosition(0)  # a long name shows its start, not its end
            self.input.setModified(False)
            self.show_problem("")

    def _shown_text(self, value: object) -> str:
        if value is None:
            return ""
        if self.spec.kind in ("money", "money_optional", "pct"):
            return format_field_value(self.spec, value)
        return edit_text(self.spec, value)

    def show_problem(self, reason: str) -> None:
        self.problem.setText(reason)
        self.problem.setVisible(bool(reason))
        if isinstance(self.input, QLineEdit):
            self.input.setStyleSheet(INVALID_STYLE if reason else "")

    def _parse(self, text: str) -> tuple[object, str | None]:
        try:
            value = parse_field_text(self.spec, text)
        except InvalidValueError as error:
            return None, error.rule
        reason = self.checker(value) if self.checker is not None else None
        return value, reason

    def _check_live(self, text: str) -> None:
        _value, reason = self._parse(text)
        self.show_problem(reason or "")

    def _finish(self) -> None:
        assert isinstance(self.input, QLineEdit)
        if not self.input.isModified():
            return
        value, reason = self._parse(self.input.text())
        if reason:
            self.show_problem(reason)
            return
        self.input.setModified(False)
        self.show_problem("")
        self._commit(value)

    def _commit(self, value: object) -> None:
        if value == self._value:
            if isinstance(self.input, QLineEdit):
                self.input.setText(self._shown_text(value))
            return
        if self.checker is not None:
            reason = self.checker(value)
            if reason:
                self.show_problem(reason)
                self.set_value(self._value, force=True)
                return
        self._value = value
        self.committed.emit(value)
