"""`report --pdf` as a user runs it: without a display, and never leaving a half-written file.

The refusals happen before Qt starts, so they are quick and their one line is all of stderr; the
good run goes through a real interpreter with no display variables at all, as on a server.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from offer_eval import app, cli
from offer_eval.core.models import Scenario
from offer_eval.persistence.document import dumps

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The command in a fresh interpreter with no display of any kind and no Qt platform set."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "offer_eval", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def _refused(result: subprocess.CompletedProcess[str], path: Path | str, words: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{path}: $: "), lines[0]
    assert words in lines[0]
    assert result.stdout == ""


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    assert match, info.stdout
    return int(match.group(1))


@pytest.fixture
def scenario_file(tmp_path: Path, demo: Scenario) -> Path:
    path = tmp_path / "plan.offers.json"
    path.write_bytes(dumps(demo))
    return path


def _listing(folder: Path) -> set[str]:
    return {entry.name for entry in folder.iterdir()}


def test_pdf_onto_the_input_is_refused_and_changes_nothing(
    scenario_file: Path, tmp_path: Path
) -> None:
    before = scenario_file.read_bytes()
    link = tmp_path / "link.pdf"
    link.symlink_to(scenario_file)
    files = _listing(tmp_path)
    for output in (scenario_file, link):
        _refused(
            run("report", str(scenario_file), "--pdf", str(output)), output, "is the input file"
        )
    assert scenario_file.read_bytes() == before
    assert link.is_symlink()
    assert _listing(tmp_path) == files  # no temporary left beside the input


def test_pdf_into_a_missing_folder_is_refused(scenario_file: Path, tmp_path: Path) -> None:
    files = _listing(tmp_path)
    missing = tmp_path / "no" / "summary.pdf"
    _refused(run("report", str(scenario_file), "--pdf", str(missing)), missing, "does not exist")
    assert _listing(tmp_path) == files


def test_a_failing_second_output_writes_no_pdf(scenario_file: Path, tmp_path: Path) -> None:
    files = _listing(tmp_path)
    missing = tmp_path / "no" / "table.csv"
    pdf = tmp_path / "summary.pdf"
    _refused(
        run("report", str(scenario_file), "--pdf", str(pdf), "--csv", str(missing)),
        missing,
        "does not exist",
    )
    assert _listing(tmp_path) == files


def test_a_pdf_failing_while_drawn_leaves_the_other_outputs_unwritten(
    scenario_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The CSV is staged first, then the drawing fails half-way: neither may appear.
    existing = tmp_path / "table.csv"
    existing.write_bytes(b"keep")
    files = _listing(tmp_path)

    def half_drawn(evaluation: object, path: Path) -> None:
        Path(path).write_bytes(b"%PDF-1.4 half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(app, "write_summary_pdf", half_drawn)
    pdf = tmp_path / "summary.pdf"
    code = cli.main(["report", str(scenario_file), "--csv", str(existing), "--pdf", str(pdf)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.strip().splitlines() == [f"{pdf}: $: cannot write: No space left on device"]
    assert captured.out == ""
    assert existing.read_bytes() == b"keep"
    assert _listing(tmp_path) == files


def test_report_pdf_without_a_display(scenario_file: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(b"an older summary")  # replaced whole
    csv = tmp_path / "table.csv"
    result = run("report", str(scenario_file), "--pdf", str(pdf), "--csv", str(csv), "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("{")
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert 1 <= _pages(pdf) <= 2
    assert csv.exists()
    assert _listing(tmp_path) == {scenario_file.name, pdf.name, csv.name}
