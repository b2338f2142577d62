"""What the editable tables share: refusing a bad cell with its reason, or pushing one undo step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.models import Scenario
from offer_eval.editing.fields import FieldSpec
from offer_eval.gui.controller import DocumentController

AnyIndex = QModelIndex | QPersistentModelIndex


class EditableTableModel(QAbstractTableModel):
    """A table over the scenario whose `setData` never mutates: it pushes an undo command."""

    edit_rejected = Signal(str)  # the reason, ready to show beside the table
    edit_accepted = Signal()

    _controller: DocumentController
    _errors: dict[tuple[str, str], str]  # (field, position or record id) -> reason

    def accessible_name(self, index: AnyIndex) -> str:
        raise NotImplementedError

    def _commit_edit(
        self,
        index: AnyIndex,
        *,
        error_key: tuple[str, str],
        spec: FieldSpec,
        value: Any,
        role: int,
        parse: Callable[[Any], object],
        build: Callable[[object], Scenario],
        subject: str,
    ) -> bool:
        """Parse `value`, build the edited scenario and push it as one undoable step.

        A value the domain refuses leaves the scenario as it is; the cell shows the reason and
        `edit_rejected` carries it to the window.
        """
        try:
            if role == Qt.ItemDataRole.CheckStateRole and spec.kind == "bool":
                parsed: object = Qt.CheckState(value) == Qt.CheckState.Checked
            elif role == Qt.ItemDataRole.EditRole:
                parsed = parse(value)
            else:
                return False
            scenario = build(parsed)
        except InvalidValueError as error:
            message = f"{self.accessible_name(index)} — {error.rule}"
            self._errors[error_key] = message
            self.dataChanged.emit(index, index)
            self.edit_rejected.emit(message)
            return False
        if self._errors.pop(error_key, None) is not None:
            self.dataChanged.emit(index, index)
        self.edit_accepted.emit()
        self._controller.edit(scenario, f"Change {spec.label.lower()} of {subject}")
        return True
