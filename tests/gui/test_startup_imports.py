"""What the window imports before its first paint: only what the first tab shows.

The simulation, the decision score, the text reports and the PDF summary are imported on first
use, after the first paint; each would add tens of milliseconds to every start-up if a module the
window loads at once imported it at its top.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import json, os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

app = QApplication(["offer-eval"])
from offer_eval.cli import main

assert main([]) == 0
from offer_eval.app import open_windows

window = open_windows()[0]


class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            loaded = sorted(name for name in sys.modules if name.startswith("offer_eval"))
            print(json.dumps(loaded), flush=True)
            os._exit(0)  # before the work that follows the first paint
        return False


painted = Painted()
window.charts[0].view.viewport().installEventFilter(painted)
app.exec()
"""

NOT_BEFORE_THE_FIRST_PAINT = (
    "offer_eval.core.trajectory",
    "offer_eval.core.decision",
    "offer_eval.present.report",
    "offer_eval.present.take_home",
    "offer_eval.gui.summary_pdf",
    "offer_eval.gui.pages.trajectory",
    "offer_eval.gui.pages.decision",
    "offer_eval.persistence.excel",
)


def test_the_first_paint_imports_neither_the_simulation_nor_the_reports(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])),
    )
    result = subprocess.run(
        [sys.executable, "-c", CHILD],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("[")]
    assert lines, result.stderr[-2000:]
    loaded: list[str] = json.loads(lines[-1])
    assert "offer_eval.gui.charts.paycut" in loaded  # the first tab's charts are there
    early = [
        name
        for name in loaded
        if any(name == part or name.startswith(part + ".") for part in NOT_BEFORE_THE_FIRST_PAINT)
    ]
    assert early == []


#: What `offer_eval.cli` may import at its top: the parsers, nothing of the model. The window (which
#: starts through the command line) imports the model, the document reader and msgspec itself,
#: while its start-up holds the garbage collector back.
COMMAND_LINE_IMPORTS = {
    "offer_eval",
    "offer_eval.arguments",
    "offer_eval.cli",
    "offer_eval.core",
    "offer_eval.core.errors",
}


def test_the_command_line_leaves_the_model_to_the_commands_and_the_window() -> None:
    code = (
        "import json, sys; import offer_eval.cli; "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('offer_eval', 'msgspec')))))"
    )
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])),
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = set(json.loads(result.stdout.splitlines()[-1]))
    assert loaded <= COMMAND_LINE_IMPORTS, sorted(loaded - COMMAND_LINE_IMPORTS)
