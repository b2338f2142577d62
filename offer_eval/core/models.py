"""The scenario and its parts (positions, benchmarks, criteria, settings) as immutable, validated values.

Every rule a value must obey is checked in ``__post_init__``, so a scenario that exists is a valid
one, whether it came from a file, the GUI or a test. A broken rule raises `InvalidValueError` naming
the field; the document loader adds the JSON path of the object around it.

Units: money is GBP per year unless a name says otherwise; ``*_pct`` fields are percentages
(5 = 5%); rates and probabilities without ``_pct`` are fractions in [0, 1]; months are whole months.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from offer_eval.core.application import MAX_APPLICATIONS, Application
from offer_eval.core.assumptions import (
    MEASURES,
    Household,
    Measure,
    SearchAssumptions,
    SearchHistory,
    Simulation,
    TaxSettings,
)
from offer_eval.core.checks import (
    MAX_ID,
    MAX_LABEL,
    MAX_MONEY,
    MAX_TEXT,
    check_id,
    check_int,
    check_number,
    check_text,
    check_unique,
    field_help,
    help_text,
)
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.limits import over_limit
from offer_eval.core.position import (
    ENGAGEMENTS,
    MAX_RATING_UNCERTAINTY,
    PAY_TYPES,
    Engagement,
    Equity,
    NegotiationStage,
    NegotiationStep,
    PayType,
    Position,
)

# Version of the scenario file format. 2 added contracts, pension matching, taxable benefits in
# kind, the household, the application log, rating uncertainty and the forecast's measure,
# real terms and tail (older files are migrated on load).
SCHEMA_VERSION: Final = 2

__all__ = [
    "ENGAGEMENTS",
    "MAX_APPLICATIONS",
    "MAX_ID",
    "MAX_LABEL",
    "MAX_MONEY",
    "MAX_RATING_UNCERTAINTY",
    "MAX_TEXT",
    "MEASURES",
    "MONEY_METRICS",
    "PAY_TYPES",
    "SCHEMA_VERSION",
    "Application",
    "Benchmark",
    "Criterion",
    "CriterionKind",
    "Engagement",
    "Equity",
    "Household",
    "Measure",
    "MoneyMetric",
    "NegotiationStage",
    "NegotiationStep",
    "PayType",
    "Position",
    "Scenario",
    "SearchAssumptions",
    "SearchHistory",
    "Simulation",
    "TaxSettings",
    "check_id",
    "check_int",
    "check_number",
    "check_text",
    "field_help",
    "help_text",
]

CriterionKind = Literal["rating", "money"]
MoneyMetric = Literal["net_take_home", "total_comp_year1", "expected_earnings_3y", "vs_benchmark"]
MONEY_METRICS: Final[tuple[str, ...]] = (
    "net_take_home",
    "total_comp_year1",
    "expected_earnings_3y",
    "vs_benchmark",
)


# --- benchmarks, criteria, settings ------------------------------------------------------------

PERCENTILE_FIELDS: Final = ("p10", "p25", "median", "p75", "p90")
PERCENTILE_LEVELS: Final = {"p10": 10.0, "p25": 25.0, "median": 50.0, "p75": 75.0, "p90": 90.0}


@dataclass(frozen=True, slots=True)
class Benchmark:
    """Published (or user-entered) annual gross pay for a role and region, with its source."""

    id: str
    label: str
    region: str = ""
    role: str = ""
    year: int | None = None
    period: str = ""
    source: str = ""
    reliability: str = ""
    p10: float | None = None
    p25: float | None = None
    median: float | None = None
    p75: float | None = None
    p90: float | None = None
    notes: str = ""

    def __post_init__(self) -> None:
        check_id("id", self.id)
        check_text("label", self.label)
        check_text("region", self.region)
        check_text("role", self.role)
        if self.year is not None:
            check_int("year", self.year, 1900, 2200)
        check_text("period", self.period)
        check_text("source", self.source, MAX_TEXT)
        check_text("reliability", self.reliability, MAX_TEXT)
        check_text("notes", self.notes, MAX_TEXT)
        known = [
            (name, getattr(self, name))
            for name in PERCENTILE_FIELDS
            if getattr(self, name) is not None
        ]
        if not known:
            raise InvalidValueError(
                "median", "a benchmark needs at least one of p10, p25, median, p75, p90"
            )
        previous: tuple[str, float] | None = None
        for name, value in known:
            check_number(name, value, 1, MAX_MONEY)
            if previous is not None and value < previous[1]:
                raise InvalidValueError(name, f"must not be below {previous[0]}")
            previous = (name, value)

    def points(self) -> tuple[tuple[float, float], ...]:
        """(percentile 0-100, salary) for each known point, in order."""
        return tuple(
            (PERCENTILE_LEVELS[name], float(value))
            for name in PERCENTILE_FIELDS
            if (value := getattr(self, name)) is not None
        )


@dataclass(frozen=True, slots=True)
class Criterion:
    """Something that matters in the decision, with the user's weight.

    A rating criterion is scored 0-10 per position by the user (`meaning_0/5/10` say what the scale
    means). A money criterion maps a computed `metric` to 0-10 between two anchors; with no
    anchors the decision model derives them from the benchmark and the target.
    """

    id: str
    label: str
    kind: CriterionKind = "rating"
    weight: float = field(
        default=1.0,
        metadata=help_text("How much this matters to you, relative to the other criteria."),
    )
    meaning_0: str = ""
    meaning_5: str = ""
    meaning_10: str = ""
    metric: MoneyMetric | None = None
    anchor_low: float | None = field(
        default=None,
        metadata=help_text("Value that scores 0; blank derives it from the benchmark."),
    )
    anchor_high: float | None = field(
        default=None,
        metadata=help_text(
            "Value that scores 10; blank derives it from the benchmark and your target."
        ),
    )
    rating_uncertainty: float = field(
        default=1.0,
        metadata=help_text(
            "How sure you are of your ratings on this: each may be off by up to this many points "
            "either way (0 = exactly right); an offer's own setting overrides it."
        ),
    )

    def __post_init__(self) -> None:
        check_id("id", self.id)
        check_text("label", self.label)
        if not self.label.strip():
            raise InvalidValueError("label", "must not be empty")
        if self.kind not in ("rating", "money"):
            raise InvalidValueError("kind", "must be rating or money")
        check_number("weight", self.weight, 0, 1_000)
        for name in ("meaning_0", "meaning_5", "meaning_10"):
            check_text(name, getattr(self, name), MAX_TEXT)
        check_number("rating_uncertainty", self.rating_uncertainty, 0, MAX_RATING_UNCERTAINTY)
        if self.kind == "money":
            if self.metric not in MONEY_METRICS:
                raise InvalidValueError(
                    "metric", f"a money criterion needs a metric: {', '.join(MONEY_METRICS)}"
                )
        elif self.metric is not None:
            raise InvalidValueError("metric", "only money criteria have a metric")
        for name in ("anchor_low", "anchor_high"):
            value = getattr(self, name)
            if value is not None:
                if self.kind != "money":
                    raise InvalidValueError(name, "only money criteria have anchors")
                check_number(name, value, -MAX_MONEY * 10, MAX_MONEY * 10)
        if (
            self.anchor_low is not None
            and self.anchor_high is not None
            and not self.anchor_low < self.anchor_high
        ):
            raise InvalidValueError("anchor_high", "must be above anchor_low")


# --- the scenario --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scenario:
    """Everything one comparison needs: the current job, the offers and the user's assumptions.

    `sources` maps a figure's JSON path (``"current.base_salary"``, ``"target_salary"``) to where it
    came from; the demo marks its invented figures ``"illustrative"``.
    """

    name: str
    current: Position
    currency: str = "GBP"
    tax: TaxSettings = field(default_factory=TaxSettings)
    target_salary: float | None = field(
        default=None, metadata=help_text("The salary you are aiming for (£ a year).")
    )
    target_benchmark_id: str | None = field(
        default=None, metadata=help_text("The benchmark for the role you are moving into.")
    )
    benchmarks: tuple[Benchmark, ...] = ()
    offers: tuple[Position, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    search: SearchAssumptions = field(default_factory=SearchAssumptions)
    simulation: Simulation = field(default_factory=Simulation)
    household: Household = field(default_factory=Household)
    applications: tuple[Application, ...] = field(
        default=(),
        metadata=help_text("Your own log of applications: where, when and how far each got."),
    )
    weight_confidence: float = field(
        default=50.0,
        metadata=help_text(
            "How sure you are of your weights: higher means the 'how sure' figure varies them less."
        ),
    )
    sources: FrozenMap[str, str] = field(default_factory=FrozenMap)
    notes: str = ""

    def __post_init__(self) -> None:
        self._check_fields()
        self._check_references()

    def _check_fields(self) -> None:
        """The rules of the scenario's own figures and texts (not those between its parts)."""
        check_text("name", self.name)
        check_text("currency", self.currency, 10)
        if self.target_salary is not None:
            check_number("target_salary", self.target_salary, 0, MAX_MONEY)
        check_text("notes", self.notes, MAX_TEXT)
        check_number("weight_confidence", self.weight_confidence, 0.1, 100_000)
        if not isinstance(self.sources, FrozenMap):
            if not isinstance(self.sources, Mapping):
                raise InvalidValueError("sources", "must be an object of figure path to source")
            object.__setattr__(self, "sources", FrozenMap(self.sources))
        for key, value in self.sources.items():
            check_text("sources key", key)
            check_text(f"sources.{key}", value, MAX_TEXT)

    def _check_references(self) -> None:
        check_unique("benchmarks", (b.id for b in self.benchmarks))
        check_unique("criteria", (c.id for c in self.criteria))
        # Every list a file or an edit could make endless is capped (the file readers say so
        # first, with the path; this catches an edit that would pass a limit).
        for key, count in (
            ("offers", len(self.offers)),
            ("benchmarks", len(self.benchmarks)),
            ("applications", len(self.applications)),
        ):
            too_many = over_limit(key, count)
            if too_many:
                raise InvalidValueError(key, too_many)
        check_unique("applications", (a.id for a in self.applications))
        position_ids = [self.current.id, *(offer.id for offer in self.offers)]
        seen: set[str] = set()
        for index, position_id in enumerate(position_ids):
            if position_id in seen:
                where = "current.id" if index == 0 else f"offers[{index - 1}].id"
                raise InvalidValueError(
                    where,
                    f"duplicate id '{position_id}' (the current job and every offer need their own id)",
                )
            seen.add(position_id)
        benchmark_ids = {b.id for b in self.benchmarks}
        for prefix, position in self.positions_with_paths():
            if position.benchmark_id is not None and position.benchmark_id not in benchmark_ids:
                raise InvalidValueError(
                    f"{prefix}.benchmark_id", f"no benchmark with id '{position.benchmark_id}'"
                )
        for name, value in (
            ("target_benchmark_id", self.target_benchmark_id),
            ("search.benchmark_id", self.search.benchmark_id),
        ):
            if value is not None and value not in benchmark_ids:
                raise InvalidValueError(name, f"no benchmark with id '{value}'")
        criterion_ids = {c.id for c in self.criteria}
        rating_ids = [c.id for c in self.criteria if c.kind == "rating"]
        for prefix, position in self.positions_with_paths():
            for key in position.ratings:
                if key not in criterion_ids:
                    raise InvalidValueError(f"{prefix}.ratings.{key}", "no criterion with this id")
            for key in position.rating_uncertainty:
                if key not in rating_ids:
                    raise InvalidValueError(
                        f"{prefix}.rating_uncertainty.{key}", "no rating criterion with this id"
                    )
        for index, offer in enumerate(self.offers):
            for criterion_id in rating_ids:
                if criterion_id not in offer.ratings:
                    raise InvalidValueError(
                        f"offers[{index}].ratings.{criterion_id}", "missing rating (0 to 10)"
                    )
        self._check_weights()

    def _check_weights(self) -> None:
        if self.criteria and sum(c.weight for c in self.criteria) <= 0:
            raise InvalidValueError("criteria", "the weights must add up to more than 0")

    # --- lookups -----------------------------------------------------------------------------

    def positions_with_paths(self) -> tuple[tuple[str, Position], ...]:
        """Each position with its JSON path, current first."""
        return (
            ("current", self.current),
            *((f"offers[{i}]", o) for i, o in enumerate(self.offers)),
        )

    @property
    def positions(self) -> tuple[Position, ...]:
        """The current job followed by every offer."""
        return (self.current, *self.offers)

    def benchmark(self, benchmark_id: str | None) -> Benchmark | None:
        """The benchmark with this id, or None."""
        if benchmark_id is None:
            return None
        return next((b for b in self.benchmarks if b.id == benchmark_id), None)

    def offer(self, offer_id: str) -> Position:
        """The offer with this id."""
        for offer in self.offers:
            if offer.id == offer_id:
                return offer
        raise KeyError(offer_id)

    def position(self, position_id: str) -> Position:
        """The current job or an offer by id."""
        if position_id == self.current.id:
            return self.current
        return self.offer(position_id)

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id."""
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    @property
    def is_illustrative(self) -> bool:
        """True when any figure is marked illustrative (the demo): the GUI shows a banner."""
        return any(source.strip().lower() == "illustrative" for source in self.sources.values())

    # --- edits (every edit makes a new scenario) ---------------------------------------------

    def replace(self, **changes: Any) -> Scenario:
        """A copy with some top-level fields changed (validated again).

        The rules between the parts (unique ids, ratings of every rating criterion, benchmarks
        that exist) are checked again only when the change could break one: a slider step
        changes one figure of one offer, criterion or the search, and checking every id and
        rating of the scenario again on each step cost a tenth of a millisecond for nothing.
        """
        if not _keeps_references(self, changes):
            return dataclasses.replace(self, **changes)
        changed = object.__new__(Scenario)
        for name in _SCENARIO_FIELDS:
            object.__setattr__(
                changed, name, changes[name] if name in changes else getattr(self, name)
            )
        if not _OWN_FIELDS.isdisjoint(changes):
            changed._check_fields()
        if "criteria" in changes:
            changed._check_weights()
        return changed

    def with_position(self, position: Position) -> Scenario:
        """A copy with the position of the same id replaced."""
        if position.id == self.current.id:
            return self.replace(current=position)
        offers = tuple(position if o.id == position.id else o for o in self.offers)
        if offers == self.offers and position not in self.offers:
            raise KeyError(position.id)
        return self.replace(offers=offers)

    def with_criterion(self, criterion: Criterion) -> Scenario:
        """A copy with the criterion of the same id replaced."""
        criteria = tuple(criterion if c.id == criterion.id else c for c in self.criteria)
        return self.replace(criteria=criteria)


_SCENARIO_FIELDS: Final = tuple(item.name for item in dataclasses.fields(Scenario))
# Fields `Scenario._check_fields` checks (the others are values that check themselves).
_OWN_FIELDS: Final = frozenset(
    {"name", "currency", "target_salary", "notes", "weight_confidence", "sources"}
)
# Fields no rule between the scenario's parts reads.
_UNREFERENCED: Final = frozenset(
    {
        "name",
        "currency",
        "tax",
        "target_salary",
        "simulation",
        "household",
        "weight_confidence",
        "sources",
        "notes",
    }
)


def _keeps_references(scenario: Scenario, changes: Mapping[str, Any]) -> bool:
    """True when `changes` leave everything `Scenario._check_references` reads as it was: the
    same positions (ids, benchmarks, which criteria they rate), the same criteria (ids and
    kinds; their weights are checked again apart), the same search benchmark. Anything else,
    or a value of another type, takes the full check."""
    for name, value in changes.items():
        if name in _UNREFERENCED:
            continue
        if name not in _SCENARIO_FIELDS:
            return False
        old = getattr(scenario, name)
        if value is old:
            continue
        if name == "current":
            if not _same_references(old, value):
                return False
        elif name == "offers":
            if (
                type(value) is not tuple
                or len(value) != len(old)
                or not all(
                    new is was or _same_references(was, new)
                    for was, new in zip(old, value, strict=True)
                )
            ):
                return False
        elif name == "criteria":
            if (
                type(value) is not tuple
                or len(value) != len(old)
                or not all(
                    new is was
                    or (type(new) is Criterion and (new.id, new.kind) == (was.id, was.kind))
                    for was, new in zip(old, value, strict=True)
                )
            ):
                return False
        elif name == "search":
            if type(value) is not SearchAssumptions or value.benchmark_id != old.benchmark_id:
                return False
        else:
            return False
    return True


def _same_references(was: Position, new: object) -> bool:
    """`new` is a position with `was`'s id, benchmark and rated criteria."""
    return (
        type(new) is Position
        and new.id == was.id
        and new.benchmark_id == was.benchmark_id
        and (new.ratings is was.ratings or new.ratings.keys() == was.ratings.keys())
        and (
            new.rating_uncertainty is was.rating_uncertainty
            or new.rating_uncertainty.keys() == was.rating_uncertainty.keys()
        )
    )
