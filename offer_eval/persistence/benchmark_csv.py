"""Benchmarks from a CSV file, read with pandas (imported here only, so start-up never pays for it).

Column names are matched loosely ("Median", "p50", "50th" all mean the median); amounts may be
written as people write them ("£45,000", "45k"). Each bad row is reported with its line number and
the rule it breaks; the good rows are still imported.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, Final

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.models import Benchmark, Scenario
from offer_eval.core.money_text import parse_money

MAX_ROWS: Final = 5_000
ALIASES: Final = {
    "id": "id",
    "label": "label",
    "name": "label",
    "benchmark": "label",
    "title": "label",
    "region": "region",
    "location": "region",
    "role": "role",
    "job": "role",
    "year": "year",
    "period": "period",
    "source": "source",
    "url": "source",
    "reliability": "reliability",
    "notes": "notes",
    "p10": "p10",
    "10th": "p10",
    "percentile10": "p10",
    "p25": "p25",
    "25th": "p25",
    "lowerquartile": "p25",
    "percentile25": "p25",
    "median": "median",
    "p50": "median",
    "50th": "median",
    "percentile50": "median",
    "p75": "p75",
    "75th": "p75",
    "upperquartile": "p75",
    "percentile75": "p75",
    "p90": "p90",
    "90th": "p90",
    "percentile90": "p90",
}
MONEY_FIELDS: Final = ("p10", "p25", "median", "p75", "p90")


def _canonical(name: str) -> str | None:
    key = re.sub(r"[^a-z0-9]", "", str(name).lower())
    return ALIASES.get(key)


def _blank(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or str(value).strip() == ""
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "benchmark"


def read_benchmarks_csv(path: Path, scenario: Scenario) -> tuple[list[Benchmark], list[str]]:
    """Benchmarks in `path` and a line of explanation per refused row.

    Raises ValueError when the file is not a CSV with a label and at least one pay column.
    """
    import pandas as pd

    try:
        frame = pd.read_csv(
            path, dtype=str, keep_default_na=False, nrows=MAX_ROWS, encoding="utf-8-sig"
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise ValueError(f"not a readable CSV file ({error})") from None
    columns = {name: _canonical(name) for name in frame.columns}
    known = {canonical for canonical in columns.values() if canonical}
    if "label" not in known and "role" not in known:
        raise ValueError("needs a 'label' (or 'role') column naming each benchmark")
    if not known & set(MONEY_FIELDS):
        raise ValueError("needs at least one pay column: median, p25, p75, p10 or p90")
    rows: list[Benchmark] = []
    problems: list[str] = []
    taken = {b.id for b in scenario.benchmarks}
    for number, record in enumerate(frame.to_dict("records"), start=2):
        values: dict[str, Any] = {}
        try:
            for name, canonical in columns.items():
                raw = record.get(name)
                if canonical is None or _blank(raw):
                    continue
                text = str(raw).strip()
                if canonical in MONEY_FIELDS:
                    values[canonical] = parse_money(text, field=canonical)
                elif canonical == "year":
                    try:
                        values["year"] = int(float(text))
                    except ValueError:
                        raise InvalidValueError("year", f"'{text}' is not a year") from None
                else:
                    values[canonical] = text
            label = values.get("label") or values.get("role") or f"Imported row {number}"
            values["label"] = label
            base = values.pop("id", None) or _slug(label)
            benchmark_id = base
            suffix = 2
            while benchmark_id in taken:
                benchmark_id = f"{base}-{suffix}"
                suffix += 1
            values.setdefault("source", f"imported from {path.name}")
            row = Benchmark(id=benchmark_id, **values)
        except (InvalidValueError, TypeError) as error:
            problems.append(f"line {number}: {error}")
            continue
        taken.add(row.id)
        rows.append(row)
    return rows, problems
