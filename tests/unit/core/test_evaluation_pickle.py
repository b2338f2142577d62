"""An evaluation sent to another process (the window's worker writes the workbook and draws the
PDF from the window's own evaluation) arrives with every figure, lazy parts included."""

from __future__ import annotations

import pickle

from offer_eval.core.evaluate import Evaluator
from offer_eval.persistence.examples import demo_scenario


def test_a_pickled_evaluation_keeps_its_trajectory_decision_and_tie_salaries() -> None:
    evaluator = Evaluator()
    evaluation = evaluator.with_tie_salaries(evaluator.evaluate(demo_scenario(), resolution="full"))
    copy = pickle.loads(pickle.dumps(evaluation))
    assert copy.scenario == evaluation.scenario
    assert copy.offers == evaluation.offers
    assert copy.searched
    assert pickle.dumps(copy.trajectory) == pickle.dumps(evaluation.trajectory)
    assert pickle.dumps(copy.decision) == pickle.dumps(evaluation.decision)


def test_a_lazy_evaluation_is_worked_out_before_it_travels() -> None:
    evaluation = Evaluator().evaluate(demo_scenario(), resolution="interactive")
    copy = pickle.loads(pickle.dumps(evaluation))  # never computed before: computed to travel
    fresh = Evaluator().evaluate(demo_scenario(), resolution="interactive")
    assert copy.trajectory is not None and copy.decision is not None
    assert pickle.dumps(copy.trajectory) == pickle.dumps(fresh.trajectory)
    assert pickle.dumps(copy.decision) == pickle.dumps(fresh.decision)
