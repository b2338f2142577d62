"""`offer_eval.app.main`: reuses a running QApplication, falls back to the demo on a bad file."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from offer_eval.core.models import Scenario
from offer_eval.persistence.document import save


def test_main_reuses_the_application_and_returns_without_blocking(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from offer_eval.app import main, open_windows

    assert main([]) == 0
    windows = open_windows()
    assert len(windows) == 1
    opened = windows[0]
    assert opened.isVisible() and opened.banner.isVisible()
    assert opened.controller.scenario.is_illustrative
    opened.controller.wait_for_full()
    opened.close()
    qtbot.waitUntil(lambda: not open_windows())


def test_the_garbage_collector_pauses_while_the_window_opens_and_runs_once_it_has_painted(
    qtbot: Any,
) -> None:
    from offer_eval.app import main, open_windows

    assert gc.isenabled()
    assert main([]) == 0
    opened = open_windows()[0]
    assert not gc.isenabled()  # shown, not painted yet: start-up objects are not walked
    painted: list[bool] = []
    opened.first_painted.connect(lambda: painted.append(gc.isenabled()))
    qtbot.waitUntil(lambda: bool(painted), timeout=5_000)
    assert painted == [True]  # running again by the time the window says it has painted
    opened.controller.wait_for_full()
    opened.close()
    qtbot.waitUntil(lambda: not open_windows())
    assert gc.isenabled()


def test_a_window_closed_before_it_painted_leaves_the_garbage_collector_running(
    qtbot: Any,
) -> None:
    from offer_eval.app import main, open_windows

    assert main([]) == 0
    opened = open_windows()[0]
    assert not gc.isenabled()
    opened.close()  # before any event is handled: the window never painted
    qtbot.waitUntil(lambda: not open_windows())
    qtbot.waitUntil(gc.isenabled, timeout=5_000)


def test_main_with_a_bad_file_says_so_and_shows_the_demo(
    qtbot: Any, tmp_path: Path, no_modal_dialogs: list[tuple[str, str]]
) -> None:
    from offer_eval.app import main, open_windows

    bad = tmp_path / "newer.offers.json"
    bad.write_text('{"schema_version": 999}', encoding="utf-8")
    assert main([str(bad)]) == 0
    qtbot.waitUntil(lambda: bool(no_modal_dialogs))
    assert no_modal_dialogs[0][0] == "Cannot open the file"
    assert "newer" in no_modal_dialogs[0][1]
    opened = open_windows()[0]
    assert opened.controller.scenario.is_illustrative and opened.controller.file_path is None
    opened.controller.wait_for_full()
    opened.close()
    qtbot.waitUntil(lambda: not open_windows())


def test_main_opens_a_file(qtbot: Any, tmp_path: Path, demo: Scenario) -> None:
    from offer_eval.app import main, open_windows

    path = tmp_path / "mine.offers.json"
    save(demo.replace(name="Mine"), path)
    assert main([str(path)]) == 0
    opened = open_windows()[0]
    assert opened.controller.file_path == path
    assert opened.windowTitle().startswith("mine.offers.json")
    opened.controller.wait_for_full()
    opened.close()
    qtbot.waitUntil(lambda: not open_windows())
