"""The side-by-side editor's table model: fields as rows in groups, positions as columns.

An adapter over the controller's scenario: `setData` never changes the model itself, it pushes an
undoable edit; the model redraws when the controller reports the new scenario. Rows at the top show
results from the evaluation (read-only), each offer's difference from the current job beside it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from offer_eval.core.compensation import PayCut, PositionMoney
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.evaluate import Evaluation
from offer_eval.core.models import Scenario
from offer_eval.core.money_text import format_money, format_pct
from offer_eval.editing.edits import position_value, set_position_value
from offer_eval.editing.fields import (
    FieldSpec,
    difference_sign,
    edit_text,
    format_difference,
    format_field_value,
    parse_field_text,
    position_specs,
)
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.plain_text import plain_tooltip
from offer_eval.gui.table_model import AnyIndex, EditableTableModel
from offer_eval.present.labels import display_names
from offer_eval.present.rows import HEADLINE_ROWS, SECTION_RESULTS, MoneyRow

DIFFERENCE_ROLE: Final = Qt.ItemDataRole.UserRole + 1
DIFFERENCE_SIGN_ROLE: Final = Qt.ItemDataRole.UserRole + 2
ROW_KIND_ROLE: Final = Qt.ItemDataRole.UserRole + 3
FIELD_KEY_ROLE: Final = Qt.ItemDataRole.UserRole + 4
ERROR_ROLE: Final = Qt.ItemDataRole.UserRole + 5
CHOICES_ROLE: Final = Qt.ItemDataRole.UserRole + 6

_ROOT = QModelIndex()  # the invisible root: rows and columns are counted under it


@dataclass(frozen=True, slots=True)
class ResultSpec:
    """A read-only row worked out by the core: its value and its difference from the current job."""

    key: str
    label: str
    help: str
    value: Callable[[PositionMoney], float | None]
    difference: Callable[[PositionMoney, PositionMoney, PayCut], float | None] | None
    kind: str = "money"  # money | pct | percentile
    pence: bool = False
    better: str | None = "higher"


_KIND_BY_UNIT: Final = {"%": "pct", "percentile": "percentile"}


def _result(row: MoneyRow) -> ResultSpec:
    """A result row as named and read in present/, shown the table's way."""
    return ResultSpec(
        row.key,
        row.label,
        row.name.help,
        row.get,
        row.change,
        kind=_KIND_BY_UNIT.get(row.name.unit, "money"),
        pence=row.pence,
    )


RESULT_ROWS: Final = tuple(_result(row) for row in HEADLINE_ROWS)


@dataclass(frozen=True, slots=True)
class EditorRow:
    """A row: a group heading, a read-only result, or an editable field."""

    kind: str  # "group" | "result" | "field"
    label: str
    field: FieldSpec | None = None
    result: ResultSpec | None = None

    @property
    def key(self) -> str:
        if self.field is not None:
            return self.field.key
        if self.result is not None:
            return f"result.{self.result.key}"
        return f"group.{self.label}"


def build_rows(scenario: Scenario) -> tuple[EditorRow, ...]:
    """Results first, then every field under its group heading."""
    rows: list[EditorRow] = [EditorRow("group", SECTION_RESULTS)]
    rows.extend(EditorRow("result", spec.label, result=spec) for spec in RESULT_ROWS)
    group = ""
    for spec in position_specs(scenario):
        if spec.group != group:
            group = spec.group
            rows.append(EditorRow("group", group))
        rows.append(EditorRow("field", spec.label, field=spec))
    return tuple(rows)


@functools.cache
def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.AccessibleDescriptionRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.CheckStateRole,
        DIFFERENCE_ROLE,
        DIFFERENCE_SIGN_ROLE,
        ROW_KIND_ROLE,
        FIELD_KEY_ROLE,
        ERROR_ROLE,
        CHOICES_ROLE,
    }
)


def _money_or_none(evaluation: Evaluation, position_id: str) -> PositionMoney | None:
    try:
        return evaluation.money(position_id)
    except KeyError:
        return None


def _short_note(note: str) -> str:
    """ "above the median (£39,039)" → "above median": the full note is in the tooltip."""
    return note.split(" (", maxsplit=1)[0].replace("the ", "")


def wrap_label(text: str, width: int) -> str:
    """A column title on at most two lines, broken at a space."""
    if len(text) <= width:
        return text
    split = text.rfind(" ", 0, width + 1)
    if split <= 0:
        return text
    rest = text[split + 1 :]
    return f"{text[:split]}\n{rest if len(rest) <= width else rest[: width - 1] + '…'}"


class PositionsModel(EditableTableModel):
    """Fields × positions over the controller's scenario; edits become undo commands."""

    def __init__(self, controller: DocumentController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._scenario = controller.scenario
        self._evaluation: Evaluation | None = controller.evaluation
        self._rows = build_rows(self._scenario)
        self._ids = [p.id for p in self._scenario.positions]
        self._names = display_names(self._scenario)
        self._errors: dict[tuple[str, str], str] = {}
        controller.scenario_settled.connect(self.set_scenario)
        controller.evaluation_settled.connect(self.set_evaluation)

    # --- structure --------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._ids)

    def row(self, index: int) -> EditorRow:
        return self._rows[index]

    def row_of(self, key: str) -> int:
        """The row showing this field key (``base_salary``, ``ratings.team``); -1 if none."""
        for number, row in enumerate(self._rows):
            if row.key == key:
                return number
        return -1

    def column_of(self, position_id: str) -> int:
        return self._ids.index(position_id) if position_id in self._ids else -1

    def position_id(self, column: int) -> str:
        return self._ids[column]

    def position_name(self, column: int) -> str:
        return self._names[self._ids[column]]

    def accessible_name(self, index: AnyIndex) -> str:
        """The cell's unique accessible name, `<field>: <position>`: "Base salary: ML Engineer (regional)"."""
        return f"{self._rows[index.row()].label}: {self.position_name(index.column())}"

    # --- updates from the controller --------------------------------------------------------------

    def set_scenario(self, scenario: Scenario) -> None:
        """Show a new scenario; only the cells whose values changed are reported (a slider step
        repaints a few cells, not the table)."""
        if scenario is self._scenario:
            return
        structure_same = scenario.criteria == self._scenario.criteria and (
            scenario.benchmarks == self._scenario.benchmarks
        )
        rows = self._rows if structure_same else build_rows(scenario)
        ids = [p.id for p in scenario.positions]
        if [r.key for r in rows] != [r.key for r in self._rows] or ids != self._ids:
            self.beginResetModel()
            self._scenario, self._rows, self._ids = scenario, rows, ids
            self._names = display_names(scenario)
            self._errors = {k: v for k, v in self._errors.items() if k[1] in ids}
            self.endResetModel()
            return
        old = self._scenario
        self._scenario, self._rows = scenario, rows
        changed = [
            column
            for column, (before, after) in enumerate(
                zip(old.positions, scenario.positions, strict=True)
            )
            if before is not after
        ]
        if not changed:
            return
        names = display_names(scenario)
        if names != self._names:
            self._names = names
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(ids) - 1)
        field_rows = [
            number
            for number, row in enumerate(rows)
            if row.field is not None
            and any(
                position_value(old.positions[c], row.field.key)
                != position_value(scenario.positions[c], row.field.key)
                for c in changed
            )
        ]
        if not field_rows:
            return
        # The current job's values are every offer's reference: its change moves every difference.
        columns = range(len(ids)) if 0 in changed else changed
        self.dataChanged.emit(
            self.index(field_rows[0], min(columns)), self.index(field_rows[-1], max(columns))
        )

    def set_evaluation(self, evaluation: Evaluation) -> None:
        """Show new results; columns whose money figures did not change are left alone."""
        previous = self._evaluation
        self._evaluation = evaluation
        if not self._ids:
            return
        columns = list(range(len(self._ids)))
        if previous is not None and previous.current is evaluation.current:
            columns = [
                column
                for column, position_id in enumerate(self._ids)
                if _money_or_none(previous, position_id)
                is not _money_or_none(evaluation, position_id)
            ]
        if columns:
            self.dataChanged.emit(
                self.index(1, min(columns)), self.index(len(RESULT_ROWS), max(columns))
            )

    # --- data -------------------------------------------------------------------------------------

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        row = self._rows[index.row()]
        if row.kind == "group":
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if row.kind == "field" and row.field is not None:
            if row.field.kind == "bool":
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            else:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _value(self, row: EditorRow, column: int) -> object:
        position = self._scenario.positions[column]
        assert row.field is not None
        return position_value(position, row.field.key)

    def _money(self, column: int) -> PositionMoney | None:
        if self._evaluation is None:
            return None
        try:
            return self._evaluation.money(self._ids[column])
        except KeyError:
            return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role not in _ROLES
            or not index.isValid()
            or not (0 <= index.row() < len(self._rows) and 0 <= index.column() < len(self._ids))
        ):
            return None
        row = self._rows[index.row()]
        if role == ROW_KIND_ROLE:
            return row.kind
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.accessible_name(index) if row.kind != "group" else row.label
        if row.kind == "group":
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if row.kind == "result":
            return self._result_data(row, index.column(), role)
        return self._field_data(row, index.column(), role)

    def _difference(
        self, spec: ResultSpec, money: PositionMoney | None, column: int
    ) -> float | None:
        if money is None or column == 0 or spec.difference is None or self._evaluation is None:
            return None
        cut = self._evaluation.pay_cuts.get(money.position_id)
        return None if cut is None else spec.difference(money, self._evaluation.current, cut)

    def _result_data(self, row: EditorRow, column: int, role: int) -> Any:
        spec = row.result
        assert spec is not None
        if role == Qt.ItemDataRole.FontRole:
            return _bold() if spec.key in ("net_take_home", "total_comp_year1") else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT
        money = self._money(column)
        if role in (DIFFERENCE_ROLE, DIFFERENCE_SIGN_ROLE):
            difference = self._difference(spec, money, column)
            if role == DIFFERENCE_SIGN_ROLE:
                return 0 if not difference else (1 if difference > 0 else -1)
            return format_money(difference, sign=True, pence=spec.pence) if difference else ""
        value = spec.value(money) if money is not None else None
        if role == Qt.ItemDataRole.DisplayRole:
            if spec.kind == "pct":
                return format_pct(value) if value is not None else "–"
            if spec.kind == "percentile":
                if value is None:
                    return _short_note(money.benchmark_note) if money is not None else "–"
                return f"{value:.0f}th"
            return format_money(value, pence=spec.pence)
        if role == Qt.ItemDataRole.ToolTipRole:
            if spec.kind == "percentile" and money is not None:
                return f"{spec.help}\n{money.benchmark_note}"
            return spec.help
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            text = self._result_data(row, column, Qt.ItemDataRole.DisplayRole)
            diff = self._result_data(row, column, DIFFERENCE_ROLE)
            return f"{text}, {diff} against the current job" if diff else str(text)
        return None

    def _field_data(self, row: EditorRow, column: int, role: int) -> Any:
        spec = row.field
        assert spec is not None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT
        if role == Qt.ItemDataRole.FontRole:
            return None
        value = self._value(row, column)
        error = self._errors.get((spec.key, self._ids[column]))
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                if spec.key.startswith("ratings."):
                    return "–"
                return spec.choice_label(None) if spec.kind == "choice" else spec.empty_text
            return format_field_value(spec, value)
        if role == Qt.ItemDataRole.EditRole:
            if spec.kind == "choice":
                return "" if value is None else str(value)
            return edit_text(spec, value)
        if role == Qt.ItemDataRole.CheckStateRole and spec.kind == "bool":
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == CHOICES_ROLE:
            return spec.choices
        if role == FIELD_KEY_ROLE:
            return spec.key
        if role in (DIFFERENCE_ROLE, DIFFERENCE_SIGN_ROLE):
            if column == 0:
                return "" if role == DIFFERENCE_ROLE else 0
            reference = self._value(row, 0)
            if role == DIFFERENCE_ROLE:
                text = format_difference(spec, value, reference)
                return "" if text == "same" else text
            return difference_sign(spec, value, reference)
        if role == ERROR_ROLE:
            return error
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = spec.help
            if error:
                tip = f"{error}\n\n{tip}"
            return plain_tooltip(tip)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            text = format_field_value(spec, value) if value is not None else "empty"
            diff = self._field_data(row, column, DIFFERENCE_ROLE)
            return f"{text}, {diff} against the current job" if diff else text
        if role == Qt.ItemDataRole.BackgroundRole and error:
            return QBrush(QColor(255, 80, 60, 70))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._ids):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return wrap_label(self.position_name(section), 22)
            if role == Qt.ItemDataRole.ToolTipRole:
                return (
                    "Your current job"
                    if section == 0
                    else "An offer: its differences from your current job are shown beside each value"
                )
            if role == Qt.ItemDataRole.FontRole and section == 0:
                font = QFont()
                font.setItalic(True)
                return font
            return None
        if not 0 <= section < len(self._rows):
            return None
        row = self._rows[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.label
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.field is not None:
                return row.field.help
            if row.result is not None:
                return row.result.help
            return None
        if role == Qt.ItemDataRole.FontRole and row.kind == "group":
            font = QFont()
            font.setBold(True)
            return font
        return None

    def cell_texts(self, index: AnyIndex) -> tuple[str, str, int, bool] | None:
        """(value, difference, sign, bold) of a cell that shows a difference, in one call.

        The delegate paints most cells from this on every slider step; asking the model once
        instead of once per role keeps that repaint cheap. None: paint the cell the usual way.
        """
        row = self._rows[index.row()]
        column = index.column()
        if column == 0 or row.kind == "group":
            return None
        if row.kind == "result":
            spec = row.result
            assert spec is not None
            money = self._money(column)
            difference = self._difference(spec, money, column)
            if not difference:
                return None
            text = self._result_data(row, column, Qt.ItemDataRole.DisplayRole)
            bold = spec.key in ("net_take_home", "total_comp_year1")
            return (
                str(text),
                format_money(difference, sign=True, pence=spec.pence),
                1 if difference > 0 else -1,
                bold,
            )
        field = row.field
        if field is None or field.kind == "bool" or (field.key, self._ids[column]) in self._errors:
            return None
        difference_text = self._field_data(row, column, DIFFERENCE_ROLE)
        if not difference_text:
            return None
        return (
            str(self._field_data(row, column, Qt.ItemDataRole.DisplayRole)),
            str(difference_text),
            int(self._field_data(row, column, DIFFERENCE_SIGN_ROLE)),
            False,
        )

    # --- edits ------------------------------------------------------------------------------------

    def field_spec(self, index: AnyIndex) -> FieldSpec | None:
        """The field a cell edits (None for headings and results)."""
        return self._rows[index.row()].field if index.isValid() else None

    def _parse(self, index: AnyIndex, spec: FieldSpec, value: Any) -> object:
        if (
            spec.key.startswith(("ratings.", "rating_uncertainty."))
            and isinstance(value, str)
            and not value.strip()
        ):
            return None
        if spec.key == "region" and isinstance(value, str):
            return value.strip() or "uk_excl_london"
        return parse_field_text(spec, value) if isinstance(value, str) else value

    def check_text(self, index: AnyIndex, text: str) -> str | None:
        """Why `text` would be refused in this cell, or None if it would be accepted."""
        spec = self.field_spec(index)
        if spec is None:
            return None
        try:
            parsed = self._parse(index, spec, text)
            set_position_value(self._scenario, self._ids[index.column()], spec.key, parsed)
        except InvalidValueError as error:
            return error.rule
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        row = self._rows[index.row()]
        spec = row.field
        if row.kind != "field" or spec is None:
            return False
        position_id = self._ids[index.column()]
        return self._commit_edit(
            index,
            error_key=(spec.key, position_id),
            spec=spec,
            value=value,
            role=role,
            parse=lambda raw: self._parse(index, spec, raw),
            build=lambda parsed: set_position_value(self._scenario, position_id, spec.key, parsed),
            subject=self.position_name(index.column()),
        )
