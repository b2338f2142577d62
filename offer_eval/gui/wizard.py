"""New comparison: the current job and one offer in under a minute, everything else defaulted.

Only the figures a person knows by heart are asked for (titles, base salaries, where the jobs are,
the benchmark for the new role); ratings start at 5 and the standard criteria are weighted
equally, ready to be adjusted on the Offers and Decision tabs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from offer_eval.core.benchmarks import shipped_benchmarks
from offer_eval.core.checks import MAX_LABEL
from offer_eval.core.decision import default_criteria
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.models import Position, Scenario, SearchAssumptions
from offer_eval.core.money_text import parse_money
from offer_eval.editing.edits import DEFAULT_RATING
from offer_eval.editing.fields import KNOWN_REGIONS
from offer_eval.gui.forms import PROBLEM_STYLE
from offer_eval.gui.plain_text import PlainLabel
from offer_eval.present.fields import POSITION_FIELD, SETTING_FIELD

REGIONS = tuple((value, label) for value, label in KNOWN_REGIONS if value != "uk")


def _label(key: str) -> str:
    """A job's field as the rest of the window names it."""
    return POSITION_FIELD[key].label


class _MoneyRow(QWidget):
    """A money input with the reason it is refused beside it."""

    def __init__(self, name: str, placeholder: str, *, optional: bool = False) -> None:
        super().__init__()
        self.optional = optional
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setAccessibleName(name)
        self.problem = PlainLabel("")
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setAccessibleName(f"Problem: {name}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 2)
        layout.addWidget(self.problem, 3)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self.check)

    def value(self) -> float | None:
        """The amount typed (pounds a year); raises InvalidValueError with a plain reason."""
        text = self.edit.text().strip()
        if not text:
            if self.optional:
                return None
            raise InvalidValueError("", "enter the annual base salary")
        amount = parse_money(text)
        if amount < 0:
            raise InvalidValueError("", "must not be negative")
        if amount > 10_000_000:
            raise InvalidValueError("", "must be at most £10,000,000")
        return amount

    def check(self) -> bool:
        try:
            self.value()
        except InvalidValueError as error:
            self.problem.setText(
                error.rule if self.edit.text().strip() or not self.optional else ""
            )
            return False
        self.problem.setText("")
        return True


class NewComparisonDialog(QDialog):
    """Two short forms side by side: your job now, and the offer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New comparison")
        self.setAccessibleName("New comparison")
        intro = PlainLabel(
            "Start with what you know: your job now and the offer you are weighing up. "
            "Amounts can be typed as 45000, £45,000 or 45k. Everything else can be filled in later."
        )
        intro.setWordWrap(True)

        self.current_title = QLineEdit()
        self.current_title.setPlaceholderText("e.g. Geophysicist")
        self.current_title.setAccessibleName("Job title: Current job")
        self.current_employer = QLineEdit()
        self.current_employer.setAccessibleName("Employer: Current job")
        self.current_salary = _MoneyRow("Base salary: Current job", "e.g. 52000")
        self.current_region = self._region_box("Job market: Current job")
        self.stipend = QCheckBox("A tax-free stipend (e.g. a PhD)")
        self.stipend.setAccessibleName("Tax-free stipend: Current job")
        current = QGroupBox("Your job now")
        form = QFormLayout(current)
        form.addRow(_label("title"), self.current_title)
        form.addRow(_label("employer"), self.current_employer)
        form.addRow(_label("base_salary"), self.current_salary)
        form.addRow(_label("region"), self.current_region)
        form.addRow("", self.stipend)

        self.offer_title = QLineEdit()
        self.offer_title.setPlaceholderText("e.g. Machine Learning Engineer")
        self.offer_title.setAccessibleName("Job title: Offer")
        self.offer_employer = QLineEdit()
        self.offer_employer.setAccessibleName("Employer: Offer")
        self.offer_salary = _MoneyRow("Base salary: Offer", "e.g. 45000")
        self.offer_region = self._region_box("Job market: Offer")
        self.benchmark = QComboBox()
        self.benchmark.setAccessibleName("Benchmark: Offer")
        self.benchmark.addItem("None yet", "")
        for row in shipped_benchmarks():
            self.benchmark.addItem(row.label, row.id)
        self.benchmark.setToolTip(
            "Published pay for the role you are moving into; you can add your own later."
        )
        offer = QGroupBox("The offer")
        offer_form = QFormLayout(offer)
        offer_form.addRow(_label("title"), self.offer_title)
        offer_form.addRow(_label("employer"), self.offer_employer)
        offer_form.addRow(_label("base_salary"), self.offer_salary)
        offer_form.addRow(_label("region"), self.offer_region)
        offer_form.addRow(_label("benchmark_id"), self.benchmark)

        self.target = _MoneyRow("Target salary: You", "optional, e.g. 60k", optional=True)
        target_row = QFormLayout()
        target_row.addRow(SETTING_FIELD["target_salary"].label, self.target)

        columns = QHBoxLayout()
        columns.addWidget(current)
        columns.addWidget(offer)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create comparison")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(columns)
        layout.addLayout(target_row)
        layout.addWidget(self.buttons)
        for edit in (
            self.current_title,
            self.current_employer,
            self.offer_title,
            self.offer_employer,
        ):
            edit.setMaxLength(MAX_LABEL)  # what a title or employer may hold; a paste stops there
        self.current_title.setFocus(Qt.FocusReason.OtherFocusReason)

    @staticmethod
    def _region_box(name: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        for value, label in REGIONS:
            box.addItem(label, value)
        return box

    def _accept(self) -> None:
        valid = [row.check() for row in (self.current_salary, self.offer_salary, self.target)]
        if all(valid):
            self.accept()

    def scenario(self) -> Scenario:
        """The comparison described by the form; raises InvalidValueError if a figure is wrong."""
        criteria = default_criteria()
        current_salary = self.current_salary.value() or 0.0
        offer_salary = self.offer_salary.value() or 0.0
        benchmark_id = self.benchmark.currentData() or None
        benchmarks = tuple(b for b in shipped_benchmarks())
        current = Position(
            id="current",
            title=self.current_title.text().strip() or "Current job",
            employer=self.current_employer.text().strip(),
            base_salary=current_salary,
            region=str(self.current_region.currentData()),
            tax_free=self.stipend.isChecked(),
            pension_method="none" if self.stipend.isChecked() else "net_pay",
        )
        offer = Position(
            id="offer-1",
            title=self.offer_title.text().strip() or "Offer",
            employer=self.offer_employer.text().strip(),
            base_salary=offer_salary,
            region=str(self.offer_region.currentData()),
            benchmark_id=benchmark_id,
            target_field=True,
            ratings=FrozenMap((c.id, DEFAULT_RATING) for c in criteria if c.kind == "rating"),
        )
        title = offer.title
        return Scenario(
            name=f"{current.title} or {title}",
            current=current,
            target_salary=self.target.value(),
            target_benchmark_id=benchmark_id,
            benchmarks=benchmarks,
            offers=(offer,),
            criteria=criteria,
            search=SearchAssumptions(benchmark_id=benchmark_id),
        )
