"""A slider step recomputes only the strategies its field reaches."""

from __future__ import annotations

import dataclasses

from offer_eval.core.models import Scenario
from offer_eval.core.trajectory import TrajectoryEvaluator
from tests.unit.core._trajectory_support import ML, with_search


def test_a_search_edit_gives_back_the_same_stay_band_and_new_searches(demo: Scenario) -> None:
    evaluator = TrajectoryEvaluator()
    before = evaluator.evaluate(demo, resolution="interactive")
    rate = demo.search.callback_rate_novice
    after = evaluator.evaluate(
        with_search(demo, callback_rate_novice=rate * 1.5), resolution="interactive"
    )
    # Nothing can happen to the offer's job (no layoffs, no end): staying is worked out without
    # simulating and reads nothing of the search.
    assert demo.search.layoff_rate_pct == 0
    assert after.offers[ML].accept_and_stay is before.offers[ML].accept_and_stay
    assert after.offers[ML].accept_and_search is not before.offers[ML].accept_and_search
    assert after.decline_and_search is not before.decline_and_search


def test_staying_is_worked_out_again_when_the_job_changes(demo: Scenario) -> None:
    evaluator = TrajectoryEvaluator()
    before = evaluator.evaluate(demo, resolution="interactive")
    offers = tuple(
        dataclasses.replace(o, base_salary=o.base_salary + 1_000) if o.id == ML else o
        for o in demo.offers
    )
    after = evaluator.evaluate(demo.replace(offers=offers), resolution="interactive")
    stayed_before = before.offers[ML].accept_and_stay
    stayed_after = after.offers[ML].accept_and_stay
    assert stayed_after is not stayed_before
    assert stayed_after.p50[0] == stayed_before.p50[0] + 1_000
