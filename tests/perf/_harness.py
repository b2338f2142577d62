"""What the window benchmarks share: a fresh interpreter, the 5 ms gap timer, the JSON report.

Each benchmark measures its work in a child interpreter with Qt offscreen and throwaway user
folders (so the user's own settings, recovery files and PDF worker are never touched, and nothing
a previous benchmark imported or warmed up flatters the figures). While the work runs, a 5 ms timer
ticks on the GUI thread: the longest gap between two ticks is the longest the window could not
react (paint, take a key press). With `where`, a watchdog thread samples the GUI thread's stack
whenever the timer is late, so a benchmark that misses its budget also says where the time went.
"""

from __future__ import annotations

import itertools
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from offer_eval.core.models import Scenario
    from offer_eval.gui.controller import DocumentController
    from offer_eval.gui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
BUDGET_GAP_MS = 50.0
TICK_MS = 5
LATE_S = 0.03  # the watchdog samples the stack once the timer is this late
SAMPLE_S = 0.01


def environment(home: Path) -> dict[str, str]:
    """This environment with Qt offscreen, every user folder under `home`, this source tree first."""
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
    )
    return env


def machine() -> dict[str, Any]:
    """What the figures were measured on: a shared or busy machine makes gaps longer."""
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average": list(os.getloadavg()),
    }


def run_child(
    script: str, benchmark: str, arguments: list[str], timeout: int
) -> dict[str, Any] | None:
    """Run `script --child ARGUMENTS` in a fresh interpreter; the JSON object it printed last.

    On a crash or no JSON, writes the child's stderr and a failed report, and returns None.
    """
    with tempfile.TemporaryDirectory(prefix="offer-eval-bench-") as folder:
        run = subprocess.run(
            [sys.executable, str(Path(script).resolve()), "--child", *arguments],
            capture_output=True,
            text=True,
            env=environment(Path(folder)),
            cwd=folder,
            timeout=timeout,
            check=False,
        )
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    if run.returncode != 0 or not lines:
        sys.stderr.write(run.stderr[-4000:])
        sys.stdout.write(json.dumps({"benchmark": benchmark, "ok": False}) + "\n")
        return None
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def emit(report: dict[str, Any], indent: int | None = 2) -> int:
    """Print the report; the exit status is 1 when it missed a budget."""
    sys.stdout.write(json.dumps(report, indent=indent) + "\n")
    return 0 if report["ok"] else 1


def collect_errors() -> list[str]:
    """Error messages the window would show, collected instead (a modal box would hang offscreen).

    Information boxes are dropped and "save changes?" is answered Discard.
    """
    from offer_eval.gui import dialogs

    errors: list[str] = []
    dialogs.show_error = lambda parent, title, text, details="": errors.append(f"{title}: {text}")
    dialogs.show_info = lambda parent, title, text: None
    dialogs.ask_save_changes = lambda *a: dialogs.SaveChoice.DISCARD
    return errors


def open_window(
    scenario: Scenario, folder: Path, *, evaluate_first: bool = True
) -> tuple[DocumentController, MainWindow]:
    """The real window on `scenario` (1400×900, shown), its settings kept in `folder`."""
    from PySide6.QtCore import QSettings

    from offer_eval.gui.controller import DocumentController
    from offer_eval.gui.main_window import MainWindow
    from offer_eval.gui.settings import Preferences, WindowState

    store = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    controller = DocumentController(scenario)
    if evaluate_first:
        controller.evaluate_now()
    window = MainWindow(
        controller,
        preferences=Preferences(store),
        window_state=WindowState(store),
        check_recovery=False,
    )
    window.resize(1400, 900)
    window.show()
    return controller, window


def settle(controller: DocumentController, timeout_s: float = 60.0) -> None:
    """Run the event loop until the window's start-up work is done, then a little longer.

    The start-up work: the full evaluation, then the lowest-salary and tie-salary searches,
    whose results would otherwise land in the middle of a measurement. A running event loop
    (not `processEvents`) also carries out the deletions Qt defers, such as the placeholders
    of tabs built on first show: done during a measurement, they repaint the whole window.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    def idle() -> bool:
        return not controller.background.is_busy() and not controller._full_timer.isActive()

    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(lambda: loop.quit() if idle() else None)
    poll.start()
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    poll.stop()
    QTimer.singleShot(200, loop.quit)
    loop.exec()


class GapTimer:
    """A 5 ms timer on the GUI thread, and optionally a watchdog saying where late ticks went."""

    def __init__(self, where: bool = False) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.ticks: list[float] = []
        self._stalls: dict[str, float] = {}
        self._where = where
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))
        self._main_thread = threading.main_thread().ident or 0
        if where:
            threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        """Every 10 ms while the timer is late: the GUI thread's innermost frames, counted."""
        while True:
            time.sleep(SAMPLE_S)
            if not self._timer.isActive():
                continue
            try:
                late = time.perf_counter() - self.ticks[-1]
            except IndexError:  # cleared for the next measurement
                continue
            if late > LATE_S:
                frame = sys._current_frames().get(self._main_thread)
                if frame is not None:
                    stack = traceback.extract_stack(frame)
                    key = " < ".join(
                        f"{Path(f.filename).name}:{f.name}" for f in reversed(stack[-8:])
                    )
                    self._stalls[key] = self._stalls.get(key, 0.0) + SAMPLE_S

    def start(self) -> float:
        """Start ticking from now (the first tick is the start itself)."""
        self.ticks.clear()
        self._stalls.clear()
        self._timer.start()
        began = time.perf_counter()
        self.ticks.append(began)
        return began

    def stop(self) -> float:
        """Stop; the end counts as a tick, so a stall at the very end is not missed."""
        ended = time.perf_counter()
        self.ticks.append(ended)
        self._timer.stop()
        return ended

    def longest_gap_ms(self) -> float:
        return max(b - a for a, b in itertools.pairwise(self.ticks)) * 1000

    def where_late(self) -> dict[str, Any]:
        """`{"where_late_s": {stack: seconds}}` for the six worst places, or {} without `where`."""
        if not self._where:
            return {}
        top = sorted(self._stalls.items(), key=lambda item: -item[1])[:6]
        return {"where_late_s": {key: round(seconds, 2) for key, seconds in top}}

    def run_until(
        self, start: Callable[[], object], done: Callable[[], bool], poll_ms: int, timeout_ms: int
    ) -> float:
        """Tick, call `start()`, run the event loop until `done()` (checked every `poll_ms`).

        Returns the seconds from the call to `done()` (or the timeout).
        """
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(poll_ms)
        poll.timeout.connect(lambda: loop.quit() if done() else None)
        began = self.start()
        start()
        poll.start()
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        ended = self.stop()
        poll.stop()
        return ended - began
