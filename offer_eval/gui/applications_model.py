"""The application log as a table: one row per application, sortable and filterable through a proxy.

Like the other tables it is an adapter: `setData` pushes one undoable edit, and a value the
domain refuses (an unknown stage, a date in the future, an outcome an application that never
reached an offer cannot have) is shown beside the cell, never stored. Rows the domain accepts but
that deserve a second look (an offer without a salary, a date that has since moved into the
future) are tinted with the reason in their tooltip.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Final

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from offer_eval.core.application import Application
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.evaluate import Evaluation
from offer_eval.core.models import Scenario
from offer_eval.editing.applications import DATE_KEYS, set_application_value
from offer_eval.editing.fields import FieldKind, FieldSpec
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.plain_text import plain_tooltip, tooltip_text
from offer_eval.gui.positions_model import ERROR_ROLE
from offer_eval.gui.record_models import Column, RecordModel
from offer_eval.gui.table_model import AnyIndex
from offer_eval.present.applications import (
    APPLICATION_FIELD,
    CHANNEL_CHOICES,
    OUTCOME_CHOICES,
    STAGE_CHOICES,
    STAGE_ORDER,
    channel_words,
    outcome_words,
    row_warnings,
    stage_words,
)

SORT_ROLE: Final = int(Qt.ItemDataRole.UserRole) + 40
SEARCH_ROLE: Final = int(Qt.ItemDataRole.UserRole) + 41
WARNING_BRUSH: Final = QBrush(QColor(240, 170, 20, 80))


def _spec(key: str, kind: FieldKind, **options: Any) -> FieldSpec:
    named = APPLICATION_FIELD[key]
    return FieldSpec(key=key, label=named.short, kind=kind, help=named.help, **options)


APPLICATION_COLUMNS: Final = (
    Column(_spec("date", "text"), width=11, sample="8888-88-88"),
    Column(_spec("employer", "text"), width=18),
    Column(_spec("role", "text"), width=20),
    Column(_spec("target_field", "bool"), width=8),
    Column(_spec("channel", "choice", choices=CHANNEL_CHOICES), width=10),
    Column(_spec("stage", "choice", choices=STAGE_CHOICES), width=11),
    Column(_spec("outcome", "choice", choices=OUTCOME_CHOICES), width=10),
    Column(_spec("screen_date", "text"), width=11, sample="8888-88-88"),
    Column(_spec("interview_date", "text"), width=11, sample="8888-88-88"),
    Column(_spec("offer_date", "text"), width=11, sample="8888-88-88"),
    Column(_spec("offered_salary", "money_optional"), width=9),
    Column(_spec("notes", "text"), width=24, stretch=True),
)
COLUMN_KEYS: Final = tuple(column.spec.key for column in APPLICATION_COLUMNS)


def parse_day(text: str) -> str | None:
    """A typed date as ISO text: 2025-03-14, 14/03/2025 or 14 Mar 2025 (blank: none)."""
    from offer_eval.persistence.applications_csv import parse_date

    if not text.strip():
        return None
    try:
        return parse_date(text).isoformat()
    except Exception as error:  # the reader's own row error carries the reason
        raise InvalidValueError("", getattr(error, "reason", str(error))) from None


class ApplicationsModel(RecordModel[Application]):
    """Every application in the log; dates in the future and salary-less offers are pointed out."""

    def __init__(
        self,
        controller: DocumentController,
        parent: QObject | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(controller, APPLICATION_COLUMNS, parent)
        self.today = today or dt.date.today()
        self._warnings: dict[str, dict[str, str]] = {}  # by id, worked out as rows are shown
        self._rows: dict[str, int] | None = None  # row by id, worked out when first asked

    def records(self, scenario: Scenario) -> tuple[Application, ...]:
        return scenario.applications

    def record_id(self, record: Application) -> str:
        return record.id

    def record_name(self, record: Application) -> str:
        who = record.employer or record.role or record.id
        return f"{who}, {record.date}"

    def set_scenario(self, scenario: Scenario) -> None:
        records = scenario.applications
        if records is self._records:
            self._scenario = scenario
            return
        self._warnings = {}
        self._rows = None
        old = self._records
        if len(records) > len(old) and records[: len(old)] == old:
            # Rows added at the end (an import, a paste, Add): insert them, rather than reset
            # the table, which would make the view and the proxy start over on every row.
            self.beginInsertRows(QModelIndex(), len(old), len(records) - 1)
            self._scenario, self._records = scenario, records
            self.endInsertRows()
            return
        super().set_scenario(scenario)

    def row_of(self, record_id: str) -> int:
        if self._rows is None:
            self._rows = {record.id: row for row, record in enumerate(self._records)}
        return self._rows.get(record_id, -1)

    def set_evaluation(self, evaluation: Evaluation) -> None:
        self._evaluation = evaluation  # nothing in the log depends on results

    def row_warnings(self, record: Application) -> dict[str, str]:
        """The reasons to look again at a row's cells (remembered until the log changes)."""
        found = self._warnings.get(record.id)
        if found is None:
            found = self._warnings[record.id] = row_warnings(record, self.today)
        return found

    def with_value(
        self, scenario: Scenario, record: Application, key: str, value: object
    ) -> Scenario:
        return set_application_value(scenario, record.id, key, value, today=self.today)

    def _parse(self, spec: FieldSpec, value: Any) -> object:
        if spec.key in DATE_KEYS and isinstance(value, str):
            day = parse_day(value)
            if day is None and spec.key == "date":
                raise InvalidValueError("", "every application needs the day it was sent")
            return day
        return super()._parse(spec, value)

    def extra(self, record: Application, key: str, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if key == "channel":
            return channel_words(record.channel)
        if key == "stage":
            return stage_words(record.stage)
        if key == "outcome":
            return outcome_words(record.outcome)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == SORT_ROLE:
            return self.sort_value(index)
        if role == SEARCH_ROLE:
            return self.search_text(index.row()) if 0 <= index.row() < len(self._records) else ""
        if (
            role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole, ERROR_ROLE)
            and index.isValid()
            and 0 <= index.row() < len(self._records)
        ):
            record = self._records[index.row()]
            key = self.columns[index.column()].spec.key
            warning = self.row_warnings(record).get(key)
            if warning and (record.id, key) not in self._errors:
                if role == Qt.ItemDataRole.BackgroundRole:
                    return WARNING_BRUSH
                if role == ERROR_ROLE:
                    return f"{self.accessible_name(index)} — {warning}"
                below = super().data(index, role)
                below = tooltip_text(below) if isinstance(below, str) else below
                return plain_tooltip("\n".join(p for p in (warning, below) if p))
        return super().data(index, role)

    def sort_value(self, index: AnyIndex) -> object:
        """What a column sorts by: stages in funnel order, salaries as numbers, the rest as text."""
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return ""
        record = self._records[index.row()]
        key = self.columns[index.column()].spec.key
        if key == "stage":
            return STAGE_ORDER[record.stage]
        if key == "offered_salary":
            return -1.0 if record.offered_salary is None else record.offered_salary
        if key == "target_field":
            return int(record.target_field)
        value = getattr(record, key)
        if key in ("channel", "outcome"):
            return str(self.extra(record, key, Qt.ItemDataRole.DisplayRole))
        return "" if value is None else str(value).casefold()

    def search_text(self, row: int) -> str:
        """The words of a row a filter looks in (employer, role, notes, channel, stage, outcome)."""
        record = self._records[row]
        return " ".join(
            (
                record.date,
                record.employer,
                record.role,
                record.notes,
                channel_words(record.channel),
                stage_words(record.stage),
                outcome_words(record.outcome),
            )
        ).casefold()


class ApplicationsProxy(QSortFilterProxyModel):
    """Sorting by a column's own order and filtering by words, for the applications table.

    It forwards the checks the cell editor asks the source model for, so typing into a sorted or
    filtered table is checked and explained as in the others.
    """

    def __init__(self, source: ApplicationsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setFilterRole(SEARCH_ROLE)
        self.setFilterKeyColumn(0)
        self.setDynamicSortFilter(False)  # an edit never makes its row jump away under the cursor

    def set_filter_text(self, text: str) -> None:
        """Show only rows whose words contain every word of `text` (any case, any order).

        The filter is Qt's own, a pattern of one look-ahead per word over each row's words, so
        with no filter no row is asked about: a 10,000-row import is not slowed by it.
        """
        words = text.casefold().split()
        pattern = "".join(f"(?=.*{re.escape(word)})" for word in words)
        expression = QRegularExpression(
            f"^{pattern}" if pattern else "",
            QRegularExpression.PatternOption.CaseInsensitiveOption
            | QRegularExpression.PatternOption.DotMatchesEverythingOption,
        )
        if expression.pattern() != self.filterRegularExpression().pattern():
            self.setFilterRegularExpression(expression)

    # --- what the cell editor asks (see gui.delegates.CheckedModel) ------------------------------

    def field_spec(self, index: AnyIndex) -> FieldSpec | None:
        return self.source.field_spec(self.mapToSource(_plain(index)))

    def check_text(self, index: AnyIndex, text: str) -> str | None:
        return self.source.check_text(self.mapToSource(_plain(index)), text)

    def accessible_name(self, index: AnyIndex) -> str:
        return self.source.accessible_name(self.mapToSource(_plain(index)))


def _plain(index: AnyIndex) -> QModelIndex:
    """A persistent index as a plain one (what mapToSource takes)."""
    if isinstance(index, QPersistentModelIndex):
        return index.model().index(index.row(), index.column())
    return index
