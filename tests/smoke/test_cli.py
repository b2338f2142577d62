"""The `offer-eval` command as a user runs it: output shapes, exit codes, one-line errors."""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "offer_eval", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_report_json_has_the_contract_keys() -> None:
    result = run("report", "--json")
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    assert {
        "scenario",
        "schema_version",
        "app_version",
        "currency",
        "tax_year",
        "current",
        "offers",
        "trajectory",
        "decision",
    } <= report.keys()
    position_keys = {
        "id",
        "name",
        "base_salary",
        "total_comp_year1",
        "net_take_home",
        "vs_benchmark_pct",
        "benchmark_percentile",
    }
    assert position_keys <= report["current"].keys()
    offer_keys = position_keys | {
        "pay_cut_gross_pct",
        "pay_cut_total_comp_pct",
        "pay_cut_net_pct",
        "vs_target_pct",
        "score",
        "rank",
    }
    assert [o["id"] for o in report["offers"]] == ["ml-engineer", "london-ds"]
    for offer in report["offers"]:
        assert offer_keys <= offer.keys()
    assert report["offers"][0]["base_salary"] == 45_000.0
    assert report["offers"][0]["pay_cut_gross_pct"] == pytest.approx(-13.4615, abs=1e-4)


def test_take_home_story_figure() -> None:
    result = run("take-home", "45000", "--json", "--year", "2026/27")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["net"] == 35_919.60
    assert {
        "gross",
        "income_tax",
        "employee_ni",
        "student_loan",
        "pension_contribution",
        "child_benefit_charge",
        "net",
    } <= body.keys()


def test_take_home_children_and_benefits_in_kind() -> None:
    # £70,000 and £1,500 of benefits: adjusted net income £71,500, so 57% of two children's
    # £2,337 of Child Benefit (2026/27: 52 x (£27.05 + £17.90), in whole pounds) is charged:
    # £1,332.09, rounded down to £1,332.
    result = run(
        "take-home",
        "70000",
        "--json",
        "--year",
        "2026/27",
        "--children",
        "2",
        "--benefits-in-kind",
        "1500",
    )
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["child_benefit_charge"] == 1_332
    assert body["benefits_in_kind"] == 1_500
    # The benefits are taxed (40% of £1,500 more than on £70,000 alone) but are not cash.
    plain = json.loads(run("take-home", "70000", "--json", "--year", "2026/27").stdout)
    assert body["income_tax"] == pytest.approx(plain["income_tax"] + 600)
    assert body["net"] == pytest.approx(plain["net"] - 600 - 1_332)


@pytest.mark.parametrize(
    ("engagement", "own_keys"),
    [
        ("inside_ir35_umbrella", {"employer_ni", "apprenticeship_levy", "umbrella_margin"}),
        ("outside_ir35_ltd", {"employer_ni", "corporation_tax", "dividend_tax", "accountancy"}),
    ],
)
def test_take_home_contract_json(engagement: str, own_keys: set[str]) -> None:
    result = run(
        "take-home",
        "--day-rate",
        "500",
        "--days",
        "220",
        "--utilisation",
        "90",
        "--engagement",
        engagement,
        "--year",
        "2026/27",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["assignment_income"] == 500 * 220 * 0.9
    assert own_keys <= body.keys()
    assert 0 < body["net"] < body["assignment_income"]
    text = run("take-home", "--day-rate", "500", "--engagement", engagement).stdout
    assert "no sick pay" in text


@pytest.mark.parametrize("amount", ["45k", "£45,000", "45000"])
def test_take_home_accepts_amounts_as_people_type_them(amount: str) -> None:
    result = run("take-home", amount, "--json", "--year", "2026/27")
    assert json.loads(result.stdout)["gross"] == 45_000


def test_take_home_text() -> None:
    result = run("take-home", "45k", "--year", "2026/27", "--student-loan", "plan2")
    assert result.returncode == 0
    assert "Net take-home" in result.stdout
    assert "£" in result.stdout


def test_demo_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    assert run("demo", str(out)).returncode == 0
    from_file = json.loads(run("report", str(out), "--json").stdout)
    built_in = json.loads(run("report", "--json").stdout)
    assert from_file == built_in


def test_report_text_and_csv(tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    result = run("report", "--csv", str(out))
    assert result.returncode == 0, result.stderr
    assert "Net take-home" in result.stdout
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:3] == ["role", "id", "name"]
    assert [row[1] for row in rows[1:]] == ["current", "ml-engineer", "london-ds"]


def test_csv_neutralises_formula_text(tmp_path: Path, demo: Any) -> None:
    from offer_eval.persistence.document import save

    hostile = demo.replace(current=dataclasses.replace(demo.current, name='=HYPERLINK("x")'))
    source = tmp_path / "hostile.offers.json"
    save(hostile, source)
    out = tmp_path / "hostile.csv"
    assert run("report", str(source), "--csv", str(out)).returncode == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1][2] == '\'=HYPERLINK("x")'
    assert all(not cell.startswith(("=", "+", "@", "\t", "\r")) for row in rows for cell in row)


BAD_FILES: list[tuple[str, bytes, str]] = [
    ("empty", b"", "$"),
    ("truncated", b'{"schema_version": 1, "name": "x", "curr', "$"),
    ("not-json", b"hello", "$"),
    ("binary", bytes(range(256)), "$"),
    (
        "wrong-type",
        b'{"schema_version": 1, "name": 5, "current": {"id": "c", "base_salary": 1}}',
        "name",
    ),
    (
        "negative",
        b'{"schema_version": 1, "name": "x", "current": {"id": "c", "base_salary": -1}}',
        "current.base_salary",
    ),
    (
        "absurd",
        b'{"schema_version": 1, "name": "x", "current": {"id": "c", "base_salary": 1e15}}',
        "current.base_salary",
    ),
    ("nan", b'{"schema_version": 1, "name": "x", "current": {"id": "c", "base_salary": NaN}}', "$"),
    (
        "region",
        b'{"schema_version": 1, "name": "x", "current": {"id": "c", "base_salary": 1}, "tax": {"region": "wales"}}',
        "tax.region",
    ),
    (
        "tax-year",
        b'{"schema_version": 1, "name": "x", "current": {"id": "c", "base_salary": 1}, "tax": {"year": "1990/91"}}',
        "tax.year",
    ),
    (
        "two-plans",
        b'{"schema_version": 1, "name": "x", "current": {"id": "c", "base_salary": 1},'
        b' "tax": {"student_loans": ["plan1", "plan2"]}}',
        "tax.student_loans",
    ),
    (
        "duplicate-ids",
        b'{"schema_version": 1, "name": "x", "current": {"id": "c", "base_salary": 1},'
        b' "offers": [{"id": "c", "base_salary": 2}]}',
        "offers[0].id",
    ),
    ("newer", b'{"schema_version": 7, "name": "x"}', "schema_version"),
]


@pytest.mark.parametrize(
    ("label", "content", "json_path"), BAD_FILES, ids=[b[0] for b in BAD_FILES]
)
def test_bad_files_exit_2_with_one_line(
    tmp_path: Path, label: str, content: bytes, json_path: str
) -> None:
    path = tmp_path / f"{label}.offers.json"
    path.write_bytes(content)
    out = tmp_path / "out.csv"
    result = run("report", str(path), "--json", "--csv", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{path}: {json_path}: ")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert path.read_bytes() == content
    assert not out.exists()


def test_missing_file_and_folder(tmp_path: Path) -> None:
    for target, words in ((tmp_path / "nope.json", "no such file"), (tmp_path, "is a folder")):
        result = run("report", str(target))
        assert result.returncode == 2
        assert result.stderr.strip() == f"{target}: $: {words}" or result.stderr.startswith(
            f"{target}: $: {words}"
        )


@pytest.mark.parametrize(
    "args",
    [
        ["take-home", "lots"],
        ["take-home", "-5"],
        ["take-home", "45000", "--region", "wales"],
        ["take-home", "45000", "--student-loan", "plan1", "--student-loan", "plan2"],
        ["take-home", "45000", "--year", "1999/00"],
        ["take-home", "45000", "--children", "-1"],
        ["take-home", "45000", "--day-rate", "400", "--engagement", "outside_ir35_ltd"],
        ["take-home", "--day-rate", "400"],
        ["take-home", "--day-rate", "400", "--engagement", "freelance"],
        ["report", "--bogus"],
    ],
)
def test_bad_arguments_exit_2_with_one_line(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_later_tax_year_notes_the_rules_used() -> None:
    result = run("take-home", "45000", "--year", "2029/30")
    assert result.returncode == 0
    assert "2026/27" in result.stderr


def test_demo_refuses_a_folder(tmp_path: Path) -> None:
    assert run("demo", str(tmp_path)).returncode == 2


def test_a_closed_pipe_is_not_an_error() -> None:
    """`offer-eval report --json | head -1`: exit 0 and nothing on stderr."""
    process = subprocess.Popen(
        [sys.executable, "-m", "offer_eval", "report", "--json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    with process.stderr:
        stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert "BrokenPipeError" not in stderr
    assert stderr == ""
