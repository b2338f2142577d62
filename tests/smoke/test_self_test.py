"""`offer-eval --self-test` in a fresh process: draws every chart without a screen, one JSON line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_self_test_draws_every_chart_without_a_screen(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env.update(
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_STATE_HOME=str(tmp_path / "state"),
    )
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    result = subprocess.run(
        [sys.executable, "-m", "offer_eval", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, result.stdout + result.stderr
    report = json.loads(lines[0])
    assert result.returncode == 0, report
    assert report["self_test"] == "ok"
    assert report["platform"] == "offscreen"
    assert report["fonts"] > 0
    assert set(report["charts"]) == {
        "Compensation",
        "Pay cut",
        "Marginal rate",
        "Trajectory",
        "Cumulative earnings",
        "Chance accepting is ahead",
        "Decision score",
        "How sure",
        "Weight stability",
        "Application funnel",
        "Applications by channel",
        "Applications by month",
        "Callback rate by month",
    }
    assert all(pixels > 1_000 for pixels in report["charts"].values())
    assert not list(tmp_path.rglob("*.offers.json")), "the self-test leaves no autosave behind"
