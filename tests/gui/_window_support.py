"""Helpers shared by the window's tests."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSettings

from offer_eval.gui import dialogs
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.main_window import MainWindow
from offer_eval.gui.settings import Preferences, WindowState


def cell(window: MainWindow, key: str, column: int) -> Any:
    """The positions table's cell of one field (`key`) and one position (`column`)."""
    model = window.positions.model
    return model.index(model.row_of(key), column)


def unshown_window(controller: DocumentController, store: QSettings) -> MainWindow:
    """A main window on `controller` with settings in `store`, not yet shown (no recovery
    question, no worker process: an export starts it when a test needs it)."""
    return MainWindow(
        controller,
        preferences=Preferences(store),
        window_state=WindowState(store),
        check_recovery=False,
        start_worker=False,
    )


def close_window(made: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """Close `made` without its save question (a test's edits are thrown away)."""
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *a: dialogs.SaveChoice.DISCARD)
    made.close()
    made.deleteLater()
