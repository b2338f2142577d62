"""The command line never loses or hangs on the user's files: outputs, special files, limits."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from offer_eval import cli
from offer_eval.core.models import Scenario
from offer_eval.persistence.document import dumps

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


def _refused(result: subprocess.CompletedProcess[str], path: Path | str, words: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{path}: $: "), lines[0]
    assert words in lines[0]
    assert result.stdout == ""


@pytest.fixture
def scenario_file(tmp_path: Path, demo: Scenario) -> Path:
    path = tmp_path / "plan.offers.json"
    path.write_bytes(dumps(demo))
    return path


@pytest.mark.parametrize("flag", ["--csv", "--xlsx"])
def test_report_never_writes_over_its_input(scenario_file: Path, flag: str) -> None:
    before = scenario_file.read_bytes()
    link = scenario_file.with_name("link.csv")
    link.symlink_to(scenario_file)
    for output in (scenario_file, link):
        _refused(run("report", str(scenario_file), flag, str(output)), output, "is the input file")
    assert scenario_file.read_bytes() == before
    assert link.is_symlink()


def test_a_failed_report_writes_none_of_its_outputs(scenario_file: Path, tmp_path: Path) -> None:
    existing = tmp_path / "ok.csv"
    existing.write_bytes(b"keep")
    folder = tmp_path / "folder"
    folder.mkdir()
    _refused(
        run("report", str(scenario_file), "--csv", str(existing), "--xlsx", str(folder)),
        folder,
        "is a folder",
    )
    fresh = tmp_path / "fresh.csv"
    _refused(
        run(
            "report",
            str(scenario_file),
            "--csv",
            str(fresh),
            "--xlsx",
            str(tmp_path / "no" / "x.xlsx"),
        ),
        tmp_path / "no" / "x.xlsx",
        "does not exist",
    )
    assert existing.read_bytes() == b"keep"
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "folder",
        "ok.csv",
        "plan.offers.json",
    ]


def test_report_writes_both_outputs_when_all_is_well(scenario_file: Path, tmp_path: Path) -> None:
    result = run(
        "report",
        str(scenario_file),
        "--csv",
        str(tmp_path / "r.csv"),
        "--xlsx",
        str(tmp_path / "r.xlsx"),
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "r.csv").read_bytes().startswith(b"\xef\xbb\xbfrole,id,name")
    assert (tmp_path / "r.xlsx").read_bytes().startswith(b"PK")
    assert not [path for path in tmp_path.iterdir() if path.name.endswith(".tmp")]


def test_report_xlsx_errors_are_one_line(scenario_file: Path, tmp_path: Path) -> None:
    _refused(run("report", "--xlsx", str(tmp_path)), tmp_path, "is a folder")
    # A FIFO stands for every special file: never a real device, which the old code replaced.
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    _refused(run("report", "--xlsx", str(fifo)), fifo, "not a regular file")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    _refused(run("report", "--xlsx", str(plain / "x.xlsx")), plain / "x.xlsx", "cannot write")


def test_import_and_demo_refuse_special_and_input_files(tmp_path: Path) -> None:
    workbook = tmp_path / "book.xlsx"
    assert run("report", "--xlsx", str(workbook)).returncode == 0
    before = workbook.read_bytes()
    link = tmp_path / "link.offers.json"
    link.symlink_to(workbook)
    _refused(run("import", str(workbook), str(link)), link, "is the input file")
    assert workbook.read_bytes() == before
    _refused(
        run("import", "/dev/zero", str(tmp_path / "x.json")), "/dev/zero", "not a regular file"
    )
    fifo = tmp_path / "pipe.offers.json"
    os.mkfifo(fifo)
    _refused(run("demo", str(fifo)), fifo, "not a regular file")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_demo_through_a_symlink_updates_the_target(tmp_path: Path) -> None:
    real = tmp_path / "real.offers.json"
    real.write_text("old")
    link = tmp_path / "link.offers.json"
    link.symlink_to(real)
    assert run("demo", str(link)).returncode == 0
    assert link.is_symlink()
    assert real.read_text().startswith('{\n  "schema_version"')


def _main_within(args: list[str], seconds: float, release: Path | None = None) -> int:
    """cli.main in a thread; fails if it takes longer than `seconds` (timed without start-up)."""
    codes: list[int] = []
    worker = threading.Thread(target=lambda: codes.append(cli.main(args)), daemon=True)
    started = time.monotonic()
    worker.start()
    worker.join(seconds)
    elapsed = time.monotonic() - started
    if worker.is_alive():
        if release is not None:  # unblock a reader stuck on a FIFO
            with release.open("wb"):
                pass
        pytest.fail(f"offer-eval {' '.join(args)} still running after {seconds} s")
    assert elapsed < seconds
    return codes[0]


@pytest.mark.parametrize("command", ["report", "import"])
def test_special_and_huge_inputs_exit_2_within_2_seconds(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    huge = tmp_path / "huge"
    huge.write_bytes(b" " * (30 * 1024 * 1024))
    extra = [str(tmp_path / "out.offers.json")] if command == "import" else []
    for source, words in (
        ("/dev/zero", "not a regular file"),
        (str(fifo), "not a regular file"),
        (str(huge), "larger than 20 MB"),
    ):
        assert _main_within([command, source, *extra], 2.0, release=fifo) == 2
        error = capsys.readouterr().err
        assert error.startswith(f"{source}: ") and words in error, error
    assert sorted(path.name for path in tmp_path.iterdir()) == ["huge", "pipe"]


def test_too_many_offers_exit_2(tmp_path: Path, demo: Scenario) -> None:
    body = json.loads(dumps(demo))
    body["offers"] = [{**body["offers"][0], "id": f"o{index}"} for index in range(101)]
    path = tmp_path / "many.offers.json"
    path.write_text(json.dumps(body))
    result = run("report", str(path))
    assert result.returncode == 2
    assert result.stderr.strip() == f"{path}: offers: at most 100 offers (this has 101)"


# --- internal errors and --debug --------------------------------------------------------------


def _broken_evaluate(scenario: object) -> object:
    raise RuntimeError("a bug for the test")


# The report command imports the evaluator when it runs, from its own module: the bug goes there.
_EVALUATOR = "offer_eval.core.evaluate.evaluate"


def test_an_internal_error_is_exit_1_in_one_line_with_the_log(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_EVALUATOR, _broken_evaluate)
    assert cli.main(["report"]) == 1
    error = capsys.readouterr().err
    lines = error.strip().splitlines()
    assert len(lines) == 1, error
    assert "internal error" in lines[0] and "a bug for the test" in lines[0]
    assert "Traceback" not in error
    from offer_eval.crash_log import log_path

    log = log_path()
    assert str(log) in lines[0]
    assert "RuntimeError: a bug for the test" in log.read_text(encoding="utf-8")


def test_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_EVALUATOR, _broken_evaluate)
    assert cli.main(["report", "--debug"]) == 1
    error = capsys.readouterr().err
    assert "Traceback (most recent call last)" in error
    assert "_broken_evaluate" in error
    assert error.strip().splitlines()[-1].startswith("offer-eval: internal error")
