"""The plain notes a decision carries: estimates, missing anchors, clamps and double counting."""

from __future__ import annotations

import math
import operator
from collections.abc import Mapping, Sequence

from offer_eval.core.decision.money import NEUTRAL, MoneyValue, unclamped
from offer_eval.core.decision.score import winner_index
from offer_eval.core.models import MoneyMetric, Scenario
from offer_eval.core.money_text import format_money

# Metrics that count the same take-home pay: weighting both counts that money twice.
_SAME_MONEY: tuple[tuple[MoneyMetric, MoneyMetric], ...] = (
    ("net_take_home", "expected_earnings_3y"),
)


def _amount(item: MoneyValue, value: float | None) -> str:
    if value is None:
        return "-"
    if item.metric == "vs_benchmark":
        return f"{value:+.1f}%"
    return format_money(value)


def _names(scenario: Scenario, offer_ids: Sequence[str]) -> str:
    names = [scenario.offer(oid).display_name for oid in offer_ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def clamp_notes(
    scenario: Scenario,
    money_rows: Mapping[str, Mapping[str, MoneyValue]],
    rows: Sequence[Sequence[float]],
) -> list[str]:
    """Notes when two offers sit at the same end of a weighted money criterion's scale (the
    criterion cannot tell them apart), and when the clamp at 0 and 10 decides the winner."""
    weights = [c.weight for c in scenario.criteria]
    return clamp_notes_weighted(
        scenario,
        end_notes(scenario, money_rows),
        rows,
        unclamped_rows(scenario, money_rows, rows),
        weights,
    )


def end_notes(
    scenario: Scenario, money_rows: Mapping[str, Mapping[str, MoneyValue]]
) -> tuple[tuple[str, str], ...]:
    """(criterion id, note) for every money criterion on whose scale two or more offers sit at
    the same end, whatever its weight (`clamp_notes_weighted` keeps those weighted)."""
    notes: list[tuple[str, str]] = []
    offer_ids = [o.id for o in scenario.offers]
    for cid, items in money_rows.items():
        criterion = scenario.criterion(cid)
        for end, anchor_word in ((10.0, "top"), (0.0, "bottom")):
            at_end = [
                oid
                for oid in offer_ids
                if oid in items
                and items[oid].value is not None
                and items[oid].score == end
                and (unclamped(items[oid]) >= end if end else unclamped(items[oid]) <= end)
            ]
            if len(at_end) >= 2:
                first = items[at_end[0]]
                anchor = first.high if end else first.low
                every = "both" if len(at_end) == 2 else "all"
                notes.append(
                    (
                        cid,
                        f"{_names(scenario, at_end)} {every} score {end:g} on "
                        f"'{criterion.label}': each is at or beyond its {anchor_word} anchor "
                        f"({_amount(first, anchor)}), so this criterion does not tell them apart; "
                        "set the anchors wider if it should",
                    )
                )
    return tuple(notes)


def unclamped_rows(
    scenario: Scenario,
    money_rows: Mapping[str, Mapping[str, MoneyValue]],
    rows: Sequence[Sequence[float]],
) -> tuple[tuple[float, ...], ...] | None:
    """Each offer's 0-10 values with its money figures not clamped at 0 and 10; None when there
    is nothing to compare (fewer than two offers, or no money criterion)."""
    if len(scenario.offers) < 2 or not money_rows:
        return None
    columns = [(k, money_rows[c.id]) for k, c in enumerate(scenario.criteria) if c.id in money_rows]
    raw: list[tuple[float, ...]] = []
    for index, offer in enumerate(scenario.offers):
        row = list(rows[index])
        for k, items in columns:
            item = items.get(offer.id)
            if item is not None:
                row[k] = unclamped(item)
        raw.append(tuple(row))
    return tuple(raw)


def clamp_notes_weighted(
    scenario: Scenario,
    ends: Sequence[tuple[str, str]],
    rows: Sequence[Sequence[float]],
    raw: Sequence[Sequence[float]] | None,
    weights: Sequence[float],
) -> list[str]:
    """`clamp_notes` from its parts that do not depend on the weights (`end_notes`,
    `unclamped_rows`): a weight drag works those out once."""
    weighted = {c.id for c, w in zip(scenario.criteria, weights, strict=True) if w > 0}
    notes = [note for cid, note in ends if cid in weighted]
    if raw is None:
        return notes
    total = math.fsum(weights)
    raw_rows = [math.fsum(map(operator.mul, weights, r)) / total for r in raw]
    clamped = [math.fsum(map(operator.mul, weights, r)) / total for r in rows]
    win, raw_win = winner_index(clamped), winner_index(raw_rows)
    if win != raw_win:
        offer_ids = [o.id for o in scenario.offers]
        if raw_win is None:
            outcome = "they would tie"
        else:
            outcome = f"{scenario.offer(offer_ids[raw_win]).display_name} would come out ahead"
        now = (
            "no offer wins"
            if win is None
            else f"{scenario.offer(offer_ids[win]).display_name} wins"
        )
        notes.append(
            f"The clamp at 0 and 10 on money criteria decides this: {now} as scored, but if "
            f"money beyond the anchors counted too, {outcome}"
        )
    return notes


def overlap_notes(scenario: Scenario) -> list[str]:
    """A note for each pair of weighted money criteria that measure the same money."""
    notes: list[str] = []
    weighted = [c for c in scenario.criteria if c.kind == "money" and c.weight > 0]
    total = math.fsum(c.weight for c in scenario.criteria)
    for index, one in enumerate(weighted):
        for other in weighted[index + 1 :]:
            pair = (one.metric, other.metric)
            if one.metric == other.metric or pair in _SAME_MONEY or pair[::-1] in _SAME_MONEY:
                share = (one.weight + other.weight) / total * 100.0
                notes.append(
                    f"'{one.label}' and '{other.label}' both measure the pay you take home, so "
                    f"that money counts twice: together they carry {share:.0f}% of the weight"
                )
    return notes


def missing_notes(
    scenario: Scenario, money_rows: Mapping[str, Mapping[str, MoneyValue]]
) -> list[str]:
    """Notes for money criteria scored neutral (5) for want of anchors or a figure."""
    notes: list[str] = []
    for cid, items in money_rows.items():
        label = scenario.criterion(cid).label
        for item in items.values():
            if item.low is None or item.high is None:
                notes.append(
                    f"'{label}' scores {NEUTRAL:g} for every offer: {item.basis}; "
                    "choose a benchmark for the role you are moving into, a target or set its anchors"
                )
                break
            if item.value is None:
                name = scenario.offer(item.offer_id).display_name
                notes.append(
                    f"'{label}' scores {NEUTRAL:g} for {name}: it has no benchmark to compare with"
                )
    return notes
