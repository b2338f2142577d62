"""GUI test fixtures: settings in a temporary folder, a window on the demo, no network, no modal waits."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from offer_eval.core.models import Scenario
from offer_eval.gui import dialogs
from offer_eval.gui.autosave import AutosaveStore
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.main_window import MainWindow
from tests.gui._window_support import close_window, unshown_window


class NetworkUsedError(AssertionError):
    """The app tried to open a network connection (all data stays on the machine: it never does)."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every GUI test fails if Python code tries to connect anywhere."""
    attempts: list[str] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(repr(args[1:] if len(args) > 1 else args))
        raise NetworkUsedError(f"network connection attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield attempts
    assert not attempts, f"the app tried to use the network: {attempts}"


@pytest.fixture(autouse=True)
def settings_folder(tmp_path: Path) -> Path:
    """QSettings (the default store too) under this test's temporary folder."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Dialogs never block a test: errors are recorded; questions fail unless a test answers them."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        dialogs, "show_error", lambda parent, title, text, details="": shown.append((title, text))
    )
    monkeypatch.setattr(
        dialogs, "show_info", lambda parent, title, text: shown.append((title, text))
    )

    def unexpected(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"unexpected question: {args[1:]!r}")

    monkeypatch.setattr(dialogs, "ask_save_changes", unexpected)
    monkeypatch.setattr(dialogs, "ask_recover", unexpected)
    monkeypatch.setattr(dialogs, "confirm", unexpected)
    return shown


@pytest.fixture
def store(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "offer-eval.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def autosave_folder(tmp_path: Path) -> Path:
    return tmp_path / "autosave"


@pytest.fixture
def controller(demo: Scenario, autosave_folder: Path, qapp: Any) -> Iterator[DocumentController]:
    made = DocumentController(demo, autosave=AutosaveStore(autosave_folder), autosave_seconds=3600)
    made.evaluate_now()
    yield made
    made.shutdown()


@pytest.fixture
def window(
    qtbot: Any, controller: DocumentController, store: QSettings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    made = unshown_window(controller, store)
    made.resize(1400, 900)
    made.show()
    qtbot.waitExposed(made)
    controller.wait_for_full()
    yield made
    # Closed here rather than by qtbot, which would close it before the answer below is in place.
    close_window(made, monkeypatch)
