"""Shared by the Excel tests: evaluations with a decision, scenarios with many offers, hostile text."""

from __future__ import annotations

import dataclasses
import io
import itertools
from typing import Any

import openpyxl

from offer_eval.core.application import Application
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.models import Position, Scenario

# Text a spreadsheet or CSV importer would take for a formula, and text XML cannot carry as is.
HOSTILE = (
    "=1+1",
    '=HYPERLINK("http://example.com","x")',
    "+44 20 7946 0000",
    "-5",
    "@SUM(A1)",
    "\tTabbed",
    "\rReturn",
    "=cmd|' /C calc'!A0",
    "#N/A",
    "lit_x0041_eral",
    "bell\x07and\x1bescape",
    "line\r\nbreaks\nhere",
    "  spaced  ",
    "123",
    "Café £ 日本",
)


def with_offers(base: Scenario, count: int) -> Scenario:
    """`base` with `count` offers derived from its first one: varied pay and ratings, every
    rating criterion rated, some names that look like formulas."""
    template = base.offers[0]
    rating_ids = [c.id for c in base.criteria if c.kind == "rating"]
    offers = []
    for index in range(count):
        ratings = FrozenMap(
            (cid, float((index * 7 + k * 3) % 11)) for k, cid in enumerate(rating_ids)
        )
        offers.append(
            dataclasses.replace(
                template,
                id=f"offer-{index:03d}",
                name=HOSTILE[index % len(HOSTILE)] if index % 5 == 0 else f"Offer {index}",
                base_salary=30_000.0 + 1_250.0 * index,
                ratings=ratings,
                negotiation=(),
            )
        )
    return base.replace(offers=tuple(offers))


def per_offer_anchors(base: Scenario) -> Scenario:
    """The demo without a target-role or search benchmark, each offer with a benchmark of its own
    (which the money anchors must not read: they come from the target alone)."""
    return base.replace(
        target_benchmark_id=None,
        search=dataclasses.replace(base.search, benchmark_id=None),
        offers=tuple(
            dataclasses.replace(o, benchmark_id=b)
            for o, b in zip(
                base.offers, ("ml-uk-excl-london-story", "itjobswatch-ml-london-2025"), strict=True
            )
        ),
    )


def hostile_scenario(base: Scenario) -> Scenario:
    """Every text field the workbook shows, filled with text that looks like a formula."""
    texts = iter(HOSTILE * 20)

    def hostile_position(position: Position) -> Position:
        return dataclasses.replace(
            position,
            name=next(texts),
            employer=next(texts),
            title=next(texts),
            notes=next(texts),
        )

    benchmarks = tuple(
        dataclasses.replace(
            b,
            label=next(texts),
            role=next(texts),
            period=next(texts),
            source=next(texts),
            reliability=next(texts),
            notes=next(texts),
        )
        for b in base.benchmarks
    )
    criteria = tuple(
        dataclasses.replace(
            c,
            label=next(texts).strip() or "x",
            meaning_0=next(texts),
            meaning_5=next(texts),
            meaning_10=next(texts),
        )
        if c.kind == "rating"
        else dataclasses.replace(c, label=next(texts).strip() or "y")
        for c in base.criteria
    )
    return base.replace(
        name=next(texts),
        notes=next(texts),
        current=hostile_position(base.current),
        offers=tuple(hostile_position(o) for o in base.offers),
        benchmarks=benchmarks,
        criteria=criteria,
        sources=FrozenMap({"target_salary": next(texts), "=path": next(texts)}),
    )


def load(data: bytes, *, data_only: bool = False) -> Any:
    """An openpyxl workbook from bytes."""
    return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)


def save(workbook: Any) -> bytes:
    """An openpyxl workbook as bytes."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


__all__ = [
    "HOSTILE",
    "hostile_scenario",
    "load",
    "save",
    "with_offers",
]


def with_hostile_log(base: Scenario) -> Scenario:
    """The demo log with every text that looks like a formula, and every optional field set."""
    texts = itertools.cycle(HOSTILE)
    rows = [
        dataclasses.replace(a, employer=next(texts), role=next(texts), notes=next(texts))
        for a in base.applications
    ]
    rows.append(
        Application(
            id="full",
            date="2025-09-01",
            employer="Last one",
            target_field=False,
            channel="recruiter",
            stage="offer",
            outcome="declined",
            screen_date="2025-09-05",
            interview_date="2025-09-12",
            offer_date="2025-09-30",
            offered_salary=51_234.56,
        )
    )
    return base.replace(applications=tuple(rows))
