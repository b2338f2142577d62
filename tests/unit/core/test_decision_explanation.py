"""The decision's plain explanation: what carries the winner and how sure it is."""

from __future__ import annotations

import pytest

from offer_eval.core.decision import (
    DecisionResult,
)
from offer_eval.core.models import Scenario
from offer_eval.persistence.examples import demo_scenario
from tests.unit.core._decision_support import (
    decide_demo,
)


@pytest.fixture(scope="module")
def demo_s() -> Scenario:
    return demo_scenario()


@pytest.fixture(scope="module")
def demo_result(demo_s: Scenario) -> DecisionResult:
    return decide_demo(demo_s)


# --- explanation and report helpers ----------------------------------------------------------------


def test_explanation_names_what_carries_the_winner_and_how_sure(
    demo_result: DecisionResult,
) -> None:
    text = demo_result.explanation
    assert text.startswith("ML Engineer (regional) comes out ahead of Data Scientist (London)")
    assert "manager, team and project variety" in text
    assert f"{demo_result.probability_best['ml-engineer'] * 100:.0f}%" in text
    # The tightest bound: net take-home pay, 15% now, 27% would overturn it.
    assert "net take-home pay rose from 15% to 27%" in text
    assert text.count(". ") + text.count(".") >= 2
    for jargon in ("Dirichlet", "alpha", "interval", "share"):
        assert jargon not in text
