"""The wheel carries the code and resources: installed (not editable), it works from any folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel and unpack it with pip into a private folder (dependencies come from this venv)."""
    build = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(build), str(ROOT)],
        check=True,
        timeout=600,
    )
    wheel = next(build.glob("offer_eval-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "offer_eval/resources/tax/2026-27.json" in names
    assert "offer_eval/resources/examples/demo.offers.json" in names
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        timeout=600,
    )
    return target


def _run(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["PYTHONPATH"] = str(installed)
    return subprocess.run(
        [sys.executable, "-m", "offer_eval", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_installed_wheel_runs_from_another_folder(installed: Path, tmp_path: Path) -> None:
    probe = _run(installed, tmp_path, "report", "--json")
    assert probe.returncode == 0, probe.stderr
    report = json.loads(probe.stdout)
    assert report["offers"][0]["net_take_home"] > 0
    home = json.loads(
        _run(installed, tmp_path, "take-home", "45000", "--json", "--year", "2026/27").stdout
    )
    assert home["net"] == 35_919.60
    assert _run(installed, tmp_path, "demo", "x.json").returncode == 0
    again = json.loads(_run(installed, tmp_path, "report", "x.json", "--json").stdout)
    assert again == report


def test_installed_code_is_the_wheel_not_the_source_tree(installed: Path, tmp_path: Path) -> None:
    where = subprocess.run(
        [sys.executable, "-c", "import offer_eval.core.resources as r; print(r.resource_root())"],
        cwd=tmp_path,
        env={
            **{k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
            "PYTHONPATH": str(installed),
        },
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(installed))
