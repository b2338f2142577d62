"""The window's file commands: save, reopen, close with unsaved changes, recovery, export, import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from offer_eval.core.models import Scenario
from offer_eval.gui import dialogs
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.main_window import (
    MainWindow,
)
from offer_eval.persistence.document import load, save
from tests.gui._window_support import cell


def test_save_and_reopen_through_the_window(window: MainWindow, tmp_path: Path) -> None:
    assert window.positions.model.setData(
        cell(window, "sign_on", 1), "5k", Qt.ItemDataRole.EditRole
    )
    path = tmp_path / "mine.offers.json"
    assert window._save_to(path)
    assert not window.isWindowModified()
    assert "mine.offers.json" in window.windowTitle()
    assert window.window_state.recent_files[0] == path.resolve()
    reopened = load(path)
    assert reopened == window.controller.scenario
    assert window.open_path(path)
    assert window.controller.background.wait()
    assert window.controller.scenario == reopened


def test_closing_with_unsaved_changes_asks_first(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.positions.model.setData(
        cell(window, "base_salary", 1), "47k", Qt.ItemDataRole.EditRole
    )
    asked: list[str] = []

    def answer(choice: dialogs.SaveChoice) -> Any:
        def ask(parent: Any, name: str, action: str) -> dialogs.SaveChoice:
            asked.append(action)
            return choice

        return ask

    monkeypatch.setattr(dialogs, "ask_save_changes", answer(dialogs.SaveChoice.CANCEL))
    window.close()
    assert asked == ["closing"] and window.isVisible()
    monkeypatch.setattr(dialogs, "ask_save_changes", answer(dialogs.SaveChoice.DISCARD))
    window.close()
    assert not window.isVisible()


def test_closing_and_choosing_save_writes_the_file(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "keep.offers.json"
    window._save_to(path)
    assert window.positions.model.setData(
        cell(window, "base_salary", 2), "63k", Qt.ItemDataRole.EditRole
    )
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *a: dialogs.SaveChoice.SAVE)
    window.close()
    assert not window.isVisible()
    assert load(path).offer("london-ds").base_salary == 63_000


def test_a_clean_window_closes_without_asking(window: MainWindow) -> None:
    window.close()
    assert not window.isVisible()


def test_the_crash_recovery_offer(
    qtbot: Any, demo: Scenario, store: Any, autosave_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from offer_eval.editing.edits import set_position_value
    from offer_eval.gui.autosave import AutosaveStore
    from offer_eval.gui.settings import Preferences, WindowState

    autosave_folder.mkdir(parents=True)
    lost = set_position_value(demo, "ml-engineer", "base_salary", 49_000)
    save(lost, autosave_folder / "session-0123456789ab.offers.json")
    offered: list[str] = []

    def restore(parent: Any, leftover: Any) -> dialogs.RecoverChoice:
        offered.append(leftover.name)
        return dialogs.RecoverChoice.RESTORE

    monkeypatch.setattr(dialogs, "ask_recover", restore)
    controller = DocumentController(demo, autosave=AutosaveStore(autosave_folder))
    controller.evaluate_now()
    window = MainWindow(
        controller,
        preferences=Preferences(store),
        window_state=WindowState(store),
        check_recovery=True,
        start_worker=False,
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(offered))
    assert offered == [demo.name]
    assert window.controller.scenario == lost
    assert window.controller.is_modified and window.isWindowModified()
    assert not (autosave_folder / "session-0123456789ab.offers.json").exists()
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *a: dialogs.SaveChoice.DISCARD)
    window.close()


def test_opening_a_missing_or_corrupt_file_is_a_message_not_a_crash(
    window: MainWindow, tmp_path: Path, no_modal_dialogs: list[tuple[str, str]]
) -> None:
    before = window.controller.scenario
    corrupt = tmp_path / "corrupt.offers.json"
    corrupt.write_bytes(b'{"schema_version": 1, "name": ')
    assert window.open_path(corrupt)  # started: the file is read in the background
    assert window.controller.background.wait()
    assert window.open_path(tmp_path / "missing.offers.json")
    assert window.controller.background.wait()
    assert [title for title, _ in no_modal_dialogs] == ["Cannot open the comparison"] * 2
    assert "not valid JSON" in no_modal_dialogs[0][1]
    assert window.controller.scenario == before


def test_charts_export_to_png_and_svg(window: MainWindow, tmp_path: Path) -> None:
    for suffix in (".png", ".svg"):
        path = tmp_path / f"compensation{suffix}"
        window.compensation.export_image(path)
        assert path.stat().st_size > 1_000
    image = QImage(str(tmp_path / "compensation.png"))
    assert not image.isNull() and image.width() >= 800
    assert b"<svg" in (tmp_path / "compensation.svg").read_bytes()[:400]
    with pytest.raises(OSError):
        window.compensation.export_image(tmp_path / "chart.gif")


def test_excel_export_and_import_round_trip(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "comparison.xlsx"
    assert window.export_excel(path)
    assert window.controller.background.wait()
    assert path.stat().st_size > 5_000
    assert window.import_excel(path)
    assert window.controller.background.wait()
    imported = window.controller.scenario
    assert [o.id for o in imported.offers] == ["ml-engineer", "london-ds"]
    assert window.isWindowModified()
