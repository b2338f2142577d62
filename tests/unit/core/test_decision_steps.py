"""A weight drag's interactive decisions: what one evaluator remembers from step to step gives
the very decision a fresh evaluator works out, and an edit the simulation reads is not missed."""

from __future__ import annotations

import dataclasses

from offer_eval.core.evaluate import Evaluator
from offer_eval.editing.edits import set_criterion_value
from offer_eval.persistence.examples import demo_scenario


def test_a_weight_drag_gives_what_a_fresh_evaluator_gives() -> None:
    scenario = demo_scenario()
    evaluator = Evaluator()
    evaluator.evaluate(scenario, resolution="interactive").decision  # noqa: B018 (warms it)
    for step in range(4):
        moved = set_criterion_value(scenario, "team", "weight", 0.5 + 0.7 * step)
        dragged = evaluator.evaluate(moved, resolution="interactive").decision
        fresh = Evaluator().evaluate(moved, resolution="interactive").decision
        assert dragged is not None and dragged == fresh
        assert dragged.earnings_source == "trajectory"


def test_an_edit_the_simulation_reads_is_simulated_again() -> None:
    # The last step's 3-year figures are reused only while every field the simulation reads
    # is unchanged: a salary edit after a weight edit must give the new salary's earnings.
    scenario = demo_scenario()
    evaluator = Evaluator()
    moved = set_criterion_value(scenario, "team", "weight", 2.5)
    before = evaluator.evaluate(moved, resolution="interactive").decision
    offer = moved.offers[0]
    raised = moved.replace(
        offers=(
            dataclasses.replace(offer, base_salary=offer.base_salary + 20_000.0),
            *moved.offers[1:],
        )
    )
    after = evaluator.evaluate(raised, resolution="interactive").decision
    fresh = Evaluator().evaluate(raised, resolution="interactive").decision
    assert before is not None and after is not None
    assert after == fresh
    earnings = "earnings_3y"
    assert after.money[earnings][offer.id] != before.money[earnings][offer.id]
