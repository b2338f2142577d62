"""Benchmarks from a CSV file, as people and spreadsheets write them.

Column names are matched loosely ("Median", "p50", "50th" all mean the median); amounts may be
written as people write them ("£45,000", "45k"). The encoding (UTF-8 with or without a byte-order
mark, or Windows-1252 as UK Excel saves it) and the separator (comma, semicolon or tab) are
detected. Each bad row is reported with its file line number (the header is line 1) and the rule
it breaks; the good rows are still imported. Files past the stated limits are refused with a
message, never cut short silently.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.limits import MAX_BENCHMARKS
from offer_eval.core.models import Benchmark, Scenario
from offer_eval.core.money_text import parse_money
from offer_eval.persistence.inputs import InputError, megabytes, read_regular_file

MAX_CSV_BYTES: Final = 5 * 1024 * 1024
MAX_ROWS: Final = MAX_BENCHMARKS  # data rows; a scenario holds at most this many benchmarks
MAX_COLUMNS: Final = 100
MAX_FIELD_CHARACTERS: Final = 10_000
SEPARATORS: Final = (",", ";", "\t")
_SEPARATOR_NAMES: Final = {",": "comma", ";": "semicolon", "\t": "tab"}
_YEAR: Final = re.compile(r"^\s*(\d{4})(?:\.0*)?\s*$")
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


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "benchmark"


def decode(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (a byte-order mark is dropped), else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ValueError("not text in UTF-8 or Windows-1252 (is it a CSV file?)") from None


def separator(header: str) -> str:
    """The separator that appears most in the header line (comma on a tie).

    Counting characters, not parsing, so a hostile header of 100,000 columns costs one pass.
    """
    return max(SEPARATORS, key=header.count)


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(file line where the record starts, fields) for every record; the header first."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    line = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ValueError(f"line {reader.line_num}: not readable as CSV ({error})") from None
        yield line, fields
        line = reader.line_num + 1


def _year(text: str) -> int:
    match = _YEAR.match(text)
    if not match:
        raise InvalidValueError("year", f"'{text}' is not a year like 2025")
    return int(match.group(1))


def read_benchmarks_csv(path: Path, scenario: Scenario) -> tuple[list[Benchmark], list[str]]:
    """Benchmarks in `path` and a line of explanation per refused row.

    Raises ValueError when the file cannot be read as a CSV with a label and at least one pay
    column, or is past the stated limits.
    """
    try:
        data = read_regular_file(path, MAX_CSV_BYTES, what="CSV file")
    except InputError as error:
        if "larger than" in error.rule:
            raise ValueError(f"the file is larger than {megabytes(MAX_CSV_BYTES)}") from None
        raise ValueError(error.rule) from None
    text = decode(data)
    if not text.strip():
        raise ValueError("the file is empty")
    delimiter = separator(text.splitlines()[0])
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD_CHARACTERS + 1))
    records = _records(text, delimiter)
    _, header = next(records)
    if len(header) > MAX_COLUMNS:
        raise ValueError(f"has {len(header):,} columns; at most {MAX_COLUMNS} can be read")
    columns = [_canonical(name) for name in header]
    known = {canonical for canonical in columns if canonical}
    if "label" not in known and "role" not in known:
        raise ValueError(
            "needs a 'label' (or 'role') column naming each benchmark (columns read with a "
            f"{_SEPARATOR_NAMES[delimiter]} between them: {', '.join(header[:6])})"
        )
    if not known & set(MONEY_FIELDS):
        raise ValueError("needs at least one pay column: median, p25, p75, p10 or p90")
    body = [(line, fields) for line, fields in records if any(field.strip() for field in fields)]
    if len(body) > MAX_ROWS:
        raise ValueError(f"has {len(body):,} rows; at most {MAX_ROWS:,} benchmarks can be imported")
    room = MAX_BENCHMARKS - len(scenario.benchmarks)
    rows: list[Benchmark] = []
    problems: list[str] = []
    taken = {b.id for b in scenario.benchmarks}
    for line, fields in body:
        try:
            if len(fields) > len(header):
                raise ValueError(
                    f"{len(fields)} values but {len(header)} columns (a stray separator?)"
                )
            if len(rows) >= room:
                raise ValueError(f"a scenario holds at most {MAX_BENCHMARKS:,} benchmarks")
            row = _benchmark(dict(zip(columns, fields, strict=False)), line, path, taken)
        except (InvalidValueError, TypeError, ValueError, OverflowError) as error:
            problems.append(f"line {line}: {error}")
            continue
        taken.add(row.id)
        rows.append(row)
    return rows, problems


def _benchmark(record: dict[str | None, str], line: int, path: Path, taken: set[str]) -> Benchmark:
    values: dict[str, Any] = {}
    for canonical, raw in record.items():
        text = raw.strip()
        if canonical is None or not text:
            continue
        if len(text) > MAX_FIELD_CHARACTERS:
            raise InvalidValueError(canonical, f"longer than {MAX_FIELD_CHARACTERS:,} characters")
        if canonical in MONEY_FIELDS:
            values[canonical] = parse_money(text, field=canonical)
        elif canonical == "year":
            values["year"] = _year(text)
        else:
            values[canonical] = text
    label = values.get("label") or values.get("role") or f"Imported row {line}"
    values["label"] = label
    base = values.pop("id", None) or _slug(label)
    benchmark_id = base
    suffix = 2
    while benchmark_id in taken:
        benchmark_id = f"{base}-{suffix}"
        suffix += 1
    values.setdefault("source", f"imported from {path.name}")
    return Benchmark(id=benchmark_id, **values)
