"""The assumptions tab: your situation (target, tax), the job-search model, the simulation, and
the reality check of what those assumptions imply."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.evaluate import Evaluation
from offer_eval.core.models import Scenario, TaxSettings, field_help
from offer_eval.core.search_history import history_text, rates_from_history
from offer_eval.core.tax import LOAN_PLANS
from offer_eval.editing.edits import scenario_value, set_scenario_value, set_student_loans
from offer_eval.editing.fields import (
    HISTORY_FIELDS,
    SCENARIO_FIELDS,
    SEARCH_FIELDS,
    SIMULATION_FIELDS,
    FieldSpec,
    benchmark_choices,
    tax_year_choices,
)
from offer_eval.gui.charts.base import ChartPanel
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.forms import PROBLEM_STYLE, FieldInput
from offer_eval.gui.plain_text import PlainLabel
from offer_eval.gui.reality_panel import RealityPanel
from offer_eval.present.fields import SETTING_FIELD
from offer_eval.present.labels import LOAN_PLANS as LOAN_PLAN_WORDS
from offer_eval.present.labels import pairs

LOAN_LABELS = dict(pairs(LOAN_PLAN_WORDS))


class AssumptionsPanel(QScrollArea):
    """Every scenario-wide setting as a form; each change is one undoable edit."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.inputs: dict[str, FieldInput] = {}
        self._choices: dict[str, tuple[tuple[str, str], ...]] = {}
        self.setWidgetResizable(True)
        host = QWidget()
        layout = QVBoxLayout(host)

        you = self._group("Your situation", "You", SCENARIO_FIELDS)
        self.loans: dict[str, QCheckBox] = {}
        loans_row = QHBoxLayout()
        for plan in LOAN_PLANS:
            box = QCheckBox(LOAN_LABELS.get(plan, plan))
            box.setAccessibleName(f"Student loan {LOAN_LABELS.get(plan, plan)}: You")
            box.setToolTip(field_help(TaxSettings, "student_loans"))
            box.toggled.connect(self._on_loans)
            self.loans[plan] = box
            loans_row.addWidget(box)
        loans_row.addStretch(1)
        self.loans_problem = PlainLabel("")
        self.loans_problem.setStyleSheet(PROBLEM_STYLE)
        self.loans_problem.hide()
        loans_host = QWidget()
        loans_layout = QVBoxLayout(loans_host)
        loans_layout.setContentsMargins(0, 0, 0, 0)
        loans_layout.addLayout(loans_row)
        loans_layout.addWidget(self.loans_problem)
        self.inputs["tax.year"].set_choices(tax_year_choices())
        form = you.layout()
        assert isinstance(form, QFormLayout)
        form.addRow(SETTING_FIELD["tax.student_loans"].label, loans_host)
        layout.addWidget(you)

        search = self._group("Job search", "Search", SEARCH_FIELDS)
        layout.addWidget(search)

        history = self._group("Your search so far", "History", HISTORY_FIELDS)
        self.history_button = QPushButton("Set rates from my history")
        self.history_button.setAccessibleName("Set rates from my history")
        self.history_button.setToolTip(
            "Set the callback rate before experience and the offers per callback from your counts, "
            "weighed against the starting belief (one step you can undo)."
        )
        self.history_button.clicked.connect(self.set_from_history)
        self.history_summary = PlainLabel("")
        self.history_summary.setWordWrap(True)
        history_form = history.layout()
        assert isinstance(history_form, QFormLayout)
        history_form.addRow(self.history_summary)
        history_form.addRow(self.history_button)
        layout.addWidget(history)

        # Beside the search settings it checks, before the simulation's.
        self.reality = RealityPanel()
        layout.addWidget(self.reality)
        layout.addWidget(self._group("Simulation", "Simulation", SIMULATION_FIELDS))
        layout.addStretch(1)
        self.setWidget(host)

        controller.scenario_settled.connect(self._show)
        self._show(controller.scenario)
        # The reality check reads results: settled ones only, never a drag's preview.
        controller.evaluation_settled.connect(self.reality.show_evaluation)
        if controller.evaluation is not None:
            self.reality.show_evaluation(controller.evaluation)

    @property
    def charts(self) -> tuple[ChartPanel, ...]:
        """No charts on this page."""
        return ()

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """The form shows inputs only: it follows the scenario, not the results."""

    def _group(self, title: str, subject: str, specs: tuple[FieldSpec, ...]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in specs:
            field_input = FieldInput(spec, f"{spec.label}: {subject}")
            field_input.checker = lambda value, key=spec.key: self._check(key, value)
            field_input.committed.connect(lambda value, s=spec: self._commit(s, value))
            label = PlainLabel(spec.label)
            label.setToolTip(spec.help)
            label.setBuddy(field_input.input)
            form.addRow(label, field_input)
            self.inputs[spec.key] = field_input
        return box

    def _check(self, key: str, value: object) -> str | None:
        try:
            set_scenario_value(self._controller.scenario, key, value)
        except InvalidValueError as error:
            return error.rule
        return None

    def _commit(self, spec: FieldSpec, value: object) -> None:
        try:
            changed = set_scenario_value(self._controller.scenario, spec.key, value)
        except InvalidValueError as error:
            self.inputs[spec.key].show_problem(error.rule)
            return
        self._controller.edit(changed, f"Change {spec.label.lower()}")

    @Slot(object)
    def _show(self, scenario: Scenario) -> None:
        choices = benchmark_choices(scenario)
        for key in ("target_benchmark_id", "search.benchmark_id"):
            if self._choices.get(key) != choices:
                self._choices[key] = choices
                self.inputs[key].set_choices(choices)
        for key, field_input in self.inputs.items():
            field_input.set_value(scenario_value(scenario, key))
        for plan, box in self.loans.items():
            box.blockSignals(True)
            box.setChecked(plan in scenario.tax.student_loans)
            box.blockSignals(False)
        history = scenario.search.history
        if history is None or history.applications == 0:
            self.history_summary.setText("Enter your counts to set the search rates from them.")
            self.history_button.setEnabled(False)
        else:
            self.history_summary.setText(history_text(history))
            self.history_button.setEnabled(
                rates_from_history(scenario.search, history) != scenario.search
            )

    @Slot()
    def _on_loans(self) -> None:
        plans = tuple(plan for plan, box in self.loans.items() if box.isChecked())
        try:
            changed = set_student_loans(self._controller.scenario, plans)
        except InvalidValueError as error:
            self.loans_problem.setText(error.rule)
            self.loans_problem.show()
            self._show(self._controller.scenario)
            return
        self.loans_problem.hide()
        self._controller.edit(changed, "Change student loans")

    @Slot()
    def set_from_history(self) -> None:
        """Search rates from the user's own counts, as one undoable step."""
        scenario = self._controller.scenario
        history = scenario.search.history
        if history is None or history.applications == 0:
            self.history_summary.setText("Enter how many applications you have sent first.")
            return
        search = rates_from_history(scenario.search, history)
        self._controller.edit(scenario.replace(search=search), "Set search rates from my history")
