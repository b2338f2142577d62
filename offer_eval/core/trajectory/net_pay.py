"""Net pay tables: what a job found by searching and the job a strategy starts in pay after tax."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from offer_eval.core.compensation import year_take_home
from offer_eval.core.models import Position, TaxSettings
from offer_eval.core.tax import take_home
from offer_eval.core.trajectory.results import Float32Array, FloatArray, frozen

StartingNet = tuple[tuple[float, ...], float]
"""(annual net pay in each year of a starting job, extra net in month 1 from its sign-on)."""

NET_GRID_STEP: Final = 500.0
NET_GRID_TOP: Final = 150_000.0
"""Net pay of found jobs comes from exact take-home figures every £500 up to £150,000; above it
every UK rate is flat, so the straight line on to £1,000,000 is exact."""


@dataclass(frozen=True, slots=True, eq=False)
class NetCurve:
    """Monthly net pay of a job found by searching as a function of its gross base (GBP).

    A table on a £25 grid of annual gross pay up to £1,000,000, looked up at the grid point at or
    below the salary (net is within about £25 a year of the tax model: the table is interpolated
    from exact take-home figures every £500, exact lines above £150,000 where every UK rate is
    flat); salaries above £1,000,000 are paid as if at £1,000,000. A lookup, not a search,
    because the simulation calls it every month.
    """

    step: float
    monthly: Float32Array

    def __call__(self, gross: npt.NDArray[Any]) -> Float32Array:
        """Monthly net for each annual gross value (float32)."""
        result: Float32Array = self.monthly.take(self._index(gross), mode="clip")
        return result

    def wide(self) -> Callable[[npt.NDArray[Any]], FloatArray]:
        """A function giving `self(gross)` as float64 (the same values), read from a float64 copy
        of the table: the simulation holds net pay in float64, and converting each month's
        lookups cost as much as the lookups. Made once per run: it is called every month."""
        table = _wide_table(self)
        index = self._index

        def lookup(gross: npt.NDArray[Any]) -> FloatArray:
            result: FloatArray = table.take(index(gross), mode="clip")
            return result

        return lookup

    def _index(self, gross: npt.NDArray[Any]) -> npt.NDArray[np.intp]:
        """Each gross value's entry: the grid point at or below it (the top entry beyond the
        table, by `take`'s clipping)."""
        return (gross * np.float32(1.0 / self.step)).astype(np.intp)

    def annual(self, gross: float) -> float:
        """Annual net for one gross value."""
        return 12.0 * float(self(np.array([gross], dtype=np.float32))[0])


@functools.lru_cache(maxsize=4)
def _wide_table(curve: NetCurve) -> FloatArray:
    """A curve's table in float64 (320 KB; the last few curves are kept)."""
    return frozen(curve.monthly.astype(np.float64))


NET_TABLE_STEP: Final = 25.0
NET_TABLE_TOP: Final = 1_000_000.0


@functools.lru_cache(maxsize=16)
def found_job_net_curve(tax: TaxSettings, pension_pct: float, children: int = 0) -> NetCurve:
    """Net of gross for a found job under `tax`, with `pension_pct` into a net-pay pension.

    `children` are those the household claims Child Benefit for: the charge on them comes off
    the pay of any job the search finds, as it does off the offers'.
    """

    def net(gross: float) -> float:
        return take_home(
            gross,
            tax_year=tax.year,
            region=tax.region,
            pension_pct=pension_pct,
            pension_method="net_pay" if pension_pct > 0 else "none",
            student_loans=tax.student_loans,
            children=children,
        ).net

    exact_gross = [i * NET_GRID_STEP for i in range(int(NET_GRID_TOP / NET_GRID_STEP) + 1)]
    exact_gross.append(NET_TABLE_TOP)
    exact_net = [net(g) for g in exact_gross]
    table_gross = np.arange(0.0, NET_TABLE_TOP + NET_TABLE_STEP, NET_TABLE_STEP)
    annual = np.interp(table_gross, exact_gross, exact_net)
    return NetCurve(step=NET_TABLE_STEP, monthly=frozen((annual / 12.0).astype(np.float32)))


_RECENT: dict[tuple[int, int, int, int], tuple[Position, TaxSettings, StartingNet]] = {}
"""`starting_job_net`'s recent answers by the identity of the position and the tax settings
(each entry holds both, so the identities stay theirs while remembered)."""


def starting_job_net(
    position: Position, tax: TaxSettings, years: int, children: int = 0
) -> StartingNet:
    """(annual net pay in each year of the job, extra net in month 1 from the sign-on bonus).

    Remembered by value (`_starting_job_net`), and first by identity: a slider step asks again
    for every offer, whose objects are the same as on the last step, and hashing a position
    goes through its sixty fields.
    """
    key = (id(position), id(tax), years, children)
    known = _RECENT.get(key)
    if known is not None and known[0] is position and known[1] is tax:
        return known[2]
    answer = _starting_job_net(position, tax, years, children)
    if len(_RECENT) >= 64:
        _RECENT.clear()
    _RECENT[key] = (position, tax, answer)
    return answer


@functools.lru_cache(maxsize=256)
def _starting_job_net(
    position: Position, tax: TaxSettings, years: int, children: int = 0
) -> StartingNet:
    """(annual net pay in each year of the job, extra net in month 1 from the sign-on bonus).

    Year y is taxed exactly as the offers' take-home is (`year_take_home`): base (a contract's
    billing) with its raises plus the expected bonus, through the position's contract, pension
    and benefits in kind and the household's Child Benefit charge; the sign-on bonus is taxed in
    year 1 and paid in month 1.
    """
    nets = tuple(
        year_take_home(position, tax, year, children=children).net for year in range(1, years + 1)
    )
    lump = 0.0
    if position.sign_on > 0:
        with_sign_on = year_take_home(position, tax, 1, children=children, with_sign_on=True)
        lump = with_sign_on.net - nets[0]
    return nets, lump
