"""Budgets of the desktop app on the 2-core reference machine: start-up, a what-if slider step,
and peak memory.

* Start-up: from process start to the first painted window whose visible tab's charts show the
  demo, against the smallest pyqtgraph program (a QMainWindow with one PlotWidget and one curve)
  measured the same way; 7 interleaved runs of each, medians compared. Budget: ratio ≤ 1.5.
* Slider step: on the demo at interactive resolution, from `setValue` on a dragged slider until
  every visible chart has repainted; 200 steps, p95 ≤ 16 ms. Measured on the Offers tab (the one
  the app opens on) and on the Trajectory and Decision tabs. Full resolution after the release:
  from the release until the full result is on screen, ≤ 150 ms.
* Peak memory: open the demo, drag a slider 100 steps (200 here), export the workbook and a
  chart: peak resident memory ≤ 300 MB.

Each measurement runs in a fresh interpreter with Qt offscreen and throwaway user folders. The app
is measured as it runs once installed: with its bytecode compiled (pip compiles it on install, as
it did pyqtgraph's), into a throwaway cache, even where PYTHONDONTWRITEBYTECODE is set. Prints
one JSON object; exits 1 when any budget is missed.

    python tests/perf/bench_gui.py [--runs 7] [--steps 200]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
STARTUP_RATIO = 1.5
STEP_P95_MS = 16.0
FULL_AFTER_RELEASE_MS = 150.0
PEAK_MEMORY_MB = 300.0

BASELINE_CHILD = """
import os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg

app = QApplication(sys.argv)
window = QMainWindow()
plot = pg.PlotWidget()
plot.plot([1, 2, 3, 4], [3, 1, 4, 2])
window.setCentralWidget(plot)
window.resize(1400, 900)


class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, done)
        return False


def done():
    print("painted", flush=True)
    os._exit(0)


watcher = Painted()
plot.viewport().installEventFilter(watcher)
window.show()
app.exec()
"""

APP_CHILD = """
import os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(["offer-eval"])
from offer_eval.cli import main

assert main([]) == 0  # the real entry point: with an application running it shows the window
from offer_eval.app import open_windows

window = open_windows()[0]
window.resize(1400, 900)
charts = [chart for chart in window.charts if chart.isVisible()]
waiting = {id(chart.view.viewport()): chart for chart in charts}


class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and id(watched) in waiting:
            chart = waiting.pop(id(watched))
            assert chart.has_data(), chart.title
            if not waiting:
                QTimer.singleShot(0, done)
        return False


def done():
    print("painted", len(charts), flush=True)
    os._exit(0)


watcher = Painted()
for chart in charts:
    chart.view.viewport().installEventFilter(watcher)
app.exec()
"""


def _environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        PYTHONPYCACHEPREFIX=str(home / "bytecode"),
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
    )
    return env


def _time_to_paint(code: str, home: Path) -> float:
    """Seconds from starting a Python process running `code` to its "painted" line."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(home),
        cwd=str(home),
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    _, errors = process.communicate(timeout=60)
    if not line.startswith("painted"):
        raise RuntimeError(f"child did not paint: {line!r} {errors[-2000:]}")
    return elapsed


def measure_startup(runs: int) -> dict[str, Any]:
    baseline: list[float] = []
    app: list[float] = []
    with tempfile.TemporaryDirectory(prefix="offer-eval-bench-") as folder:
        home = Path(folder)
        _time_to_paint(BASELINE_CHILD, home)  # warm the file cache for both
        _time_to_paint(APP_CHILD, home)
        for _ in range(runs):
            baseline.append(_time_to_paint(BASELINE_CHILD, home))
            app.append(_time_to_paint(APP_CHILD, home))
    ratio = statistics.median(app) / statistics.median(baseline)
    return {
        "baseline_median_s": round(statistics.median(baseline), 4),
        "app_median_s": round(statistics.median(app), 4),
        "baseline_runs_s": [round(v, 4) for v in baseline],
        "app_runs_s": [round(v, 4) for v in app],
        "ratio": round(ratio, 3),
        "budget_ratio": STARTUP_RATIO,
        "ok": ratio <= STARTUP_RATIO,
    }


def _percentile(values: list[float], level: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(level / 100 * (len(ordered) - 1)))]


def interactive_child(steps: int) -> dict[str, Any]:
    """In a fresh process: slider steps per tab, the release, the exports and peak memory."""
    import resource

    from PySide6.QtCore import QEvent, QObject, QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication(["offer-eval"])
    from offer_eval.gui.controller import DocumentController
    from offer_eval.gui.main_window import TAB_DECISION, TAB_OFFERS, TAB_TRAJECTORY, MainWindow
    from offer_eval.gui.settings import Preferences, WindowState
    from offer_eval.persistence.examples import demo_scenario

    folder = Path(tempfile.mkdtemp(prefix="offer-eval-bench-"))
    store = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    controller = DocumentController(demo_scenario())
    controller.evaluate_now()
    window = MainWindow(
        controller,
        preferences=Preferences(store),
        window_state=WindowState(store),
        check_recovery=False,
    )
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    controller.wait_for_full()

    painted: set[int] = set()

    class Painted(QObject):
        def eventFilter(self, watched: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.add(id(watched))
            return False

    watcher = Painted()
    for chart in window.charts:
        chart.view.viewport().installEventFilter(watcher)

    slider = window.whatif.sliders["offer:ml-engineer:base_salary"]

    def resolution() -> str:
        return controller.evaluation.resolution if controller.evaluation is not None else ""

    def drag(tab: int) -> tuple[list[float], float, int]:
        window.build_tab(tab)
        window.tabs.setCurrentIndex(tab)
        for _ in range(3):
            app.processEvents()
        controller.wait_for_full()
        visible = [c for c in window.charts if c.isVisible()]
        times: list[float] = []
        slider.setSliderDown(True)
        span = slider.maximum() - slider.minimum()
        for step in range(steps):
            # Sweep across the range and back: every step is a new value (no remembered result)
            # until the sweep turns, as in a real drag.
            lap = step % (2 * span)
            value = slider.minimum() + (lap if lap < span else 2 * span - lap)
            painted.clear()
            started = time.perf_counter()
            slider.setValue(value)
            # Let the event loop paint as it would on screen (a scene change reaches its view
            # through queued calls); a chart still not painted after that is painted now.
            for _ in range(20):
                app.processEvents()
                if all(id(chart.view.viewport()) in painted for chart in visible):
                    break
            for chart in visible:
                if id(chart.view.viewport()) not in painted:
                    chart.view.viewport().repaint()
            times.append((time.perf_counter() - started) * 1000)
        assert resolution() == "interactive"
        released = time.perf_counter()
        slider.setSliderDown(False)
        controller.wait_for_full()
        app.processEvents()
        full_ms = (time.perf_counter() - released) * 1000
        assert resolution() == "full"
        return times, full_ms, len(visible)

    tabs: dict[str, Any] = {}
    for name, tab in (
        ("offers", TAB_OFFERS),
        ("trajectory", TAB_TRAJECTORY),
        ("decision", TAB_DECISION),
    ):
        times, full_ms, count = drag(tab)
        tabs[name] = {
            "visible_charts": count,
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(_percentile(times, 95), 2),
            "max_ms": round(max(times), 2),
            "full_after_release_ms": round(full_ms, 1),
        }
    window.tabs.setCurrentIndex(TAB_OFFERS)
    exported: list[str] = []
    window.compensation.export_image(folder / "compensation.png")
    exported.append("compensation.png")
    try:
        from offer_eval.persistence.excel import write_workbook  # noqa: F401
    except ImportError:
        pass
    else:
        if window.export_excel(folder / "comparison.xlsx"):
            exported.append("comparison.xlsx")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    controller.shutdown()
    return {"tabs": tabs, "exported": exported, "peak_memory_mb": round(peak_mb, 1), "steps": steps}


def measure_interactive(steps: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="offer-eval-bench-") as folder:
        result = subprocess.run(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--child-interactive",
                "--steps",
                str(steps),
            ],
            capture_output=True,
            text=True,
            env=_environment(Path(folder)),
            cwd=folder,
            timeout=600,
            check=False,
        )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"interactive child failed: {result.stderr[-3000:]}")
    data: dict[str, Any] = json.loads(lines[-1])
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--child-interactive", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_interactive:
        sys.stdout.write(json.dumps(interactive_child(args.steps)) + "\n")
        return 0
    startup = measure_startup(args.runs)
    interactive = measure_interactive(args.steps)
    step_ok = all(tab["p95_ms"] <= STEP_P95_MS for tab in interactive["tabs"].values())
    full_ok = all(
        tab["full_after_release_ms"] <= FULL_AFTER_RELEASE_MS
        for tab in interactive["tabs"].values()
    )
    memory_ok = interactive["peak_memory_mb"] <= PEAK_MEMORY_MB
    report = {
        "benchmark": "gui",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "startup": startup,
        "slider": {
            **interactive["tabs"],
            "budget_p95_ms": STEP_P95_MS,
            "budget_full_after_release_ms": FULL_AFTER_RELEASE_MS,
            "steps": interactive["steps"],
            "ok": step_ok and full_ok,
        },
        "memory": {
            "peak_mb": interactive["peak_memory_mb"],
            "exported": interactive["exported"],
            "budget_mb": PEAK_MEMORY_MB,
            "ok": memory_ok,
        },
    }
    report["ok"] = bool(startup["ok"] and step_ok and full_ok and memory_ok)
    sys.stdout.write(json.dumps(report, indent=2) + "\n")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
