"""Tables over one list of the scenario with their buttons; the criteria-and-weights table."""

from __future__ import annotations

import math

from PySide6.QtCore import Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QVBoxLayout,
    QWidget,
)

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.models import Scenario
from offer_eval.editing.edits import add_criterion, remove_criterion
from offer_eval.editing.fields import DECISION_FIELDS
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.delegates import FieldDelegate
from offer_eval.gui.eliding_label import FittedLabel
from offer_eval.gui.forms import FieldInput
from offer_eval.gui.plain_text import PlainLabel
from offer_eval.gui.record_models import CriteriaModel, RecordModel
from offer_eval.gui.tables import ProblemLabel, make_button, make_table


class RecordPanel(QWidget):
    """A table over one list of the scenario with Add and Remove buttons."""

    def __init__(
        self,
        controller: DocumentController,
        model: RecordModel,  # type: ignore[type-arg]
        name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self.model = model
        self.view = make_table(f"Table: {name}")
        self.view.setModel(model)
        self.delegate = FieldDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self._size_columns()
        self.problem = ProblemLabel(name)
        self.delegate.problem.connect(self.problem.show_text)
        model.edit_rejected.connect(self.problem.show_text)
        model.edit_accepted.connect(self.problem.clear_text)
        self.buttons = QHBoxLayout()
        self.empty_hint = PlainLabel("")
        self.empty_hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.buttons)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.problem)
        model.modelReset.connect(self._sync)
        self.view.selectionModel().currentChanged.connect(self._sync)

    def _size_columns(self) -> None:
        """Each column starts at its own width; long free text shares what is left."""
        header = self.view.horizontalHeader()
        metrics = self.view.fontMetrics()
        char = metrics.averageCharWidth()
        header.setMinimumSectionSize(char * 5)
        # Figures never end in "…": a column is at least as wide as a large value and its title.
        widest = {"money_optional": "£888,888", "money": "£888,888", "int_optional": "8888"}
        stretches = False
        for number, column in enumerate(self.model.columns):
            sample = column.sample or widest.get(column.spec.kind, "")
            width = max(
                char * column.width,
                metrics.horizontalAdvance(sample) + 14,
                header.fontMetrics().horizontalAdvance(column.spec.label) + 14,
            )
            self.view.setColumnWidth(number, width)
            mode = QHeaderView.ResizeMode.Interactive
            if column.stretch:
                mode = QHeaderView.ResizeMode.Stretch
                stretches = True
            header.setSectionResizeMode(number, mode)
        header.setStretchLastSection(not stretches)

    def selected_id(self) -> str | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.record_id(self.model.record(index.row()))

    def select(self, record_id: str, column: int = 0) -> None:
        row = self.model.row_of(record_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, column))
        self._sync()

    def _sync(self, *args: object) -> None:
        self.empty_hint.setVisible(self.model.rowCount() == 0)


def confidence_words(scenario: Scenario) -> str:
    """What the confidence setting means for this scenario's weights, in one sentence.

    The draws give each weight share s a Dirichlet spread with standard deviation
    sqrt(s (1 - s) / (confidence + 1)); the sentence shows it on the largest share.
    """
    weighted = [c for c in scenario.criteria if c.weight > 0]
    total = sum(c.weight for c in weighted)
    if not weighted or total <= 0:
        return "Confidence in your weights sets how far the draws move them; add criteria first."
    top = max(weighted, key=lambda c: c.weight)
    share = top.weight / total
    confidence = scenario.weight_confidence
    spread = math.sqrt(share * (1.0 - share) / (confidence + 1.0))
    return (
        f"{top.label} {share:.0%} varies ≈{max(0.0, share - spread):.0%}–"
        f"{min(1.0, share + spread):.0%} in the draws; higher holds weights closer"
    )


_CONFIDENCE_TIP = (
    "How sure the answer is comes from draws that vary your weights around yours (this "
    'setting: 1 is very loose, 100 quite firm), each rating within its "how sure" '
    "(± points, in the table and in each offer's ratings) and the 3-year earnings over "
    "the simulated futures."
)


class CriteriaPanel(RecordPanel):
    """Criteria and weights, with what 0, 5 and 10 mean and the money anchors."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(controller, CriteriaModel(controller), "Criteria and weights", parent)
        self.add_button = make_button(
            "Add criterion", "Add criterion", "Add something that matters to you", self.add
        )
        self.remove_button = make_button(
            "Remove", "Remove criterion", "Remove the selected criterion", self.remove
        )
        self.buttons.addWidget(self.add_button)
        self.buttons.addWidget(self.remove_button)
        self.buttons.addStretch(1)
        spec = DECISION_FIELDS[0]
        self.confidence = FieldInput(spec, f"{spec.label}: Decision")
        self.confidence.checker = self._check_confidence
        self.confidence.committed.connect(self._commit_confidence)
        confidence_label = PlainLabel(spec.label)
        confidence_label.setBuddy(self.confidence.input)
        confidence_label.setToolTip(spec.help)
        self.buttons.addWidget(confidence_label)
        self.buttons.addWidget(self.confidence)
        # What the number does, in words, beside it: it is a spread, not a percentage. Cut short
        # with "…" where the row is narrow (the whole sentence in its tooltip), rather than set
        # the window's least width; fitted to its width once per resize of this panel, or when
        # the words change (a settled edit).
        self.confidence_words = FittedLabel(least_chars=16)
        self.confidence_words.setObjectName("confidenceWords")
        self.buttons.addWidget(self.confidence_words)
        self.empty_hint.setText(
            "No criteria yet: add what matters to you, such as team, learning or pay."
        )
        controller.scenario_settled.connect(self._show)
        self._show(controller.scenario)
        self._sync()

    def _show(self, scenario: Scenario) -> None:
        self.confidence.set_value(scenario.weight_confidence)
        self.confidence_words.set_full_text(confidence_words(scenario), _CONFIDENCE_TIP)
        self.confidence_words.setAccessibleName("Confidence in your weights: meaning")
        self.confidence_words.setAccessibleDescription(self.confidence_words.full_text)
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the row makes room for the new words now, then they are fitted
        self.confidence_words.fit(self.confidence_words.width())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.confidence_words.fit(self.confidence_words.width())

    def _check_confidence(self, value: object) -> str | None:
        try:
            self._controller.scenario.replace(weight_confidence=value)
        except InvalidValueError as error:
            return error.rule
        return None

    def _commit_confidence(self, value: object) -> None:
        self._controller.edit(
            self._controller.scenario.replace(weight_confidence=value),
            "Change confidence in weights",
        )

    def _sync(self, *args: object) -> None:
        super()._sync()
        self.remove_button.setEnabled(self.selected_id() is not None)

    @Slot()
    def add(self) -> None:
        scenario, criterion_id = add_criterion(self._controller.scenario)
        self._controller.edit(scenario, "Add criterion")
        self.select(criterion_id)

    @Slot()
    def remove(self) -> None:
        criterion_id = self.selected_id()
        if criterion_id is None:
            return
        try:
            scenario = remove_criterion(self._controller.scenario, criterion_id)
        except InvalidValueError as error:
            self.problem.show_text(error.rule)
            return
        label = self._controller.scenario.criterion(criterion_id).label
        self._controller.edit(scenario, f"Remove criterion {label}")
