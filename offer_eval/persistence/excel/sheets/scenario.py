"""The hidden `_scenario` sheet: the full scenario as JSON, in chunks, with a checksum.

Import rebuilds the scenario from it and takes from the visible sheets only what the user
changed there; the JSON also records what the export showed in cells that are not plain model
values (the money anchors), so that import can tell an edit from what it wrote.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Final

from offer_eval import __version__
from offer_eval.core.models import SCHEMA_VERSION, Scenario
from offer_eval.persistence.document import DocumentError, loads, to_builtins
from offer_eval.persistence.excel import _layout as lay
from offer_eval.persistence.excel._context import ExportContext, ImportContext
from offer_eval.persistence.excel._sheet import SheetWriter
from offer_eval.persistence.excel._values import CellValue

CHUNK: Final = 8_000  # characters of scenario JSON per `_scenario` cell (a cell holds 32,767)
DATA_FIRST_CHUNK_ROW: Final = 10
MAX_CHUNKS: Final = 5_000

# Key cells: column B holds the value of the key named in column A, from row 2 down.
DATA_KEYS: Final = (
    "format",
    "workbook_version",
    "schema_version",
    "app_version",
    "chunks",
    "sha256",
)
_DATA_ROWS: Final = {key: row for row, key in enumerate(DATA_KEYS, start=2)}


def _no_escapes(text: str) -> str:
    """JSON text with every ``_xHHHH_`` underscore written as ``\\u005f``.

    Spreadsheets decode ``_xHHHH_`` in cells, and LibreOffice does not re-escape it when saving,
    so the stored JSON never contains one: it round-trips through any spreadsheet unchanged.
    Outside strings JSON has no underscores, so the substitution is always inside a string.
    """
    return re.sub(r"_(?=x[0-9A-Fa-f]{4}_)", r"\\u005f", text)


def scenario_payload(scenario: Scenario, written: dict[str, Any]) -> str:
    """The `_scenario` JSON: the scenario document and what the export showed in edited cells."""
    body = {"document": to_builtins(scenario), "written": written}
    return _no_escapes(json.dumps(body, ensure_ascii=True, separators=(",", ":"), allow_nan=False))


# --- writing ------------------------------------------------------------------------------------


def write(sheet: SheetWriter, export: ExportContext) -> None:
    """The full scenario as JSON, in chunks, with a checksum: what import rebuilds from."""
    payload = scenario_payload(export.scenario, {"anchors": export.written_anchors})
    chunks = [payload[i : i + CHUNK] for i in range(0, len(payload), CHUNK)]
    sheet.text(
        1,
        1,
        "Offer Eval keeps the full scenario here so that Import can rebuild it. Do not edit.",
    )
    values: dict[str, str | int] = {
        "format": lay.WORKBOOK_FORMAT,
        "workbook_version": lay.WORKBOOK_VERSION,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "chunks": len(chunks),
        "sha256": hashlib.sha256(payload.encode("ascii")).hexdigest(),
    }
    for row, key in enumerate(DATA_KEYS, start=2):
        sheet.text(row, 1, key)
        value = values[key]
        if isinstance(value, str):
            sheet.text(row, 2, value)
        else:
            sheet.number(row, 2, value)
    for offset, chunk in enumerate(chunks):
        sheet.text(DATA_FIRST_CHUNK_ROW + offset, 1, chunk)


# --- reading ------------------------------------------------------------------------------------


def read(reading: ImportContext) -> Scenario:
    """The scenario as exported, from the hidden sheet, checked against its checksum.

    Also keeps what the export wrote in non-model cells in `reading.written`.
    """
    reading.step(0.55, "Reading the stored scenario")
    if lay.DATA not in reading.grids:
        raise reading.fail(
            lay.DATA,
            "the hidden _scenario sheet is missing, so this is not a workbook exported by "
            "Offer Eval (or the sheet was deleted); export it again from the app",
            1,
            1,
        )
    grid = reading.grids[lay.DATA]

    def key(name: str) -> CellValue:
        return reading.cell(grid, _DATA_ROWS[name], 2)

    if key("format") != lay.WORKBOOK_FORMAT:
        raise reading.fail(
            lay.DATA,
            f"must be '{lay.WORKBOOK_FORMAT}': this is not a workbook exported by Offer Eval",
            _DATA_ROWS["format"],
            2,
        )
    version = key("workbook_version")
    if isinstance(version, bool) or not isinstance(version, int | float):
        raise reading.fail(lay.DATA, "must be a whole number", _DATA_ROWS["workbook_version"], 2)
    if version > lay.WORKBOOK_VERSION:
        raise reading.fail(
            lay.DATA,
            f"this workbook is format version {version:g}, newer than this Offer Eval reads "
            f"({lay.WORKBOOK_VERSION}); please update Offer Eval",
            _DATA_ROWS["workbook_version"],
            2,
        )
    count = key("chunks")
    if (
        isinstance(count, bool)
        or not isinstance(count, int | float)
        or not 1 <= count <= MAX_CHUNKS
    ):
        raise reading.fail(
            lay.DATA, "the scenario data is damaged (bad chunk count)", _DATA_ROWS["chunks"], 2
        )
    checksum = key("sha256")
    parts: list[str] = []
    for offset in range(int(count)):
        row = DATA_FIRST_CHUNK_ROW + offset
        part = reading.cell(grid, row, 1)
        if not isinstance(part, str) or not part:
            raise reading.fail(lay.DATA, "the scenario data is damaged (a part is missing)", row, 1)
        parts.append(part)
    payload = "".join(parts)
    first = DATA_FIRST_CHUNK_ROW
    try:
        encoded = payload.encode("ascii")
    except UnicodeEncodeError:
        raise reading.fail(
            lay.DATA, "the scenario data is damaged (unexpected characters)", first, 1
        ) from None
    if hashlib.sha256(encoded).hexdigest() != checksum:
        raise reading.fail(
            lay.DATA,
            "the scenario data is damaged (its checksum does not match); export again from the app",
            first,
            1,
        )
    try:
        body = json.loads(payload)
    except (ValueError, RecursionError):
        raise reading.fail(
            lay.DATA, "the scenario data is damaged (not valid JSON)", first, 1
        ) from None
    if not isinstance(body, dict) or not isinstance(body.get("document"), dict):
        raise reading.fail(lay.DATA, "the scenario data is damaged (no scenario in it)", first, 1)
    written = body.get("written")
    reading.written = written if isinstance(written, dict) else {}
    document = json.dumps(body["document"], ensure_ascii=False).encode("utf-8")
    try:
        return loads(document, source=f"{reading.source} ({lay.DATA})")
    except DocumentError as error:
        raise reading.fail(
            lay.DATA,
            f"the stored scenario is invalid at {error.path}: {error.rule}",
            first,
            1,
        ) from None
