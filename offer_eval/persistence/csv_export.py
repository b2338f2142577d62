"""The report as CSV, safe to open in a spreadsheet (no cell can become a formula)."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from typing import Final

from offer_eval.core.evaluate import Evaluation
from offer_eval.persistence.atomic import atomic_write
from offer_eval.present.report import report_dict

FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; numbers pass as they are."""
    if isinstance(cell, str) and cell.startswith(FORMULA_TRIGGERS):
        return "'" + cell
    return cell


COLUMNS: Final = (
    "id",
    "name",
    "base_salary",
    "expected_bonus",
    "sign_on",
    "equity_year1",
    "employer_pension",
    "benefits_value",
    "total_comp_year1",
    "total_comp_years_1_4",
    "illiquid_equity_year1_discounted",
    "net_take_home",
    "net_take_home_monthly",
    "left_to_live_on_year1",
    "hourly_base",
    "hourly_net_including_commute",
    "pay_cut_gross_pct",
    "pay_cut_total_comp_pct",
    "pay_cut_net_pct",
    "vs_target_pct",
    "vs_benchmark_pct",
    "benchmark_percentile",
    "benchmark_note",
    "score",
    "rank",
)


def csv_rows(evaluation: Evaluation) -> list[Sequence[object]]:
    """One header row, then the current job and every offer."""
    report = report_dict(evaluation)
    rows: list[Sequence[object]] = [["role", *COLUMNS]]
    for role, item in [
        ("current", report["current"]),
        *(("offer", offer) for offer in report["offers"]),
    ]:
        rows.append([role, *(item.get(column) for column in COLUMNS)])
    return rows


def to_csv(rows: Iterable[Sequence[object]]) -> bytes:
    """Rows as UTF-8 CSV (with a byte-order mark so spreadsheets pick the encoding)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if cell is None else neutralise(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_report_csv(evaluation: Evaluation, path: str | os.PathLike[str]) -> None:
    """Write the report table to `path` atomically."""
    atomic_write(path, to_csv(csv_rows(evaluation)))
