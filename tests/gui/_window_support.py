"""Helpers shared by the window's tests."""

from __future__ import annotations

from typing import Any

from offer_eval.gui.main_window import MainWindow


def cell(window: MainWindow, key: str, column: int) -> Any:
    """The positions table's cell of one field (`key`) and one position (`column`)."""
    model = window.positions.model
    return model.index(model.row_of(key), column)
