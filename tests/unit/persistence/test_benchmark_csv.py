"""The benchmark CSV reader: loose column names, amounts as people write them, bad rows reported."""

from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path

import pytest

from offer_eval.persistence.benchmark_csv import read_benchmarks_csv
from offer_eval.persistence.examples import demo_scenario


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pay.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_rows_are_read_and_each_bad_row_is_named_by_its_line(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "Label,Region,Median,p25,p75,Source\n"
        'Data engineer (London),london,"£75,000",60k,90000,https://example.org\n'
        "Broken row,london,not money,,,x\n"
        "Analyst,uk,42000,,,survey\n",
    )
    rows, problems = read_benchmarks_csv(path, demo_scenario())
    assert [(row.label, row.median, row.p25, row.p75) for row in rows] == [
        ("Data engineer (London)", 75_000, 60_000, 90_000),
        ("Analyst", 42_000, None, None),
    ]
    assert rows[1].source == "survey"
    assert len(problems) == 1 and problems[0].startswith("line 3:")


def test_column_names_match_loosely_and_ids_never_clash(tmp_path: Path) -> None:
    scenario = demo_scenario()
    taken = scenario.benchmarks[0].id
    path = _csv(tmp_path, f"ID,Job,50th\n{taken},Tester,50k\n{taken},Tester,51k\n")
    rows, problems = read_benchmarks_csv(path, scenario)
    assert problems == []
    assert [row.median for row in rows] == [50_000, 51_000]
    assert [row.role for row in rows] == ["Tester", "Tester"]
    ids = [row.id for row in rows]
    assert len(set(ids)) == 2 and taken not in ids
    assert all(row.source == "imported from pay.csv" for row in rows)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Region,Median\nlondon,50000\n", "label"),
        ("Label,Region\nAnalyst,london\n", "pay column"),
    ],
)
def test_a_file_without_the_needed_columns_is_refused(
    tmp_path: Path, text: str, words: str
) -> None:
    with pytest.raises(ValueError, match=words):
        read_benchmarks_csv(_csv(tmp_path, text), demo_scenario())


# --- files as spreadsheets save them, and hostile ones ------------------------------------------


def test_windows_1252_as_uk_excel_saves_it(tmp_path: Path) -> None:
    path = tmp_path / "pay.csv"
    path.write_bytes('Label,Median\r\nCaf\xe9 manager,"\xa345,000"\r\n'.encode("latin-1"))
    rows, problems = read_benchmarks_csv(path, demo_scenario())
    assert problems == []
    assert [(row.label, row.median) for row in rows] == [("Café manager", 45_000)]


def test_a_byte_order_mark_does_not_hide_the_first_column(tmp_path: Path) -> None:
    path = tmp_path / "pay.csv"
    path.write_bytes("\ufeffLabel,Median\nAnalyst,42000\n".encode())
    rows, _ = read_benchmarks_csv(path, demo_scenario())
    assert [row.label for row in rows] == ["Analyst"]


@pytest.mark.parametrize("separator", [";", "\t"])
def test_semicolons_and_tabs_separate_columns(tmp_path: Path, separator: str) -> None:
    text = separator.join(["Label", "Region", "Median"]) + "\n"
    text += separator.join(["Analyst, junior", "uk", "42000"]) + "\n"
    rows, problems = read_benchmarks_csv(_csv(tmp_path, text), demo_scenario())
    assert problems == []
    assert [(row.label, row.region, row.median) for row in rows] == [
        ("Analyst, junior", "uk", 42_000)
    ]


def test_infinite_and_missing_numbers_are_row_errors_and_good_rows_stay(tmp_path: Path) -> None:
    text = (
        "Label,Year,Median\n"
        "Good one,2025,50000\n"
        "Endless,inf,50000\n"
        "Not a number,2025,NaN\n"
        '"Two-line\nname",2024,51000\n'
        "Huge,1e400,52000\n"
        "Another good one,2024.0,53000\n"
        "Stray,2024,54000,extra\n"
    )
    rows, problems = read_benchmarks_csv(_csv(tmp_path, text), demo_scenario())
    assert [(row.label, row.year) for row in rows] == [
        ("Good one", 2025),
        ("Two-line\nname", 2024),
        ("Another good one", 2024),
    ]
    assert [problem.split(":")[0] for problem in problems] == [
        "line 3",
        "line 4",
        "line 7",  # the quoted name took lines 5 and 6
        "line 9",
    ]
    assert "year" in problems[0] and "median" in problems[1]


def test_too_many_rows_are_refused_not_cut(tmp_path: Path) -> None:
    text = "Label,Median\n" + "".join(f"Row {n},{40000 + n}\n" for n in range(20_000))
    with pytest.raises(ValueError, match="20,000 rows; at most 1,000"):
        read_benchmarks_csv(_csv(tmp_path, text), demo_scenario())


def test_too_many_columns_are_refused_quickly(tmp_path: Path) -> None:
    text = "Label,Median," + ",".join(f"c{n}" for n in range(100_000)) + "\nA,1\n"
    started = time.monotonic()
    with pytest.raises(ValueError, match="100,002 columns; at most 100"):
        read_benchmarks_csv(_csv(tmp_path, text), demo_scenario())
    assert time.monotonic() - started < 1


def test_a_scenario_full_of_benchmarks_takes_no_more(tmp_path: Path) -> None:
    base = demo_scenario()
    template = base.benchmarks[0]
    free = 1_000 - len(base.benchmarks)
    full = base.replace(
        benchmarks=(
            *base.benchmarks,
            *(dataclasses.replace(template, id=f"filler-{n}") for n in range(free - 1)),
        )
    )
    text = "Label,Median\nLast one,40000\nOne too many,41000\n"
    rows, problems = read_benchmarks_csv(_csv(tmp_path, text), full)
    assert [row.label for row in rows] == ["Last one"]
    assert problems == ["line 3: a scenario holds at most 1,000 benchmarks"]


@pytest.mark.parametrize("kind", ["folder", "fifo", "device", "huge", "empty", "binary"])
def test_files_that_are_not_csv_are_refused_with_a_reason(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "pay.csv"
    words = {
        "folder": "is a folder",
        "fifo": "not a regular file",
        "device": "not a regular file",
        "huge": "larger than 5 MB",
        "empty": "empty",
        "binary": "not text",
    }[kind]
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path = Path("/dev/zero")
    elif kind == "huge":
        path.write_bytes(b"Label,Median\n" + b"x,1\n" * (2 * 1024 * 1024))
    elif kind == "empty":
        path.write_bytes(b"")
    else:
        path.write_bytes(b"\x81\x8d\x8f\x90\x9d" * 10)
    started = time.monotonic()
    with pytest.raises(ValueError, match=words):
        read_benchmarks_csv(path, demo_scenario())
    assert time.monotonic() - started < 2
