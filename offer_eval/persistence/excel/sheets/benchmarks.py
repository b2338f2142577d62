"""The Benchmarks sheet: one editable row per salary benchmark."""

from __future__ import annotations

import dataclasses
from typing import Any

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.models import Benchmark, Scenario
from offer_eval.persistence.excel import _layout as lay
from offer_eval.persistence.excel._context import ExportContext, ImportContext
from offer_eval.persistence.excel._sheet import SheetWriter
from offer_eval.persistence.excel.sheets._records import (
    check_headers,
    edits,
    invalid,
    record_rows,
    write_records,
)


def write(sheet: SheetWriter, export: ExportContext) -> None:
    """Every benchmark's figures and where they come from."""
    records = [(None, benchmark) for benchmark in export.scenario.benchmarks]
    write_records(sheet, lay.BENCHMARK_COLUMNS, records, export, freeze_column=2)


def read(reading: ImportContext, stored: Scenario) -> tuple[Benchmark, ...]:
    """Benchmarks in the Benchmarks sheet's order."""
    reading.step(0.75, "Reading benchmarks")
    grid = reading.grid(lay.BENCHMARKS)
    columns = lay.BENCHMARK_COLUMNS
    check_headers(reading, grid, columns)
    by_id = {b.id: b for b in stored.benchmarks}
    out: list[Benchmark] = []
    seen: dict[str, int] = {}
    for row in record_rows(grid, columns):
        benchmark_id = reading.parse(grid, row, 1, columns[0], reading.cell(grid, row, 1))
        if benchmark_id in seen:
            raise reading.fail(
                grid.name,
                f"duplicate id '{benchmark_id}' (also in row {seen[benchmark_id]})",
                row,
                1,
            )
        seen[benchmark_id] = row
        original = by_id.get(benchmark_id)
        changed = edits(reading, grid, row, columns, original)
        values: dict[str, Any] = (
            {f.name: getattr(original, f.name) for f in dataclasses.fields(Benchmark)}
            if original is not None
            else {"id": benchmark_id, "label": ""}
        )
        values.update(changed)
        try:
            benchmark = Benchmark(**values)
        except InvalidValueError as error:
            raise invalid(reading, grid, row, columns, error) from None
        reading.places[f"benchmarks[{len(out)}]"] = (grid.name, row, 1)
        out.append(benchmark)
    return tuple(out)
