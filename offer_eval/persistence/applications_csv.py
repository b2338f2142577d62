"""Import an application log from CSV, as exported by a spreadsheet or a job-tracker app.

People keep such logs with their own column names, date styles and encodings, so the reader is
forgiving about form and strict about meaning: common column names are recognised, dates may be
written 2025-03-14, 14/03/2025 or 14 Mar 2025, the file may be UTF-8 (with or without a byte-order
mark) or Windows-1252, separated by commas, semicolons or tabs. A row that cannot be understood is
refused with its line in the file (the header is line 1) and the reason; the good rows are kept.
An offer without a salary is kept, with a warning.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from offer_eval.core.application import (
    CHANNELS,
    MAX_APPLICATIONS,
    OUTCOMES,
    STAGES,
    Application,
)
from offer_eval.core.errors import InvalidValueError
from offer_eval.persistence.document import DocumentError
from offer_eval.persistence.inputs import InputError, megabytes, read_regular_file

MAX_CSV_BYTES: Final = 20 * 1024 * 1024

# Column name (lower case, words joined by "_") -> Application field.
COLUMN_NAMES: Final[dict[str, str]] = {
    **dict.fromkeys(["id", "ref", "reference"], "id"),
    **dict.fromkeys(
        [
            "date",
            "date_applied",
            "applied",
            "applied_on",
            "applied_date",
            "application_date",
            "date_of_application",
        ],
        "date",
    ),
    **dict.fromkeys(
        ["employer", "company", "company_name", "organisation", "organization"], "employer"
    ),
    **dict.fromkeys(["role", "title", "job_title", "job", "position"], "role"),
    **dict.fromkeys(
        ["target_field", "in_target_field", "in_the_new_field", "new_field", "target"],
        "target_field",
    ),
    **dict.fromkeys(["channel", "source", "via", "applied_via"], "channel"),
    **dict.fromkeys(["stage", "status", "stage_reached"], "stage"),
    **dict.fromkeys(["outcome", "result"], "outcome"),
    **dict.fromkeys(["screen_date", "screened", "date_screened", "callback_date"], "screen_date"),
    **dict.fromkeys(["interview_date", "interviewed", "date_interviewed"], "interview_date"),
    **dict.fromkeys(["offer_date", "date_offered"], "offer_date"),
    **dict.fromkeys(
        ["offered_salary", "salary", "offer_salary", "salary_offered"], "offered_salary"
    ),
    **dict.fromkeys(["notes", "note", "comments", "comment"], "notes"),
}

STAGE_WORDS: Final[dict[str, str]] = {
    **{stage: stage for stage in STAGES},
    **dict.fromkeys(["sent", "submitted", "no_reply", "no_response"], "applied"),
    **dict.fromkeys(
        ["screened", "screening", "phone_screen", "callback", "past_cv", "past_the_cv"], "screen"
    ),
    **dict.fromkeys(["interviewed", "interviewing"], "interview"),
    **dict.fromkeys(["offered"], "offer"),
}
CHANNEL_WORDS: Final[dict[str, str]] = {
    **{channel: channel for channel in CHANNELS},
    **dict.fromkeys(["board", "job_site", "linkedin", "indeed", "reed", "totaljobs"], "job_board"),
    **dict.fromkeys(["agency", "recruitment_agency", "headhunter"], "recruiter"),
    **dict.fromkeys(["company_website", "careers_page", "website", "speculative"], "direct"),
}
OUTCOME_WORDS: Final[dict[str, str]] = {
    **{outcome: outcome for outcome in OUTCOMES},
    **dict.fromkeys(["", "pending", "waiting", "in_progress", "active"], "open"),
    **dict.fromkeys(["rejection", "unsuccessful", "no"], "rejected"),
    **dict.fromkeys(["withdrew", "withdraw"], "withdrawn"),
    **dict.fromkeys(["accept"], "accepted"),
    **dict.fromkeys(["decline", "turned_down"], "declined"),
}
TRUE_WORDS: Final = frozenset({"yes", "y", "true", "1", "x"})
FALSE_WORDS: Final = frozenset({"no", "n", "false", "0"})
MONTHS: Final[dict[str, int]] = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_UK = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_WORDS = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})")
_MONEY_NOISE = re.compile(r"[£,\s]|gbp", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A line of the file and what is wrong with it."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class CsvImport:
    """The rows that were read, those refused (with reasons) and warnings about kept rows."""

    applications: tuple[Application, ...]
    refused: tuple[RowProblem, ...]
    warnings: tuple[RowProblem, ...]


class _RowError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@functools.lru_cache(maxsize=4_096)
def word_key(text: str) -> str:
    """A cell's word in the form the tables above use (the same few words repeat on every row)."""
    return re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_")


def parse_date(text: str) -> dt.date:
    """2025-03-14, 14/03/2025 (day first, as in the UK) or 14 Mar 2025 (or 14 March 2025)."""
    value = text.strip()
    try:
        if match := _ISO.fullmatch(value):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := _UK.fullmatch(value):
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        if (match := _WORDS.fullmatch(value)) and match[2].lower() in MONTHS:
            return dt.date(int(match[3]), MONTHS[match[2].lower()], int(match[1]))
    except ValueError:
        raise _RowError(f"'{value}' is not a real date") from None
    raise _RowError(f"'{value}' is not a date (write 2025-03-14, 14/03/2025 or 14 Mar 2025)")


def decode(data: bytes) -> str:
    """UTF-8 (a byte-order mark is dropped), else Windows-1252 (what Excel on Windows saves)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","


def _columns(header: list[str]) -> dict[int, str]:
    columns: dict[int, str] = {}
    for index, name in enumerate(header):
        field = COLUMN_NAMES.get(word_key(name))
        if field is None or field in columns.values():
            continue
        columns[index] = field
    return columns


def _word(value: str, words: dict[str, str], what: str, allowed: Iterable[str]) -> str:
    found = words.get(word_key(value))
    if found is None:
        raise _RowError(f"unknown {what} '{value.strip()}' (use {', '.join(allowed)})")
    return found


def _yes_no(value: str) -> bool:
    word = value.strip().lower()
    if word in ("", *TRUE_WORDS):
        return True
    if word in FALSE_WORDS:
        return False
    raise _RowError(f"target_field '{value.strip()}' must be yes or no")


def _salary(value: str) -> float | None:
    if not value.strip():
        return None
    text = _MONEY_NOISE.sub("", value)
    if not text:
        return None
    multiplier = 1.0
    if text[-1:].lower() == "k":
        text, multiplier = text[:-1], 1_000.0
    try:
        return float(text) * multiplier
    except ValueError:
        raise _RowError(f"offered salary '{value.strip()}' is not an amount") from None


class _Reader:
    def __init__(self, today: dt.date, taken: set[str], room: int) -> None:
        self.today = today
        self.taken = taken
        self.room = room
        self.next_number = 1
        self.rows: list[Application] = []
        self.refused: list[RowProblem] = []
        self.warnings: list[RowProblem] = []

    def new_id(self) -> str:
        while f"app-{self.next_number}" in self.taken:
            self.next_number += 1
        return f"app-{self.next_number}"

    def date(self, value: str, name: str) -> str:
        day = parse_date(value)
        if day > self.today:
            raise _RowError(f"{name} {day.isoformat()} is in the future")
        return day.isoformat()

    def row(self, line: int, cells: dict[str, str]) -> None:
        try:
            application = self._application(cells)
        except _RowError as problem:
            self.refused.append(RowProblem(line, problem.reason))
            return
        except InvalidValueError as problem:
            self.refused.append(RowProblem(line, f"{problem.field}: {problem.rule}"))
            return
        if len(self.rows) >= self.room:
            self.refused.append(
                RowProblem(line, f"the log already holds the most, {MAX_APPLICATIONS:,}")
            )
            return
        if application.stage == "offer" and application.offered_salary is None:
            self.warnings.append(RowProblem(line, "an offer without a salary (kept)"))
        self.taken.add(application.id)
        self.rows.append(application)

    def _application(self, cells: dict[str, str]) -> Application:
        raw_date = cells.get("date", "").strip()
        if not raw_date:
            raise _RowError("no date")
        values: dict[str, object] = {"date": self.date(raw_date, "date")}
        wanted_id = unprotect(cells.get("id", "").strip())
        if wanted_id and wanted_id in self.taken:
            raise _RowError(f"id '{wanted_id}' is already in the log")
        values["id"] = wanted_id or self.new_id()
        for name in ("employer", "role", "notes"):
            if name in cells:
                values[name] = unprotect(cells[name].strip())
        if "target_field" in cells:
            values["target_field"] = _yes_no(cells["target_field"])
        stage_text = cells.get("stage", "").strip()
        if stage_text:
            values["stage"] = _word(stage_text, STAGE_WORDS, "stage", STAGES)
        if cells.get("channel", "").strip():
            values["channel"] = _word(cells["channel"], CHANNEL_WORDS, "channel", CHANNELS)
        if "outcome" in cells:
            values["outcome"] = _word(cells["outcome"], OUTCOME_WORDS, "outcome", OUTCOMES)
        for name in ("screen_date", "interview_date", "offer_date"):
            if cells.get(name, "").strip():
                values[name] = self.date(cells[name], name.replace("_", " "))
        salary = _salary(cells.get("offered_salary", ""))
        if salary is not None:
            if values.get("stage") != "offer" and not stage_text:
                values["stage"] = "offer"  # a salary offered means an offer was made
            values["offered_salary"] = salary
        return Application(**values)  # type: ignore[arg-type]


def read_applications(
    data: bytes,
    *,
    source: str = "<csv>",
    today: dt.date | None = None,
    existing: Iterable[str] = (),
    existing_count: int = 0,
) -> CsvImport:
    """Read a CSV log. `existing` ids are not reused; the log may grow to its limit.

    Raises `DocumentError` when the file as a whole cannot be read (no date column, not text).
    """
    if len(data) > MAX_CSV_BYTES:
        raise DocumentError(source, "$", f"the file is larger than {megabytes(MAX_CSV_BYTES)}")
    if b"\x00" in data[:4096]:
        raise DocumentError(source, "$", "is not a text (CSV) file")
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise DocumentError(source, "line 1", f"cannot be read ({error})") from None
    if header is None:
        raise DocumentError(source, "$", "the file is empty")
    columns = _columns(header)
    if "date" not in columns.values():
        raise DocumentError(
            source,
            "line 1",
            "no date column (name one of: date, date applied, applied on, application date)",
        )
    state = _Reader(
        today or dt.date.today(), set(existing), max(0, MAX_APPLICATIONS - existing_count)
    )
    previous_end = reader.line_num
    for cells in _rows(reader, source):
        line = previous_end + 1  # where the row starts: a quoted cell may span lines
        previous_end = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        state.row(line, {field: cells[i] for i, field in columns.items() if i < len(cells)})
    return CsvImport(tuple(state.rows), tuple(state.refused), tuple(state.warnings))


def _rows(reader: Iterable[list[str]], source: str) -> Iterable[list[str]]:
    try:
        yield from reader
    except csv.Error as error:
        raise DocumentError(source, "$", f"cannot be read as CSV ({error})") from None


def read_pasted(
    text: str,
    columns: tuple[str, ...],
    *,
    today: dt.date | None = None,
    existing: Iterable[str] = (),
    existing_count: int = 0,
) -> CsvImport:
    """Rows pasted from a spreadsheet (tab-separated). With a header row its names say what
    each column is; without one the columns are taken in the order of `columns` (the table's
    field keys). Problems name the pasted line, the first line being 1.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    first = lines.split("\n", 1)[0]
    cells = first.split("\t") if "\t" in first else [first]
    has_header = "date" in _columns(cells).values() and not any(
        _ISO.fullmatch(c.strip()) or _UK.fullmatch(c.strip()) for c in cells
    )
    if has_header:
        return read_applications(
            lines.encode("utf-8"),
            source="the pasted rows",
            today=today,
            existing=existing,
            existing_count=existing_count,
        )
    header = "\t".join(columns)
    result = read_applications(
        f"{header}\n{lines}".encode(),
        source="the pasted rows",
        today=today,
        existing=existing,
        existing_count=existing_count,
    )

    def shifted(problems: tuple[RowProblem, ...]) -> tuple[RowProblem, ...]:
        return tuple(RowProblem(p.line - 1, p.reason) for p in problems)

    return CsvImport(result.applications, shifted(result.refused), shifted(result.warnings))


# --- writing ------------------------------------------------------------------------------------

EXPORT_COLUMNS: Final = (
    "id",
    "date",
    "employer",
    "role",
    "target_field",
    "channel",
    "stage",
    "outcome",
    "screen_date",
    "interview_date",
    "offer_date",
    "offered_salary",
    "notes",
)
FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")


def protect(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (so does text that
    already starts with one, so that reading it back drops exactly the one added here)."""
    return "'" + text if text.startswith((*FORMULA_TRIGGERS, "'")) else text


def unprotect(text: str) -> str:
    """Undo `protect`: one leading apostrophe is a spreadsheet's "this is text" mark."""
    return text[1:] if text.startswith("'") else text


def applications_csv(applications: Iterable[Application]) -> bytes:
    """The log as UTF-8 CSV (with a byte-order mark, so Excel reads £ and accents), one row
    each, in the columns `read_applications` recognises: export then import gives the same rows.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for a in applications:
        writer.writerow(
            [
                protect(a.id),
                a.date,
                protect(a.employer),
                protect(a.role),
                "yes" if a.target_field else "no",
                a.channel,
                a.stage,
                a.outcome,
                a.screen_date or "",
                a.interview_date or "",
                a.offer_date or "",
                "" if a.offered_salary is None else repr(a.offered_salary),
                protect(a.notes),
            ]
        )
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def read_applications_file(
    path: str | os.PathLike[str],
    *,
    today: dt.date | None = None,
    existing: Iterable[str] = (),
    existing_count: int = 0,
) -> CsvImport:
    """`read_applications` on a file: only a regular file, its size checked on the bytes read."""
    try:
        data = read_regular_file(path, MAX_CSV_BYTES, what="CSV file")
    except InputError as error:
        raise DocumentError(error.path, "$", error.rule) from None
    return read_applications(
        data, source=os.fspath(path), today=today, existing=existing, existing_count=existing_count
    )
