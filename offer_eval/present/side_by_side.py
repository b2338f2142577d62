"""The side-by-side money table: every position's pay, take-home, what is left and the pay cut.

One list of rows, each with its label from `rows` and its figures already in words, which the text
report prints and the window shows as a table; so a row the report has, the window has too, under
the same name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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


def _money_row(row: rw.MoneyRow, items: tuple[PositionMoney, ...], sign: float = 1.0) -> SideRow:
    values = (row.get(item) for item in items)
    return SideRow(
        row.label,
        row.name.help,
        tuple(format_money(sign * v) if v is not None else "–" for v in values),
        row.label in TOTALS,
    )


def _row(name: Label, values: tuple[str, ...]) -> SideRow:
    return SideRow(name.label, name.help, values, name.label in TOTALS)


def _change_row(key: str, cuts: tuple[PayCut, ...], pct: bool) -> SideRow:
    line = rw.PAY_CUT[key]
    shown: Callable[[float | None], str] = (
        format_pct if pct else (lambda v: format_money(v or 0.0, sign=True))
    )
    return _row(line.name, ("", *(shown(line.get(cut)) for cut in cuts)))


def side_by_side_rows(evaluation: Evaluation) -> tuple[SideRow, ...]:
    """The table's rows in order, headings included, for the positions of `evaluation`."""
    items = evaluation.positions
    cuts = tuple(evaluation.pay_cuts[o.position_id] for o in evaluation.offers)
    percentile = rw.BENCHMARK_PERCENTILE
    return (
        SideRow(rw.SECTION_PAY),
        *(_money_row(line, items) for line in rw.PAY_ROWS),
        SideRow(rw.SECTION_TAKE_HOME),
        *(_money_row(line, items) for line in rw.TAKE_HOME_ROWS),
        SideRow(rw.SECTION_LEFT),
        # Costs are shown as money going out, so the column adds up to what is left.
        _money_row(rw.COMMUTING, items, -1.0),
        _money_row(rw.EXTRA_LIVING_COSTS, items, -1.0),
        _money_row(rw.MOVING, items, -1.0),
        _money_row(rw.LEFT_TO_LIVE_ON_YEAR1, items),
        _row(
            rw.HOURLY_NET.name,
            tuple(format_money(i.hourly_net_including_commute, pence=True) for i in items),
        ),
        SideRow(rw.SECTION_CHANGE),
        _change_row("pay_cut_gross_pct", cuts, pct=True),
        _change_row("pay_cut_total_comp_pct", cuts, pct=True),
        _change_row("pay_cut_net_pct", cuts, pct=True),
        _change_row("pay_cut_net", cuts, pct=False),
        SideRow(rw.SECTION_MARKET),
        _row(rw.VS_BENCHMARK.name, tuple(format_pct(i.vs_benchmark_pct) for i in items)),
        _row(
            percentile.name,
            tuple(
                f"{i.benchmark_percentile:.0f}th" if i.benchmark_percentile is not None else "–"
                for i in items
            ),
        ),
        _row(rw.VS_TARGET.name, tuple(format_pct(i.vs_target_pct) for i in items)),
    )
