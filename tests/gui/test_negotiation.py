"""The negotiation dialog: notes and dates readable at a glance."""

from __future__ import annotations

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
