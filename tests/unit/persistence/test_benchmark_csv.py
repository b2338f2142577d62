"""The benchmark CSV reader: loose column names, amounts as people write them, bad rows reported."""

from __future__ import annotations

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
