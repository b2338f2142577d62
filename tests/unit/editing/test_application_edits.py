"""Editing the log row by row, pasting and the CSV written for a spreadsheet."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from offer_eval.core.application import Application
from offer_eval.core.errors import InvalidValueError
from offer_eval.editing.applications import (
    add_application_after,
    duplicate_application,
    new_application,
    remove_applications,
    set_application_value,
)
from offer_eval.persistence.applications_csv import (
    applications_csv,
    read_applications,
    read_pasted,
)
from offer_eval.persistence.examples import demo_scenario

TODAY = dt.date(2025, 6, 10)
COLUMNS = ("date", "employer", "role", "target_field", "channel", "stage")


def _log() -> tuple[Application, ...]:
    return (
        Application(id="a", date="2025-01-02", employer="=1+1", role="-Engineer", notes="'quoted"),
        Application(
            id="b",
            date="2025-01-03",
            employer="@home",
            stage="offer",
            offered_salary=41_234.5,
            outcome="declined",
            offer_date="2025-02-01",
            notes="two\nlines, and a comma",
            target_field=False,
            channel="referral",
        ),
        Application(
            id="c", date="2025-01-04", employer="Plain", screen_date="2025-01-09", stage="screen"
        ),
    )


def test_a_field_changes_and_a_future_day_is_refused() -> None:
    scenario = demo_scenario().replace(applications=_log())
    changed = set_application_value(scenario, "c", "employer", "Other", today=TODAY)
    assert changed.applications[2].employer == "Other"
    assert changed.applications[:2] == scenario.applications[:2]
    with pytest.raises(InvalidValueError, match="in the future"):
        set_application_value(scenario, "c", "date", "2025-06-11", today=TODAY)
    with pytest.raises(InvalidValueError, match="cannot be changed"):
        set_application_value(scenario, "c", "id", "z", today=TODAY)
    with pytest.raises(InvalidValueError, match="only an application that reached an offer"):
        set_application_value(scenario, "c", "offered_salary", 40_000.0, today=TODAY)


def test_new_duplicate_and_remove() -> None:
    scenario = demo_scenario().replace(applications=_log())
    row = new_application(scenario, TODAY)
    assert row.date == "2025-06-10" and row.id not in {"a", "b", "c"}
    placed = add_application_after(scenario, row, "a")
    assert [a.id for a in placed.applications] == ["a", row.id, "b", "c"]
    copied, new_id = duplicate_application(scenario, "b")
    assert [a.id for a in copied.applications] == ["a", "b", new_id, "c"]
    assert copied.applications[2] == dataclasses.replace(scenario.applications[1], id=new_id)
    assert remove_applications(scenario, ["a", "c"]).applications == scenario.applications[1:2]


def test_the_csv_reads_back_exactly_and_never_runs_as_a_formula() -> None:
    data = applications_csv(_log())
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "'=1+1" in text and "'-Engineer" in text and "'@home" in text and "''quoted" in text
    back = read_applications(data, today=TODAY)
    assert back.refused == () and back.warnings == ()
    assert back.applications == _log()


def test_pasted_rows_without_a_header_follow_the_table_and_count_lines_from_one() -> None:
    result = read_pasted(
        "2025-03-01\tA\tEngineer\tyes\tjob board\tscreen\r\n"
        "not a day\tB\n"
        "02/03/2025\tC\tAnalyst\tno\tagency\tapplied\r\n",
        COLUMNS,
        today=TODAY,
    )
    assert [
        (a.date, a.employer, a.target_field, a.channel, a.stage) for a in result.applications
    ] == [
        ("2025-03-01", "A", True, "job_board", "screen"),
        ("2025-03-02", "C", False, "recruiter", "applied"),
    ]
    assert [(p.line, p.reason[:14]) for p in result.refused] == [(2, "'not a day' is")]


def test_pasted_rows_with_a_header_use_its_names() -> None:
    result = read_pasted("Stage\tDate\nOffered\t14 Mar 2025\n", COLUMNS, today=TODAY)
    assert [(a.stage, a.date) for a in result.applications] == [("offer", "2025-03-14")]
    assert [(w.line, w.reason) for w in result.warnings] == [
        (2, "an offer without a salary (kept)")
    ]
