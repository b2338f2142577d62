"""Table models for lists in the scenario (criteria, benchmarks): one row per item, one column per field.

Like the side-by-side editor they are adapters: `setData` pushes an undoable edit and the model
redraws when the controller reports the new scenario.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from offer_eval.core.decision import DecisionResult
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.evaluate import Evaluation
from offer_eval.core.models import Benchmark, Criterion, Scenario
from offer_eval.core.money_text import format_money
from offer_eval.editing.edits import set_benchmark_value, set_criterion_value
from offer_eval.editing.fields import (
    KNOWN_REGIONS,
    FieldKind,
    FieldSpec,
    edit_text,
    format_field_value,
    parse_field_text,
)
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.plain_text import plain_tooltip
from offer_eval.gui.positions_model import CHOICES_ROLE, ERROR_ROLE, FIELD_KEY_ROLE
from offer_eval.gui.table_model import AnyIndex, EditableTableModel
from offer_eval.present.fields import BENCHMARK_FIELD, CRITERION_FIELD
from offer_eval.present.labels import (
    CRITERION_KINDS,
    METRICS,
    criterion_labels,
    display_names,
    job_market_words,
    pairs,
)

_ROOT = QModelIndex()  # the invisible root: rows and columns are counted under it
R = TypeVar("R")

METRIC_CHOICES = tuple((metric.key, metric.label) for metric in METRICS)


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.CheckStateRole,
        CHOICES_ROLE,
        FIELD_KEY_ROLE,
        ERROR_ROLE,
    }
)


@dataclass(frozen=True, slots=True)
class Column:
    """A column: the field it edits (None for read-only figures) and how it reads."""

    spec: FieldSpec
    editable: bool = True
    width: int = 12  # starting width, in average characters
    sample: str = ""  # the widest text it shows, when that is wider than `width` characters
    stretch: bool = False  # shares the table's spare width (long free text)


class RecordModel(EditableTableModel, Generic[R]):
    """Rows are items of one list in the scenario; subclasses say which and how to edit them."""

    def __init__(
        self,
        controller: DocumentController,
        columns: Sequence[Column],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self.columns = tuple(columns)
        self._scenario = controller.scenario
        self._evaluation: Evaluation | None = controller.evaluation
        self._records: tuple[R, ...] = self.records(self._scenario)
        self._errors: dict[tuple[str, str], str] = {}
        controller.scenario_settled.connect(self.set_scenario)
        controller.evaluation_settled.connect(self.set_evaluation)

    # --- what subclasses provide -----------------------------------------------------------------

    def records(self, scenario: Scenario) -> tuple[R, ...]:
        raise NotImplementedError

    def record_id(self, record: R) -> str:
        raise NotImplementedError

    def record_name(self, record: R) -> str:
        raise NotImplementedError

    def value(self, record: R, key: str) -> object:
        return getattr(record, key)

    def with_value(self, scenario: Scenario, record: R, key: str, value: object) -> Scenario:
        raise NotImplementedError

    def extra(self, record: R, key: str, role: int) -> Any:
        """Subclasses: display text for read-only columns, or extra tooltip text."""
        return None

    # --- model ------------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def record(self, row: int) -> R:
        return self._records[row]

    def row_of(self, record_id: str) -> int:
        for row, record in enumerate(self._records):
            if self.record_id(record) == record_id:
                return row
        return -1

    def accessible_name(self, index: AnyIndex) -> str:
        return f"{self.columns[index.column()].spec.label}: {self.record_name(self._records[index.row()])}"

    def field_spec(self, index: AnyIndex) -> FieldSpec | None:
        column = self.columns[index.column()]
        return column.spec if column.editable else None

    def set_scenario(self, scenario: Scenario) -> None:
        records = self.records(scenario)
        if records == self._records:
            self._scenario = scenario
            return
        old_ids = [self.record_id(r) for r in self._records]
        new_ids = [self.record_id(r) for r in records]
        if old_ids != new_ids:
            self.beginResetModel()
            self._scenario, self._records = scenario, records
            self._errors = {k: v for k, v in self._errors.items() if k[0] in new_ids}
            self.endResetModel()
            return
        self._scenario, self._records = scenario, records
        if records:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(records) - 1, len(self.columns) - 1)
            )

    def set_evaluation(self, evaluation: Evaluation) -> None:
        self._evaluation = evaluation
        if self._records:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._records) - 1, len(self.columns) - 1)
            )

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.columns[index.column()]
        if column.editable and self.is_editable(self._records[index.row()], column.spec.key):
            if column.spec.kind == "bool":
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            else:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def is_editable(self, record: R, key: str) -> bool:
        return True

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:
            return None
        if (
            not index.isValid()
            or not (0 <= index.row() < len(self._records))
            or not (0 <= index.column() < len(self.columns))
        ):
            return None
        record = self._records[index.row()]
        column = self.columns[index.column()]
        spec = column.spec
        error = self._errors.get((self.record_id(record), spec.key))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.accessible_name(index)
        if not column.editable:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                shown = self.extra(record, spec.key, role) or (
                    spec.help if role == Qt.ItemDataRole.ToolTipRole else ""
                )
                return plain_tooltip(shown) if role == Qt.ItemDataRole.ToolTipRole else shown
            return None
        value = self.value(record, spec.key)
        if role == Qt.ItemDataRole.DisplayRole:
            shown = self.extra(record, spec.key, role)
            if shown is not None:
                return shown
            return format_field_value(spec, value) if spec.kind != "bool" else ""
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
        if role == ERROR_ROLE:
            return error
        if role == Qt.ItemDataRole.ToolTipRole:
            extra = self.extra(record, spec.key, role)
            # Free text is often longer than its column: the tooltip shows all of it.
            whole = self.data(index) if spec.kind == "text" and value else None
            return plain_tooltip(
                "\n".join(str(part) for part in (whole, error, spec.help, extra) if part)
            )
        if role == Qt.ItemDataRole.BackgroundRole and error:
            return QBrush(QColor(255, 80, 60, 70))
        if role == Qt.ItemDataRole.ForegroundRole and value is None:
            return QBrush(QColor(128, 128, 128))
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].spec.label
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.columns[section].spec.help
        if (
            orientation == Qt.Orientation.Vertical
            and 0 <= section < len(self._records)
            and role == Qt.ItemDataRole.DisplayRole
        ):
            return str(section + 1)
        return None

    # --- edits ------------------------------------------------------------------------------------

    def _parse(self, spec: FieldSpec, value: Any) -> object:
        if isinstance(value, str):
            if spec.kind in ("money_optional", "int_optional") and not value.strip():
                return None
            return parse_field_text(spec, value)
        return value

    def check_text(self, index: AnyIndex, text: str) -> str | None:
        spec = self.field_spec(index)
        if spec is None:
            return None
        try:
            self.with_value(
                self._scenario, self._records[index.row()], spec.key, self._parse(spec, text)
            )
        except InvalidValueError as error:
            return error.rule
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        spec = self.field_spec(index)
        if spec is None:
            return False
        record = self._records[index.row()]
        return self._commit_edit(
            index,
            error_key=(self.record_id(record), spec.key),
            spec=spec,
            value=value,
            role=role,
            parse=lambda raw: self._parse(spec, raw),
            build=lambda parsed: self.with_value(self._scenario, record, spec.key, parsed),
            subject=self.record_name(record),
        )


# --- criteria -------------------------------------------------------------------------------------


def _criterion_spec(key: str, kind: FieldKind, **options: Any) -> FieldSpec:
    """A column as present/ names it."""
    named = CRITERION_FIELD[key]
    return FieldSpec(key=key, label=named.label, kind=kind, help=named.help, **options)


CRITERION_COLUMNS = (
    Column(
        _criterion_spec("label", "text"),
        width=22,
    ),
    Column(
        _criterion_spec("kind", "choice", choices=pairs(CRITERION_KINDS)),
        width=8,
    ),
    Column(_criterion_spec("weight", "number", decimals=1), width=7),
    Column(
        _criterion_spec("share", "text"),
        editable=False,
        width=6,
    ),
    Column(
        _criterion_spec("meaning_0", "text"),
        width=20,
        stretch=True,
    ),
    Column(
        _criterion_spec("meaning_5", "text"),
        width=20,
        stretch=True,
    ),
    Column(
        _criterion_spec("meaning_10", "text"),
        width=20,
        stretch=True,
    ),
    Column(
        _criterion_spec("metric", "choice", choices=METRIC_CHOICES),
        width=28,
    ),
    Column(
        _criterion_spec("anchor_low", "money_optional"),
        width=16,
        sample="auto: £888,888 …",
    ),
    Column(
        _criterion_spec("anchor_high", "money_optional"),
        width=16,
        sample="auto: £888,888 …",
    ),
    Column(
        _criterion_spec("rating_uncertainty", "number", decimals=1),
        width=9,
    ),
)


_CRITERION_COLUMN: dict[str, int] = {
    column.spec.key: index for index, column in enumerate(CRITERION_COLUMNS)
}


class CriteriaModel(RecordModel[Criterion]):
    """The criteria and their weights; money anchors show the derived values when left blank."""

    def set_evaluation(self, evaluation: Evaluation) -> None:
        """Only the share and the derived anchors come from results: redraw them if they moved."""
        before = self._evaluation.decision if self._evaluation is not None else None
        self._evaluation = evaluation
        after = evaluation.decision
        if not self._records:
            return
        last = len(self._records) - 1
        share = _CRITERION_COLUMN["share"]
        low, high = _CRITERION_COLUMN["anchor_low"], _CRITERION_COLUMN["anchor_high"]
        if before is None or after is None or before.shares != after.shares:
            self.dataChanged.emit(self.index(0, share), self.index(last, share))
        if before is None or after is None or _anchors(before) != _anchors(after):
            self.dataChanged.emit(self.index(0, low), self.index(last, high))

    def __init__(self, controller: DocumentController, parent: QObject | None = None) -> None:
        super().__init__(controller, CRITERION_COLUMNS, parent)

    def records(self, scenario: Scenario) -> tuple[Criterion, ...]:
        return scenario.criteria

    def record_id(self, record: Criterion) -> str:
        return record.id

    def record_name(self, record: Criterion) -> str:
        return criterion_labels(self._scenario).get(record.id, record.label)

    def is_editable(self, record: Criterion, key: str) -> bool:
        if key in ("metric", "anchor_low", "anchor_high"):
            return record.kind == "money"
        if key.startswith("meaning_") or key == "rating_uncertainty":
            return record.kind == "rating"
        return True

    def with_value(
        self, scenario: Scenario, record: Criterion, key: str, value: object
    ) -> Scenario:
        return set_criterion_value(scenario, record.id, key, value)

    def extra(self, record: Criterion, key: str, role: int) -> Any:
        decision = self._evaluation.decision if self._evaluation is not None else None
        if key == "rating_uncertainty":
            if record.kind == "money":  # money is drawn from the simulated paths instead
                return "" if role == Qt.ItemDataRole.DisplayRole else None
            if role == Qt.ItemDataRole.DisplayRole:
                return f"± {record.rating_uncertainty:g}"
            return None
        if key == "share":
            total = sum(c.weight for c in self._scenario.criteria)
            share = record.weight / total if total > 0 else 0.0
            if decision is not None and record.id in decision.shares:
                share = decision.shares[record.id]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{share:.0%}"
            interval = decision.weight_stability.get(record.id) if decision is not None else None
            if interval is not None:
                return (
                    "The winner stays the winner while this share is between "
                    f"{interval[0]:.0%} and {interval[1]:.0%}."
                )
            return None
        if record.kind != "money":
            if (
                key in ("metric", "anchor_low", "anchor_high")
                and role == Qt.ItemDataRole.DisplayRole
            ):
                return ""
            return None
        if key not in ("anchor_low", "anchor_high") or decision is None:
            return None
        items = decision.money.get(record.id)
        if not items:
            return None
        if getattr(record, key) is not None:
            return None
        names = display_names(self._scenario)
        pct = record.metric == "vs_benchmark"

        def shown(amount: float | None) -> str:
            if amount is None:
                return "–"
            return f"{amount:+.0f}%" if pct else format_money(amount)

        if role == Qt.ItemDataRole.DisplayRole:
            first = next(iter(items.values()))
            value = first.low if key == "anchor_low" else first.high
            same = all((i.low if key == "anchor_low" else i.high) == value for i in items.values())
            return f"auto: {shown(value)}" + ("" if same else " …")
        lines = [
            f"{names.get(oid, oid)}: {shown(item.low if key == 'anchor_low' else item.high)} ({item.basis})"
            for oid, item in items.items()
        ]
        return "Blank: derived from the benchmark and your target.\n" + "\n".join(lines)


# --- benchmarks ------------------------------------------------------------------------------------


def _benchmark_spec(key: str, kind: FieldKind, **options: Any) -> FieldSpec:
    """A column as present/ names it; the short header, since the table is wide."""
    named = BENCHMARK_FIELD[key]
    return FieldSpec(key=key, label=named.short, kind=kind, help=named.help, **options)


BENCHMARK_COLUMNS = (
    Column(_benchmark_spec("label", "text"), width=28),
    Column(_benchmark_spec("role", "text"), width=18),
    Column(_benchmark_spec("region", "text"), width=20),
    Column(_benchmark_spec("year", "int_optional", thousands=False), width=6),
    *(
        Column(_benchmark_spec(key, "money_optional"), width=9)
        for key in ("p10", "p25", "median", "p75", "p90")
    ),
    Column(_benchmark_spec("source", "text"), width=24),
    Column(_benchmark_spec("reliability", "text"), width=22),
    Column(_benchmark_spec("used_by", "text"), editable=False, width=22),
)


def region_label(region: str) -> str:
    """A known labour market's name ("UK outside London"); anything else as the user wrote it."""
    return job_market_words(region)


def region_value(text: str) -> str:
    """What the user typed in a Region cell: a known market's name becomes its code."""
    wanted = text.strip().casefold()
    for value, label in KNOWN_REGIONS:
        if wanted in (value.casefold(), label.casefold()):
            return value
    return text.strip()


class BenchmarksModel(RecordModel[Benchmark]):
    """The scenario's market benchmarks, editable; "Used by" says what refers to each."""

    def set_scenario(self, scenario: Scenario) -> None:
        uses_changed = _uses(scenario) != _uses(self._scenario)
        records_same = self.records(scenario) == self._records
        super().set_scenario(scenario)
        if records_same and uses_changed and self._records:
            column = len(self.columns) - 1
            self.dataChanged.emit(self.index(0, column), self.index(len(self._records) - 1, column))

    def set_evaluation(self, evaluation: Evaluation) -> None:
        self._evaluation = evaluation  # nothing shown here depends on results

    def __init__(self, controller: DocumentController, parent: QObject | None = None) -> None:
        super().__init__(controller, BENCHMARK_COLUMNS, parent)

    def records(self, scenario: Scenario) -> tuple[Benchmark, ...]:
        return scenario.benchmarks

    def record_id(self, record: Benchmark) -> str:
        return record.id

    def record_name(self, record: Benchmark) -> str:
        return record.label or record.id

    def with_value(
        self, scenario: Scenario, record: Benchmark, key: str, value: object
    ) -> Scenario:
        return set_benchmark_value(scenario, record.id, key, value)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and self._is_region(index):
            return region_label(self._records[index.row()].region)
        return super().data(index, role)

    def _is_region(self, index: AnyIndex) -> bool:
        return (
            index.isValid()
            and 0 <= index.row() < len(self._records)
            and 0 <= index.column() < len(self.columns)
            and self.columns[index.column()].spec.key == "region"
        )

    def _parse(self, spec: FieldSpec, value: Any) -> object:
        if spec.key == "region" and isinstance(value, str):
            return region_value(value)
        return super()._parse(spec, value)

    def extra(self, record: Benchmark, key: str, role: int) -> Any:
        if key == "region" and role == Qt.ItemDataRole.DisplayRole:
            return region_label(record.region)
        if key == "used_by" and role == Qt.ItemDataRole.DisplayRole:
            names = display_names(self._scenario)
            users = [names[p.id] for p in self._scenario.positions if p.benchmark_id == record.id]
            if self._scenario.target_benchmark_id == record.id:
                users.append("your target role")
            if self._scenario.search.benchmark_id == record.id:
                users.append("job search")
            return ", ".join(users)
        if key == "label" and role == Qt.ItemDataRole.ToolTipRole:
            return f"id: {record.id}" + (f"\n{record.notes}" if record.notes else "")
        return None


def _anchors(decision: DecisionResult) -> tuple[object, ...]:
    """Every money criterion's anchors, per offer: what the anchor columns show."""
    return tuple(
        (cid, oid, item.low, item.high)
        for cid, items in decision.money.items()
        for oid, item in items.items()
    )


def _uses(scenario: Scenario) -> tuple[object, ...]:
    """Everything the "Used by" column reads."""
    return (
        tuple((p.id, p.display_name, p.benchmark_id) for p in scenario.positions),
        scenario.target_benchmark_id,
        scenario.search.benchmark_id,
    )
