"""The side-by-side table puts a position's figures into words once: a column read from the same
money (and pay cut) is taken as it was, and a changed one is written again."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from offer_eval.core.evaluate import Evaluator
from offer_eval.core.models import Scenario
from offer_eval.persistence.examples import demo_scenario
from offer_eval.present import side_by_side
from offer_eval.present.side_by_side import side_by_side_rows


def _fresh(scenario: Scenario) -> tuple[side_by_side.SideRow, ...]:
    side_by_side._COLUMNS.clear()
    return side_by_side_rows(Evaluator().evaluate(scenario, parts="money"))


def test_rows_after_edits_are_those_of_each_scenario_alone() -> None:
    demo = demo_scenario()
    first, second = demo.offers[:2]
    runs = [
        demo,
        demo.with_position(dataclasses.replace(first, base_salary=61_000)),
        demo.with_position(dataclasses.replace(second, commute_cost_per_day=20.0)),
        demo.with_position(dataclasses.replace(demo.current, base_salary=30_000)),
        demo.replace(target_salary=90_000.0),
        demo,
    ]
    expected = [_fresh(scenario) for scenario in runs]
    evaluator = Evaluator()
    got = [side_by_side_rows(evaluator.evaluate(s, parts="money")) for s in runs]
    assert got == expected
    assert expected[1] != expected[0] and expected[3] != expected[0]


def test_an_unchanged_column_is_not_written_again(monkeypatch: pytest.MonkeyPatch) -> None:
    demo = demo_scenario()
    evaluator = Evaluator()
    side_by_side_rows(evaluator.evaluate(demo, parts="money"))
    written: list[str] = []

    def counting(cell: Any) -> Any:
        def counted(item: Any, cut: Any) -> str:
            written.append(item.position_id)
            return str(cell(item, cut))

        return counted

    monkeypatch.setattr(
        side_by_side, "_CELLS", tuple(counting(cell) for cell in side_by_side._CELLS)
    )
    edited = demo.with_position(dataclasses.replace(demo.offers[0], base_salary=62_000))
    side_by_side_rows(evaluator.evaluate(edited, parts="money"))
    assert set(written) == {demo.offers[0].id}
