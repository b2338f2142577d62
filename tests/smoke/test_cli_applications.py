"""`offer-eval applications IN.csv FILE` and the `applications` summary of `report --json`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from offer_eval.core.resources import resource
from offer_eval.persistence.document import load

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "offer_eval", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_the_demo_report_summarises_its_illustrative_log() -> None:
    result = run("report", "--json")
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    log = report["applications"]
    # The story's counts: 117 applications, 4 past the CV stage (3 of them to an interview), 1 offer.
    assert log["count"] == 117
    assert log["funnel"] == {"applied": 117, "screen": 4, "interview": 3, "offer": 1}
    # Beta(1.05 + 4, 28.95 + 113): mean 5.05 / 147; percentiles from LibreOffice's BETAINV.
    assert log["callback_rate_novice"] == {
        "mean": round(5.05 / 147, 4),
        "p10": round(0.0169962013790895, 4),
        "p90": round(0.0544387937843133, 4),
        "n": 117,
        "successes": 4,
    }
    assert log["callback_rate_experienced"]["n"] == 0  # no work in the new field yet
    assert log["offers_per_callback"] == {
        "mean": 0.25,
        "p10": round(0.0788234461601413, 4),
        "p90": round(0.4525649433578, 4),
        "n": 4,
        "successes": 1,
    }
    assert report["illustrative"] is True


def test_the_demo_log_is_marked_illustrative_and_matches_the_history() -> None:
    demo = json.loads(resource("examples", "demo.offers.json").read_bytes())
    assert demo["sources"]["applications"] == "illustrative"
    assert "illustrative" in demo["notes"]
    history = demo["search"]["history"]
    rows = demo["applications"]
    assert len(rows) == history["applications"] == 117
    assert sum(r["stage"] != "applied" for r in rows) == history["callbacks"] == 4
    assert sum(r["stage"] == "offer" for r in rows) == history["offers"] == 1


def test_a_report_without_a_log_has_null_applications() -> None:
    example = resource("examples", "phd-stipend.offers.json")
    result = run("report", str(example), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["applications"] is None


def _scenario(tmp_path: Path) -> Path:
    path = tmp_path / "plan.offers.json"
    assert run("demo", str(path)).returncode == 0
    return path


def test_rows_are_added_and_refused_rows_reported_by_line(tmp_path: Path) -> None:
    plan = _scenario(tmp_path)
    log = tmp_path / "log.csv"
    log.write_bytes(
        "Date;Company;Status;Salary\n"
        "14/03/2025;Café Vision;applied;\n"
        "15 Mar 2025;Nope;hired;\n"
        "2025-03-16;Offerco;offer;\n".encode("cp1252")
    )
    result = run("applications", str(log), str(plan))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Added 2 applications to {plan}; 1 row left out.\n"
    assert result.stderr.splitlines() == [
        f"{log}: line 3: unknown stage 'hired' (use applied, screen, interview, offer) (row left out)",
        f"{log}: line 4: an offer without a salary (kept)",
    ]
    scenario = load(plan)
    assert len(scenario.applications) == 119
    added = scenario.applications[-2:]
    assert [(a.date, a.employer, a.stage) for a in added] == [
        ("2025-03-14", "Café Vision", "applied"),
        ("2025-03-16", "Offerco", "offer"),
    ]
    assert len({a.id for a in scenario.applications}) == 119


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"employer\nA\n", "no date column"),
        (b"date\nnot a date\n", "no row could be read"),
    ],
)
def test_nothing_is_written_when_nothing_can_be_read(
    tmp_path: Path, content: bytes, message: str
) -> None:
    plan = _scenario(tmp_path)
    before = plan.read_bytes()
    log = tmp_path / "log.csv"
    log.write_bytes(content)
    result = run("applications", str(log), str(plan))
    assert result.returncode == 2
    assert message in result.stderr
    assert plan.read_bytes() == before


def test_the_csv_is_never_the_output(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_bytes(b"date\n2025-03-14\n")
    before = log.read_bytes()
    result = run("applications", str(log), str(log))
    assert result.returncode == 2
    assert log.read_bytes() == before


def test_a_hard_link_of_the_scenario_given_as_the_csv_is_refused_as_the_output(
    tmp_path: Path,
) -> None:
    plan = _scenario(tmp_path)
    before = plan.read_bytes()
    linked = tmp_path / "log.csv"
    os.link(plan, linked)
    result = run("applications", str(linked), str(plan))
    assert result.returncode == 2
    assert result.stderr == f"{plan}: $: is the input file {linked}; give another file name\n"
    assert plan.read_bytes() == before


def test_a_symbolic_link_to_the_csv_is_refused_as_the_output(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_bytes(b"date\n2025-03-14\n")
    link = tmp_path / "plan.offers.json"
    link.symlink_to(log)
    result = run("applications", str(log), str(link))
    assert result.returncode == 2
    assert "is the input file" in result.stderr
    assert log.read_bytes() == b"date\n2025-03-14\n"


def test_a_scenario_behind_a_symbolic_link_is_updated_and_the_link_kept(tmp_path: Path) -> None:
    plan = _scenario(tmp_path)
    link = tmp_path / "shortcut.offers.json"
    link.symlink_to(plan)
    log = tmp_path / "log.csv"
    log.write_bytes(b"date,employer\n2025-03-14,Linkco\n")
    result = run("applications", str(log), str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == plan.resolve()
    assert load(plan).applications[-1].employer == "Linkco"


@pytest.mark.parametrize("which", ["fifo-file", "folder-file", "fifo-csv"])
def test_special_files_exit_2_at_once_and_change_nothing(tmp_path: Path, which: str) -> None:
    plan = _scenario(tmp_path)
    log = tmp_path / "log.csv"
    log.write_bytes(b"date\n2025-03-14\n")
    special = tmp_path / "special"
    if which == "folder-file":
        special.mkdir()
    else:
        os.mkfifo(special)
    csv, file = (str(special), str(plan)) if which == "fifo-csv" else (str(log), str(special))
    before = plan.read_bytes()
    result = run("applications", csv, file)  # a FIFO read would hang: `run` times out
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"{special}: ")
    assert plan.read_bytes() == before
    assert special.is_dir() if which == "folder-file" else special.is_fifo()
