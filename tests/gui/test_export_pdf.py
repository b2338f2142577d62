"""File → Export summary as PDF… as a user meets it: a menu item, a file dialog, a PDF on disk.

The export is drawn in the window's worker process; these tests go through it for real (a
patched file dialog is the only stand-in), and read the result back with poppler as a reader's
viewer would.
"""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog

from offer_eval.core.money_text import format_money
from offer_eval.gui import document_window
from offer_eval.gui.main_window import MainWindow
from offer_eval.gui.worker_process import JobControl, WarmProcess
from offer_eval.present.labels import display_names

TIMEOUT_MS = 60_000


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    assert match, info.stdout
    return int(match.group(1))


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> list[str]:
    """Answer the save dialog with `path` (None: the user cancels); records the suggestion."""
    suggested: list[str] = []

    def dialog(parent: Any, caption: str, directory: str, filters: str) -> tuple[str, str]:
        suggested.append(directory)
        return (str(path) if path is not None else "", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    return suggested


def _menu_action(window: MainWindow) -> Any:
    actions = {action.text().replace("&", ""): action for action in window.file_menu.actions()}
    return actions["Export summary as PDF…"]


def test_the_menu_item_writes_a_pdf_and_remembers_the_folder(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_modal_dialogs: list[tuple[str, str]],
) -> None:
    action = _menu_action(window)
    assert action.shortcut().toString()  # reachable from the keyboard, not only by the menu
    folder = tmp_path / "for-mentor"
    folder.mkdir()
    chosen = folder / "summary"  # no suffix typed: .pdf is added
    _choose(monkeypatch, chosen)
    action.trigger()
    assert window.controller.background.wait(timeout_ms=TIMEOUT_MS)
    assert no_modal_dialogs == []
    written = folder / "summary.pdf"
    assert written.read_bytes().startswith(b"%PDF-")
    assert 1 <= _pages(written) <= 2
    text = subprocess.run(
        ["pdftotext", str(written), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())
    evaluation = window.controller.full_evaluation()
    names = display_names(evaluation.scenario)
    for offer in evaluation.offers:
        assert names[offer.position_id] in text
        assert format_money(offer.net_take_home) in text
    assert sorted(p.name for p in folder.iterdir()) == ["summary.pdf"]  # no temporary left
    # The next export suggests the same folder, as the other exports do.
    suggested = _choose(monkeypatch, None)
    assert not window.export_pdf()
    assert Path(suggested[0]).parent == folder


def test_a_failing_export_is_one_message_and_no_file(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_modal_dialogs: list[tuple[str, str]],
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    missing = out / "gone" / "summary.pdf"  # the folder vanished after it was chosen
    _choose(monkeypatch, missing)
    assert window.export_pdf()
    assert window.controller.background.wait(timeout_ms=TIMEOUT_MS)
    assert len(no_modal_dialogs) == 1
    title, text = no_modal_dialogs[0]
    assert title == "Cannot export the summary"
    assert "does not exist" in text
    assert "Traceback" not in text
    assert list(out.iterdir()) == []


def test_a_drawing_that_fails_in_the_worker_writes_nothing(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_modal_dialogs: list[tuple[str, str]],
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "summary.pdf"
    path.write_bytes(b"an earlier summary")

    class Failing:
        def run(self, control: JobControl, function: Any, *args: Any) -> bytes:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(window, "file_worker", Failing)
    assert window.export_pdf(path)
    assert window.controller.background.wait(timeout_ms=TIMEOUT_MS)
    assert len(no_modal_dialogs) == 1
    assert "No space left on device" in no_modal_dialogs[0][1]
    assert path.read_bytes() == b"an earlier summary"
    assert [p.name for p in out.iterdir()] == ["summary.pdf"]


def test_cancel_leaves_no_file(
    window: MainWindow,
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    no_modal_dialogs: list[tuple[str, str]],
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "summary.pdf"
    # The searches that follow the full evaluation run by themselves and may hold the bar.
    assert window.controller.background.wait()
    started = time.monotonic()
    assert window.export_pdf(path)
    status = window.background_status
    qtbot.waitUntil(  # a cold worker takes over 0.3 s
        lambda: (
            status.isVisible()
            and status.shown_job is not None
            and status.shown_job.kind is document_window.WRITE_PDF
        ),
        timeout=10_000,
    )
    assert status.cancel_button.accessibleName() == "Cancel writing the pdf summary"
    status.cancel_button.click()
    assert window.controller.background.wait(timeout_ms=TIMEOUT_MS)
    window.controller.background.shutdown()  # the job has returned: nothing more is written
    assert time.monotonic() - started < 30
    assert no_modal_dialogs == []
    assert list(out.iterdir()) == []
    assert not window.file_worker().alive  # a cancelled worker is ended, not reused


def test_the_worker_starts_after_the_first_paint_and_closes_with_the_window(
    qtbot: Any, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    from offer_eval.gui.controller import DocumentController
    from offer_eval.gui.file_tasks import prepare_worker
    from offer_eval.gui.settings import Preferences, WindowState
    from offer_eval.persistence.examples import demo_scenario

    started: list[object] = []

    class Recorder(WarmProcess):
        def start_in_background(self, *args: Any) -> Any:
            started.append(args)
            return super().start_in_background(*args)

    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    controller = DocumentController(demo_scenario())
    controller.evaluate_now(refine=False)
    made = MainWindow(
        controller,
        preferences=Preferences(store),
        window_state=WindowState(store),
        check_recovery=False,
    )
    made._file_worker = Recorder(prepare_worker)
    real = made.file_worker()
    made.show()
    qtbot.waitUntil(lambda: started == [()], timeout=10_000)  # once, with no menu opened
    qtbot.waitUntil(lambda: real.alive, timeout=10_000)
    made.file_menu.aboutToShow.emit()
    assert started == [()]
    made.close()  # the window's close ends its worker process
    assert not real.alive
    assert document_window.WRITE_PDF.name == "pdf"
