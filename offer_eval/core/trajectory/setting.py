"""What the strategies of one scenario share, and a strategy queued to simulate."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Generic, TypeVar

from offer_eval.core.memo import Memo
from offer_eval.core.models import Position, SearchAssumptions, TaxSettings
from offer_eval.core.trajectory.model import SearchModel
from offer_eval.core.trajectory.results import FloatArray
from offer_eval.core.trajectory.strategies import StrategySpec

_POSITION_HASHES: dict[int, tuple[Position, int]] = {}
"""Recent positions' hashes by identity (each entry holds its position, so the identity
stays its own while remembered)."""
_REMEMBERED_HASHES: Final = 64


def _position_hash(position: Position) -> int:
    """`hash(position)`, remembered for the same object: a slider step builds the keys of
    every offer again, and each hash goes through sixty fields (about 7 us); the positions
    themselves are the same objects from one step to the next."""
    known = _POSITION_HASHES.get(id(position))
    if known is not None and known[0] is position:
        return known[1]
    value = hash(position)
    if len(_POSITION_HASHES) >= _REMEMBERED_HASHES:
        _POSITION_HASHES.clear()
    _POSITION_HASHES[id(position)] = (position, value)
    return value


class StrategyKey:
    """A strategy's cache key: everything it reads, hashed once.

    The parts hold whole positions, whose hash goes through every field (several microseconds
    each), and one slider step looks each key up in several caches; a 12-offer step spent about
    a millisecond hashing the same keys again.
    """

    __slots__ = ("_hash", "parts")

    def __init__(self, parts: tuple[Hashable, ...]) -> None:
        self.parts = parts
        # A position is hashed through `_position_hash` (equal parts, equal hashes still).
        self._hash = hash(tuple(_position_hash(p) if isinstance(p, Position) else p for p in parts))

    @property
    def kind(self) -> Hashable:
        """The kind of strategy ("search", "stay", "decline", ...)."""
        return self.parts[0]

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: Any) -> bool:
        if self is other:
            return True
        if not isinstance(other, StrategyKey):
            return NotImplemented
        return self._hash == other._hash and self.parts == other.parts

    def __repr__(self) -> str:
        return f"StrategyKey{self.parts!r}"

    def __reduce__(self) -> tuple[type[StrategyKey], tuple[tuple[Hashable, ...]]]:
        # Hashed again when unpickled: string hashes differ from one process to the next.
        return StrategyKey, (self.parts,)


_V = TypeVar("_V")


class LastAnswer(Generic[_V]):
    """The answer last worked out, kept for the same question: one object (compared by
    identity, so nothing is hashed) and a small value (compared by equality). One slider step
    asks some questions several times (each strategy its reservation salaries, each pass its
    setting); a pair held in one attribute is read and replaced whole, so threads may share it.
    """

    def __init__(self) -> None:
        self._last: tuple[object, Hashable, _V] | None = None

    def get(self, owner: object, detail: Hashable, work_out: Callable[[], _V]) -> _V:
        """The answer for (`owner`, `detail`), worked out unless it was the last question."""
        last = self._last
        if last is not None and last[0] is owner and last[1] == detail:
            return last[2]
        answer = work_out()
        self._last = (owner, detail, answer)
        return answer

    def clear(self) -> None:
        """Drop the kept answer."""
        self._last = None


@dataclass(frozen=True, slots=True, eq=False)
class Job:
    """A strategy to simulate: its cache key and its spec."""

    key: Hashable
    spec: StrategySpec


@dataclass(frozen=True, slots=True, eq=False)
class Setting:
    """What every strategy of one scenario shares."""

    search: SearchAssumptions  # effective (history applied), history itself dropped from keys
    tax: TaxSettings
    children: int  # claimed for by the household: the Child Benefit charge on every job's pay
    model: SearchModel
    seed: int
    months: int
    full: int  # paths at the full resolution
    record: int  # paths behind the bands at the resolution asked for
    years_after_horizon: int  # read only by the present value's tail, never by a simulation

    def key(self, kind: str, position: Position, median: float, paths: int) -> Hashable:
        """Everything a strategy reads: the key of its outcome (or of its 3-year mean alone) on
        its first `paths` paths."""
        simulation = (self.seed, self.full, self.months)
        search = (self.search, self.model.stop_at)
        return StrategyKey(
            (kind, position, self.tax, self.children, search, median, simulation, paths)
        )

    def stay_key(self, position: Position) -> Hashable:
        """Everything staying for good in `position` reads when nothing can happen to the job
        (no layoffs, no end): the job, the tax and the household, and the horizon. Nothing of
        the search, so a search slider gives back the same band and its chart line is left
        alone."""
        return StrategyKey(("fixed stay", position, self.tax, self.children, self.months))


def keep_search_paths(
    memo: Memo[Hashable, FloatArray], jobs: Sequence[Job], paths: list[FloatArray], count: int
) -> None:
    """Remember in `memo` the path-by-path 3-year figures (`count` paths) of the
    accept-and-search jobs just run, under each one's own key."""
    for job, values in zip(jobs, paths, strict=True):
        # A search paired with declining has its own key first.
        key = job.key[0] if isinstance(job.key, tuple) else job.key
        if values.shape[0] == count and isinstance(key, StrategyKey) and key.kind == "search":
            values.flags.writeable = False
            memo.put(key, values)
