"""Scenario edits the window offers, as pure functions: each returns a new, validated Scenario.

They raise `InvalidValueError` with a plain rule when the edit would break one, so the caller can
show the reason beside the field. No Qt here: the undo commands hold the scenarios these return.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import Any, Final

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.limits import COUNTED
from offer_eval.core.models import (
    MAX_ID,
    Benchmark,
    Criterion,
    Equity,
    NegotiationStep,
    Position,
    Scenario,
    SearchHistory,
)
from offer_eval.editing.fields import FRACTION_AS_PERCENT

DEFAULT_RATING: Final = 5.0
HISTORY_RATE_KEYS: Final = ("search.callback_rate_novice", "search.offers_per_callback")
WHATIF_SEARCH_KEYS: Final = (
    "search.applications_per_month",
    "search.callback_rate_novice",
    "search.callback_rate_experienced",
    "search.experience_threshold_months",
    "search.switching_margin_pct",
    "search.annual_raise_pct",
)


def _replace(obj: Any, **changes: Any) -> Any:
    """dataclasses.replace that reports a broken rule without the Python field path noise."""
    try:
        return dataclasses.replace(obj, **changes)
    except InvalidValueError:
        raise
    except (TypeError, ValueError) as error:
        raise InvalidValueError("", str(error)) from None


# --- positions -----------------------------------------------------------------------------------


def position_value(position: Position, key: str) -> object:
    """A position's field by editor key (``base_salary``, ``equity.cliff_months``, ``ratings.team``)."""
    if key.startswith("ratings."):
        return position.ratings.get(key.removeprefix("ratings."))
    if key.startswith("rating_uncertainty."):
        return position.rating_uncertainty.get(key.removeprefix("rating_uncertainty."))
    if key.startswith("equity."):
        equity = position.equity if position.equity is not None else Equity()
        return getattr(equity, key.removeprefix("equity."))
    return getattr(position, key)


def with_position_value(position: Position, key: str, value: object) -> Position:
    """A copy of `position` with one field changed; raises InvalidValueError if not allowed."""
    if key.startswith("ratings."):
        criterion_id = key.removeprefix("ratings.")
        ratings = (
            position.ratings.without(criterion_id)
            if value is None
            else position.ratings.set(criterion_id, value)  # type: ignore[arg-type]
        )
        return _replace(position, ratings=ratings)  # type: ignore[no-any-return]
    if key.startswith("rating_uncertainty."):
        criterion_id = key.removeprefix("rating_uncertainty.")
        sure = (
            position.rating_uncertainty.without(criterion_id)
            if value is None
            else position.rating_uncertainty.set(criterion_id, value)  # type: ignore[arg-type]
        )
        return _replace(position, rating_uncertainty=sure)  # type: ignore[no-any-return]
    if key.startswith("equity."):
        name = key.removeprefix("equity.")
        equity = position.equity if position.equity is not None else Equity()
        if name == "vesting_years" and equity.schedule_pct:
            equity = _replace(equity, schedule_pct=())
        equity = _replace(equity, **{name: value})
        if equity == Equity():
            return _replace(position, equity=None)  # type: ignore[no-any-return]
        return _replace(position, equity=equity)  # type: ignore[no-any-return]
    if key in ("name", "tax_region", "benchmark_id") and value == "":
        value = None
    return _replace(position, **{key: value})  # type: ignore[no-any-return]


def set_position_value(scenario: Scenario, position_id: str, key: str, value: object) -> Scenario:
    """The scenario with one field of one position changed."""
    return scenario.with_position(with_position_value(scenario.position(position_id), key, value))


def _unique_id(base: str, taken: Iterable[str]) -> str:
    used = set(taken)
    stem = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")[: MAX_ID - 4] or "offer"
    if stem not in used:
        return stem
    number = 2
    while f"{stem}-{number}" in used:
        number += 1
    return f"{stem}-{number}"


def _unique_name(base: str, taken: Iterable[str]) -> str:
    used = set(taken)
    if base not in used:
        return base
    number = 2
    while f"{base} ({number})" in used:
        number += 1
    return f"{base} ({number})"


def _position_ids(scenario: Scenario) -> list[str]:
    return [p.id for p in scenario.positions]


def _room_for(key: str, have: int, adding: int = 1) -> None:
    """Refuse an edit that would take a scenario past one of its limits, saying what to do."""
    limit, words = COUNTED[key]
    if have + adding > limit:
        raise InvalidValueError(
            key,
            f"a comparison holds at most {limit:,} {words}; remove one before adding another"
            if adding == 1
            else f"a comparison holds at most {limit:,} {words}; this has {have:,} and "
            f"{adding:,} more would not fit",
        )


def add_offer(scenario: Scenario) -> tuple[Scenario, str]:
    """A blank offer (the current job's hours and pension, middling ratings) at the end."""
    _room_for("offers", len(scenario.offers))
    names = [p.display_name for p in scenario.positions]
    name = _unique_name(f"Offer {len(scenario.offers) + 1}", names)
    offer_id = _unique_id(name, _position_ids(scenario))
    current = scenario.current
    ratings = FrozenMap((c.id, DEFAULT_RATING) for c in scenario.criteria if c.kind == "rating")
    offer = Position(
        id=offer_id,
        name=name,
        base_salary=current.base_salary,
        region=current.region,
        benchmark_id=scenario.target_benchmark_id,
        target_field=True,
        hours_per_week=current.hours_per_week,
        holiday_days=current.holiday_days,
        ratings=ratings,
    )
    return scenario.replace(offers=(*scenario.offers, offer)), offer_id


def duplicate_offer(scenario: Scenario, offer_id: str) -> tuple[Scenario, str]:
    """A copy of an offer placed right after it, with its own id and name."""
    original = scenario.offer(offer_id)
    _room_for("offers", len(scenario.offers))
    names = [p.display_name for p in scenario.positions]
    name = _unique_name(f"{original.display_name} (copy)", names)
    new_id = _unique_id(f"{original.id}-copy", _position_ids(scenario))
    copy = _replace(original, id=new_id, name=name)
    offers = list(scenario.offers)
    offers.insert(offers.index(original) + 1, copy)
    return scenario.replace(offers=tuple(offers)), new_id


def remove_offer(scenario: Scenario, offer_id: str) -> Scenario:
    """The scenario without this offer (and without the sources that named it)."""
    scenario.offer(offer_id)
    sources = FrozenMap(
        (key, value)
        for key, value in scenario.sources.items()
        if not key.startswith(f"{offer_id}.")
    )
    offers = tuple(o for o in scenario.offers if o.id != offer_id)
    return scenario.replace(offers=offers, sources=sources)


def move_offer(scenario: Scenario, offer_id: str, delta: int) -> Scenario:
    """The offer moved `delta` places (negative: towards the current job); clamped at the ends."""
    offers = list(scenario.offers)
    index = offers.index(scenario.offer(offer_id))
    target = max(0, min(len(offers) - 1, index + delta))
    offers.insert(target, offers.pop(index))
    return scenario.replace(offers=tuple(offers))


def set_negotiation(
    scenario: Scenario, offer_id: str, steps: tuple[NegotiationStep, ...], *, apply_final: bool
) -> Scenario:
    """An offer's negotiation history; with `apply_final` the final figure becomes its base salary,
    or for a contract its day rate (the steps hold the figure in the offer's own pay)."""
    offer = _replace(scenario.offer(offer_id), negotiation=steps)
    finals = [step for step in steps if step.stage == "final"]
    if apply_final and finals:
        key = "day_rate" if offer.pay_type == "day_rate" else "base_salary"
        offer = _replace(offer, **{key: finals[-1].base_salary})
    return scenario.with_position(offer)


# --- scenario, tax, search and simulation settings ----------------------------------------------


def scenario_value(scenario: Scenario, key: str) -> object:
    """A setting by dotted key (``target_salary``, ``tax.region``, ``search.history.offers``).

    Fractions the form shows as percentages are returned as percentages (0.035 → 3.5).
    """
    value: Any = scenario
    parts = key.split(".")
    for index, part in enumerate(parts):
        if value is None:
            if parts[index - 1] == "history":
                value = SearchHistory()
            else:
                return None
        value = getattr(value, part)
    if key in FRACTION_AS_PERCENT and value is not None:
        return float(value) * 100.0
    return value


def set_scenario_value(scenario: Scenario, key: str, value: object) -> Scenario:
    """A copy with one setting changed; the inverse of `scenario_value` (percent → fraction)."""
    if key in FRACTION_AS_PERCENT and value is not None:
        value = float(value) / 100.0  # type: ignore[arg-type]
    if key in ("target_benchmark_id", "search.benchmark_id", "tax.year") and value == "":
        value = None
    changed: Scenario = _set_path(scenario, key.split("."), value)
    history = changed.search.history
    if key in HISTORY_RATE_KEYS and history is not None and history.use_for_rates:
        # A rate the user sets by hand wins over the one read off their history.
        changed = changed.replace(
            search=_replace(changed.search, history=_replace(history, use_for_rates=False))
        )
    return changed


def _set_path(obj: Any, parts: list[str], value: object) -> Any:
    if len(parts) == 1:
        changed = {parts[0]: value}
    else:
        child = getattr(obj, parts[0])
        if child is None and parts[0] == "history":
            child = SearchHistory()
        changed = {parts[0]: _set_path(child, parts[1:], value)}
    if isinstance(obj, Scenario):
        # Scenario.replace checks again only the rules the change could break.
        return _replace_scenario(obj, **changed)
    return _replace(obj, **changed)


def _replace_scenario(scenario: Scenario, **changes: Any) -> Scenario:
    """`Scenario.replace`, reporting a broken rule as `_replace` does."""
    try:
        return scenario.replace(**changes)
    except InvalidValueError:
        raise
    except (TypeError, ValueError) as error:
        raise InvalidValueError("", str(error)) from None


def set_student_loans(scenario: Scenario, plans: tuple[str, ...]) -> Scenario:
    """The student loan plans the person repays."""
    return scenario.replace(tax=_replace(scenario.tax, student_loans=plans))


# --- criteria ------------------------------------------------------------------------------------


def set_criterion_value(
    scenario: Scenario, criterion_id: str, name: str, value: object
) -> Scenario:
    """A copy with one field of one criterion changed (a kind change fixes up the ratings)."""
    criterion = scenario.criterion(criterion_id)
    if name == "kind" and value != criterion.kind:
        if value == "money":
            changed = _replace(criterion, kind="money", metric="net_take_home")
            offers = tuple(_unrated(o, criterion_id) for o in scenario.offers)
            current = _unrated(scenario.current, criterion_id)
            return scenario.replace(
                criteria=_swap_criterion(scenario, changed), offers=offers, current=current
            )
        changed = _replace(criterion, kind="rating", metric=None, anchor_low=None, anchor_high=None)
        offers = tuple(
            _replace(o, ratings=o.ratings.set(criterion_id, DEFAULT_RATING))
            for o in scenario.offers
        )
        return scenario.replace(criteria=_swap_criterion(scenario, changed), offers=offers)
    if name in ("anchor_low", "anchor_high", "metric") and value == "":
        value = None
    return scenario.with_criterion(_replace(criterion, **{name: value}))


def _swap_criterion(scenario: Scenario, changed: Criterion) -> tuple[Criterion, ...]:
    return tuple(changed if c.id == changed.id else c for c in scenario.criteria)


def add_criterion(scenario: Scenario) -> tuple[Scenario, str]:
    """A new rating criterion (weight 1); every offer starts with a middling rating for it."""
    labels = [c.label for c in scenario.criteria]
    label = _unique_name("New criterion", labels)
    criterion_id = _unique_id(label, [c.id for c in scenario.criteria])
    criterion = Criterion(
        id=criterion_id,
        label=label,
        meaning_0="Poor",
        meaning_5="Acceptable",
        meaning_10="Excellent",
    )
    offers = tuple(
        _replace(o, ratings=o.ratings.set(criterion_id, DEFAULT_RATING)) for o in scenario.offers
    )
    return scenario.replace(criteria=(*scenario.criteria, criterion), offers=offers), criterion_id


def remove_criterion(scenario: Scenario, criterion_id: str) -> Scenario:
    """The scenario without this criterion or anyone's rating of it."""
    scenario.criterion(criterion_id)
    criteria = tuple(c for c in scenario.criteria if c.id != criterion_id)
    if criteria and sum(c.weight for c in criteria) <= 0:
        raise InvalidValueError("criteria", "the weights left must add up to more than 0")
    offers = tuple(_unrated(o, criterion_id) for o in scenario.offers)
    current = _unrated(scenario.current, criterion_id)
    return scenario.replace(criteria=criteria, offers=offers, current=current)


def _unrated(position: Position, criterion_id: str) -> Position:
    """The position without its rating of a criterion, nor how sure it is of it."""
    return _replace(  # type: ignore[no-any-return]
        position,
        ratings=position.ratings.without(criterion_id),
        rating_uncertainty=position.rating_uncertainty.without(criterion_id),
    )


# --- benchmarks ----------------------------------------------------------------------------------


def set_benchmark_value(
    scenario: Scenario, benchmark_id: str, name: str, value: object
) -> Scenario:
    """A copy with one field of one benchmark changed."""
    if name == "id":
        raise InvalidValueError("id", "a benchmark's id cannot be changed")
    benchmarks = tuple(
        _replace(b, **{name: value}) if b.id == benchmark_id else b for b in scenario.benchmarks
    )
    return scenario.replace(benchmarks=benchmarks)


def add_benchmarks(scenario: Scenario, rows: Iterable[Benchmark]) -> Scenario:
    """The scenario with these benchmarks added; an id already present gets a fresh one."""
    rows = list(rows)
    _room_for("benchmarks", len(scenario.benchmarks), len(rows))
    benchmarks = list(scenario.benchmarks)
    taken = {b.id for b in benchmarks}  # a set: a 1,000-row CSV must not cost 1,000² look-ups
    for row in rows:
        added = _replace(row, id=_unique_id(row.id, taken)) if row.id in taken else row
        benchmarks.append(added)
        taken.add(added.id)
    return scenario.replace(benchmarks=tuple(benchmarks))


def new_benchmark(scenario: Scenario) -> Benchmark:
    """A user-entered benchmark to fill in."""
    label = _unique_name("My benchmark", [b.label for b in scenario.benchmarks])
    return Benchmark(
        id=_unique_id(label, [b.id for b in scenario.benchmarks]),
        label=label,
        median=scenario.target_salary or scenario.current.base_salary or 30_000.0,
        source="entered by me",
    )


def remove_benchmark(scenario: Scenario, benchmark_id: str) -> Scenario:
    """The scenario without this benchmark; positions and settings that used it use none."""
    offers = tuple(
        _replace(o, benchmark_id=None) if o.benchmark_id == benchmark_id else o
        for o in scenario.offers
    )
    current = scenario.current
    if current.benchmark_id == benchmark_id:
        current = _replace(current, benchmark_id=None)
    search = scenario.search
    if search.benchmark_id == benchmark_id:
        search = _replace(search, benchmark_id=None)
    target = None if scenario.target_benchmark_id == benchmark_id else scenario.target_benchmark_id
    return scenario.replace(
        benchmarks=tuple(b for b in scenario.benchmarks if b.id != benchmark_id),
        offers=offers,
        current=current,
        search=search,
        target_benchmark_id=target,
    )


# --- what-if -------------------------------------------------------------------------------------


def reset_whatif(scenario: Scenario, saved: Scenario) -> Scenario:
    """`scenario` with every what-if field (offer base salaries, or a contract's day rate, weights,
    the six search figures) put back to its value in `saved`, for the offers and criteria both
    still have."""
    result = scenario
    for offer in scenario.offers:
        try:
            before = saved.offer(offer.id)
        except KeyError:
            continue
        # The slider over an offer's pay moves a contract's day rate, a salary's base salary.
        key = "day_rate" if offer.pay_type == "day_rate" else "base_salary"
        if getattr(before, key) != getattr(offer, key):
            result = set_position_value(result, offer.id, key, getattr(before, key))
    for criterion in scenario.criteria:
        try:
            weight = saved.criterion(criterion.id).weight
        except KeyError:
            continue
        if weight != criterion.weight:
            result = set_criterion_value(result, criterion.id, "weight", weight)
    changes = {
        key.removeprefix("search."): getattr(saved.search, key.removeprefix("search."))
        for key in WHATIF_SEARCH_KEYS
    }
    search = _replace(result.search, **changes)
    if search.history is not None and saved.search.history is not None:
        uses = saved.search.history.use_for_rates
        if search.history.use_for_rates != uses:
            search = _replace(search, history=_replace(search.history, use_for_rates=uses))
    return result if search == result.search else result.replace(search=search)


def whatif_changed(scenario: Scenario, saved: Scenario) -> bool:
    """True when "reset what-if" would change something the sliders do not show themselves
    (whether the search history sets the rates)."""
    now, before = scenario.search.history, saved.search.history
    return now is not None and before is not None and now.use_for_rates != before.use_for_rates
