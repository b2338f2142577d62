"""Importing an application log from CSV: encodings, separators, date styles, refused rows."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest

from offer_eval.core.models import MAX_APPLICATIONS
from offer_eval.persistence.applications_csv import (
    parse_date,
    read_applications,
    read_applications_file,
)
from offer_eval.persistence.document import DocumentError

TODAY = dt.date(2025, 6, 30)


def test_utf8_with_bom_commas_and_iso_dates() -> None:
    data = (
        "\ufeffdate,employer,role,stage,outcome\n"
        "2025-03-14,Acme,ML Engineer,applied,\n"
        "2025-03-20,Zoë Ltd,Data Scientist,screen,rejected\n"
    ).encode()
    result = read_applications(data, today=TODAY)
    assert result.refused == () and result.warnings == ()
    first, second = result.applications
    assert (first.date, first.employer, first.stage, first.outcome) == (
        "2025-03-14",
        "Acme",
        "applied",
        "open",
    )
    assert (second.employer, second.stage, second.outcome) == ("Zoë Ltd", "screen", "rejected")
    assert (first.id, second.id) == ("app-1", "app-2")


def test_cp1252_semicolons_and_uk_dates() -> None:
    data = (
        "Date applied;Company;Job title;Status;Salary\n"
        "14/03/2025;Café Analytics;Data Scientist;offer;£42,500\n"
        "01/04/2025;Société Générale;Quant;applied;\n"
    ).encode("cp1252")
    result = read_applications(data, today=TODAY)
    assert result.refused == ()
    offer, other = result.applications
    assert (offer.date, offer.employer, offer.role) == (
        "2025-03-14",
        "Café Analytics",
        "Data Scientist",
    )
    assert (offer.stage, offer.offered_salary) == ("offer", 42_500.0)
    assert (other.date, other.employer) == ("2025-04-01", "Société Générale")


def test_tabs_and_dates_in_words() -> None:
    data = b"date\temployer\tchannel\n14 Mar 2025\tA\tReferral\n2 September 2024\tB\tLinkedIn\n"
    result = read_applications(data, today=TODAY)
    assert [(a.date, a.channel) for a in result.applications] == [
        ("2025-03-14", "referral"),
        ("2024-09-02", "job_board"),
    ]


def test_refused_rows_are_reported_by_line_and_good_rows_kept() -> None:
    data = (
        b"date,employer,stage,offered salary,notes\n"  # line 1
        b"2025-03-14,Good one,applied,,\n"  # 2
        b"2025-07-01,Future,applied,,\n"  # 3: after today
        b"2025-03-15,Odd,hired,,\n"  # 4: unknown stage
        b'2025-03-16,Multi,applied,,"a note\nover two lines"\n'  # 5-6
        b"31/02/2025,Bad date,applied,,\n"  # 7
        b",No date,applied,,\n"  # 8
        b"\n"  # 9: blank, skipped
        b"2025-03-17,Offer without salary,offer,,\n"  # 10: kept with a warning
        b"2025-03-18,Salary but rejected,applied,40000,\n"  # 11: salary needs an offer
        b"2025-03-19,Last good,interview,,\n"  # 12
    )
    result = read_applications(data, today=TODAY)
    assert [a.employer for a in result.applications] == [
        "Good one",
        "Multi",
        "Offer without salary",
        "Last good",
    ]
    assert result.applications[1].notes == "a note\nover two lines"
    refused = {p.line: p.reason for p in result.refused}
    assert refused == {
        3: "date 2025-07-01 is in the future",
        4: "unknown stage 'hired' (use applied, screen, interview, offer)",
        7: "'31/02/2025' is not a real date",
        8: "no date",
        11: "offered_salary: only an application that reached an offer has one",
    }
    assert [(w.line, w.reason) for w in result.warnings] == [
        (10, "an offer without a salary (kept)")
    ]


def test_a_salary_alone_marks_an_offer() -> None:
    result = read_applications(b"date,salary\n2025-03-14,45k\n", today=TODAY)
    assert (result.applications[0].stage, result.applications[0].offered_salary) == (
        "offer",
        45_000.0,
    )


def test_ids_are_kept_unique() -> None:
    data = b"id,date\nx1,2025-03-14\nx1,2025-03-15\n,2025-03-16\n"
    result = read_applications(data, today=TODAY, existing=("app-1",))
    assert [a.id for a in result.applications] == ["x1", "app-2"]
    assert [(p.line, p.reason) for p in result.refused] == [(3, "id 'x1' is already in the log")]


def test_the_log_limit_refuses_the_rows_beyond_it() -> None:
    data = b"date\n2025-03-14\n2025-03-15\n2025-03-16\n"
    result = read_applications(data, today=TODAY, existing_count=MAX_APPLICATIONS - 1)
    assert len(result.applications) == 1
    assert [p.line for p in result.refused] == [3, 4]
    assert "10,000" in result.refused[0].reason


@pytest.mark.parametrize(
    ("data", "rule"),
    [
        (b"employer,role\nA,B\n", "no date column"),
        (b"", "the file is empty"),
        (b"\x00\x01date\n", "not a text (CSV) file"),
    ],
)
def test_files_that_cannot_be_read_as_a_log(data: bytes, rule: str) -> None:
    with pytest.raises(DocumentError, match=re.escape(rule)):
        read_applications(data, source="log.csv", today=TODAY)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2025-03-14", dt.date(2025, 3, 14)),
        ("14/03/2025", dt.date(2025, 3, 14)),
        ("4/3/2025", dt.date(2025, 3, 4)),
        ("14 Mar 2025", dt.date(2025, 3, 14)),
        ("14 march 2025", dt.date(2025, 3, 14)),
        (" 1 Sept. 2025 ", dt.date(2025, 9, 1)),
    ],
)
def test_date_styles(text: str, day: dt.date) -> None:
    assert parse_date(text) == day


def test_ten_thousand_rows_in_under_two_seconds() -> None:
    lines = ["Date,Company,Role,Stage,Outcome,Channel"]
    stages = ("applied", "screen", "interview", "offer")
    for index in range(MAX_APPLICATIONS):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=index % 1_500)
        stage = stages[index % 4] if index % 10 == 0 else "applied"
        lines.append(f"{day:%d/%m/%Y},Employer {index},Role {index % 7},{stage},open,referral")
    data = ("\n".join(lines) + "\n").encode()
    started = time.perf_counter()
    result = read_applications(data, today=TODAY)
    elapsed = time.perf_counter() - started
    assert len(result.applications) == MAX_APPLICATIONS
    assert result.refused == ()
    assert elapsed < 2.0, f"{elapsed:.2f} s"


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        read_applications_file(tmp_path / "missing.csv")
    with pytest.raises(DocumentError, match="is a folder"):
        read_applications_file(tmp_path)
    log = tmp_path / "log.csv"
    log.write_bytes(b"date\n2025-03-14\n")
    assert len(read_applications_file(log, today=TODAY).applications) == 1
