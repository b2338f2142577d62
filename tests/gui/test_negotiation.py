"""The negotiation dialog: notes and dates readable at a glance."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtWidgets import (
    QApplication,
)

from offer_eval.core.models import Scenario


def test_negotiation_notes_and_dates_are_readable(qtbot: Any, demo: Scenario) -> None:
    from offer_eval.gui.negotiation import NegotiationDialog

    offer = next(o for o in demo.offers if o.negotiation)
    dialog = NegotiationDialog(offer, "ML Engineer (regional)")
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    for step, (_stage, _salary, date, note, _remove) in zip(
        offer.negotiation, dialog._rows, strict=True
    ):
        assert note.cursorPosition() == 0, step.note  # the start of a long note, not its end
        placeholder = date.fontMetrics().horizontalAdvance(date.placeholderText())
        assert placeholder < date.width()


def test_a_contracts_negotiation_is_in_its_day_rate(qtbot: Any) -> None:
    from offer_eval.core.models import NegotiationStep
    from offer_eval.editing.edits import set_negotiation
    from offer_eval.gui.negotiation import NegotiationDialog
    from tests.unit.core.test_contract_tie_day_rate import contract_demo

    scenario = contract_demo(150.0)
    offer = dataclasses.replace(scenario.offer("london-ds"), negotiation=())
    dialog = NegotiationDialog(offer, "Contract")
    qtbot.addWidget(dialog)
    _stage, figure, *_ = dialog._rows[0]
    # The first step is the contract's day rate as offered, not its unused base salary of 0.
    assert figure.text() == "£150"
    assert figure.accessibleName() == "Day rate: step 1 of Contract"
    assert dialog.apply_final.text() == "Use the final figure as this offer's day rate"
    steps = (NegotiationStep("offered", 150.0), NegotiationStep("final", 175.0))
    changed = set_negotiation(scenario, "london-ds", steps, apply_final=True).offer("london-ds")
    assert changed.day_rate == 175.0 and changed.base_salary == 0.0
    salaried = set_negotiation(scenario, "ml-engineer", steps, apply_final=True)
    assert salaried.offer("ml-engineer").base_salary == 175.0
