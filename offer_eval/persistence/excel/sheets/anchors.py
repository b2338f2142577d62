"""The money criteria's anchors on the Scores sheet: the values scoring 0 and 10.

They are inputs: written above each money criterion's column, turned into each offer's 0-10
formula, and read back when the user changed them (a changed anchor becomes the criterion's own).
"""

from __future__ import annotations

from typing import Any, Final

from offer_eval.core.decision import NEUTRAL
from offer_eval.core.models import Criterion
from offer_eval.persistence.excel import _layout as lay
from offer_eval.persistence.excel._context import ExportContext, Grid, ImportContext
from offer_eval.persistence.excel._sheet import SheetWriter
from offer_eval.persistence.excel._styles import INPUT_FILL, NOTE_FONT, PERCENT
from offer_eval.persistence.excel._values import unchanged

_PER_OFFER: Final = "per offer"


def write(
    sheet: SheetWriter, export: ExportContext, k: int, criterion: Criterion, items: Any
) -> bool:
    """Write a money criterion's anchors; True when every offer uses the same pair.

    The app derives anchors per offer only when there is no target-role benchmark and the
    offers have benchmarks of their own; then the anchor cells say so and each offer's 0-10
    formula carries its own pair (typing an anchor here still overrides every offer on import).
    """
    grid = export.grid
    column = grid.raw_column(k)
    if criterion.kind != "money":
        return True
    number_format = PERCENT if criterion.metric == "vs_benchmark" else export.money.whole
    scale = 100.0 if criterion.metric == "vs_benchmark" else 1.0
    pairs = {(item.low, item.high) for item in items.values()}
    uniform = len(pairs) <= 1
    written: list[float | str | None]
    if uniform:
        low, high = next(iter(pairs)) if pairs else (criterion.anchor_low, criterion.anchor_high)
        numbers = [None if low is None else low / scale, None if high is None else high / scale]
        written = list(numbers)
        for row, number in zip((grid.LOW_ROW, grid.HIGH_ROW), numbers, strict=True):
            sheet.number(row, column, number, number_format, fill=INPUT_FILL)
    else:
        written = [
            _PER_OFFER if criterion.anchor_low is None else criterion.anchor_low / scale,
            _PER_OFFER if criterion.anchor_high is None else criterion.anchor_high / scale,
        ]
        for row, value in zip((grid.LOW_ROW, grid.HIGH_ROW), written, strict=True):
            if isinstance(value, str):
                sheet.text(row, column, value, font=NOTE_FONT, fill=INPUT_FILL)
            else:
                sheet.number(row, column, value, number_format, fill=INPUT_FILL)
    export.written_anchors[criterion.id] = written
    return uniform


def money_formula(
    *,
    raw: str,
    raw_letter: str,
    grid: lay.ScoresGrid,
    uniform: bool,
    item: Any,
    metric: str | None,
) -> str:
    """The 0-10 value of a money figure: clamp((v - low) / (high - low) × 10, 0, 10).

    A missing figure or missing anchors score the neutral 5, as in the app. With shared anchors
    the formula reads the anchor cells, so editing an anchor re-scores every offer.
    """
    neutral = f"{NEUTRAL:g}"
    if uniform:
        low = f"{raw_letter}${grid.LOW_ROW}"
        high = f"{raw_letter}${grid.HIGH_ROW}"
        return (
            f"=IF(OR(ISBLANK({raw}),ISBLANK({low}),ISBLANK({high})),{neutral},"
            f"MIN(10,MAX(0,({raw}-{low})/({high}-{low})*10)))"
        )
    if item is None or item.low is None or item.high is None:
        return f"={neutral}"
    scale = 100.0 if metric == "vs_benchmark" else 1.0
    low_value, high_value = repr(item.low / scale), repr(item.high / scale)
    return (
        f"=IF(ISBLANK({raw}),{neutral},"
        f"MIN(10,MAX(0,({raw}-{low_value})/({high_value}-{low_value})*10)))"
    )


def read(
    reading: ImportContext,
    grid: Grid,
    layout: lay.ScoresGrid,
    column: int,
    criterion: Criterion,
    *,
    written: Any,
) -> dict[str, Any]:
    """Anchor edits: a changed anchor cell becomes the criterion's own anchor (blank: derived)."""
    scale = 100.0 if criterion.metric == "vs_benchmark" else 1.0
    if not isinstance(written, list) or len(written) != 2:
        written = [
            None if criterion.anchor_low is None else criterion.anchor_low / scale,
            None if criterion.anchor_high is None else criterion.anchor_high / scale,
        ]
    spec = lay.Column("anchor", "Anchor", "optional_text")
    number = lay.Column("anchor", "Anchor", "number")
    changes: dict[str, Any] = {}
    for name, row, before in (
        ("anchor_low", layout.LOW_ROW, written[0]),
        ("anchor_high", layout.HIGH_ROW, written[1]),
    ):
        raw = reading.cell(grid, row, column)
        kind = spec if isinstance(before, str) else number
        if unchanged(kind, before, raw):
            continue
        if raw is None or raw == "":
            changes[name] = None
            continue
        value = reading.parse(grid, row, column, number, raw)
        changes[name] = float(f"{value * scale:.12g}") if scale != 1.0 else value
    return changes
