"""The side-by-side money table: every position's pay, take-home, what is left and the pay cut.

One list of rows, each with its label from `rows` and its figures already in words, which the text
report prints and the window shows as a table; so a row the report has, the window has too, under
the same name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from offer_eval.core.compensation import PayCut, PositionMoney
from offer_eval.core.evaluate import Evaluation
from offer_eval.core.money_text import format_money, format_pct
from offer_eval.present import rows as rw
from offer_eval.present.labels import Label


@dataclass(frozen=True, slots=True)
class SideRow:
    """One row: a section heading (`values` empty) or a figure for each position, in words.

    `values` has one entry per position, the current job first; "" where a figure means nothing
    (the current job against itself). `total` marks the rows that sum a section up.
    """

    label: str
    help: str = ""
    values: tuple[str, ...] = ()
    total: bool = False

    @property
    def is_heading(self) -> bool:
        return not self.values


TOTALS = frozenset(
    row.label for row in (rw.TOTAL_COMP_YEAR1, rw.NET_TAKE_HOME, rw.LEFT_TO_LIVE_ON_YEAR1)
)


# One cell of a position's column: from its money and, for an offer, its pay cut (None for the
# current job, which has no change against itself).
_Cell = Callable[[PositionMoney, PayCut | None], str]
# A row's label, help, whether it sums a section up, and its cell (None: a section heading).
_Line = tuple[str, str, bool, _Cell | None]


def _heading(title: str) -> _Line:
    return (title, "", False, None)


def _line(name: Label, cell: _Cell) -> _Line:
    return (name.label, name.help, name.label in TOTALS, cell)


def _money_line(row: rw.MoneyRow, sign: float = 1.0) -> _Line:
    def cell(item: PositionMoney, _cut: PayCut | None) -> str:
        value = row.get(item)
        return format_money(sign * value) if value is not None else "–"

    return _line(row.name, cell)


def _change_line(key: str, pct: bool) -> _Line:
    line = rw.PAY_CUT[key]

    def cell(_item: PositionMoney, cut: PayCut | None) -> str:
        if cut is None:
            return ""
        value = line.get(cut)
        return format_pct(value) if pct else format_money(value or 0.0, sign=True)

    return _line(line.name, cell)


def _percentile(item: PositionMoney, _cut: PayCut | None) -> str:
    value = item.benchmark_percentile
    return f"{value:.0f}th" if value is not None else "–"


_LINES: Final[tuple[_Line, ...]] = (
    _heading(rw.SECTION_PAY),
    *(_money_line(line) for line in rw.PAY_ROWS),
    _heading(rw.SECTION_TAKE_HOME),
    *(_money_line(line) for line in rw.TAKE_HOME_ROWS),
    _heading(rw.SECTION_LEFT),
    # Costs are shown as money going out, so the column adds up to what is left.
    _money_line(rw.COMMUTING, -1.0),
    _money_line(rw.EXTRA_LIVING_COSTS, -1.0),
    _money_line(rw.MOVING, -1.0),
    _money_line(rw.LEFT_TO_LIVE_ON_YEAR1),
    _line(
        rw.HOURLY_NET.name,
        lambda item, _cut: format_money(item.hourly_net_including_commute, pence=True),
    ),
    _heading(rw.SECTION_CHANGE),
    _change_line("pay_cut_gross_pct", pct=True),
    _change_line("pay_cut_total_comp_pct", pct=True),
    _change_line("pay_cut_net_pct", pct=True),
    _change_line("pay_cut_net", pct=False),
    _heading(rw.SECTION_MARKET),
    _line(rw.VS_BENCHMARK.name, lambda item, _cut: format_pct(item.vs_benchmark_pct)),
    _line(rw.BENCHMARK_PERCENTILE.name, _percentile),
    _line(rw.VS_TARGET.name, lambda item, _cut: format_pct(item.vs_target_pct)),
)
_CELLS: Final = tuple(cell for *_, cell in _LINES if cell is not None)
_HEADINGS: Final = tuple(SideRow(label) if cell is None else None for label, *_, cell in _LINES)

# Columns worked out before, by the identity of the money and pay cut they were read from (a
# slider step keeps every position's money but one as the same object): putting sixty figures
# of each position into words again took a millisecond a step with two offers, four with twelve.
_COLUMNS: dict[tuple[int, int], tuple[PositionMoney, PayCut | None, tuple[str, ...]]] = {}
_MAX_COLUMNS: Final = 64


def _column(item: PositionMoney, cut: PayCut | None) -> tuple[str, ...]:
    """Every cell of one position's column, top to bottom (headings have none)."""
    key = (id(item), id(cut))
    found = _COLUMNS.get(key)
    if found is not None and found[0] is item and found[1] is cut:
        return found[2]
    column = tuple(cell(item, cut) for cell in _CELLS)
    if len(_COLUMNS) >= _MAX_COLUMNS:
        _COLUMNS.clear()
    _COLUMNS[key] = (item, cut, column)
    return column


def side_by_side_rows(evaluation: Evaluation) -> tuple[SideRow, ...]:
    """The table's rows in order, headings included, for the positions of `evaluation`."""
    columns = [_column(evaluation.current, None)] + [
        _column(offer, evaluation.pay_cuts[offer.position_id]) for offer in evaluation.offers
    ]
    cells = iter(zip(*columns, strict=True))
    return tuple(
        heading if heading is not None else SideRow(label, help_text, next(cells), total)
        for (label, help_text, total, _cell), heading in zip(_LINES, _HEADINGS, strict=True)
    )
