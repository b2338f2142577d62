"""A contract offer in the window: the what-if dock moves its day rate (a base-salary slider moved a
field contract pay never reads), and the verdict's counter-offer is a day rate, never "£0"."""

from __future__ import annotations

from typing import Any

import pytest

from offer_eval.core.models import Scenario
from offer_eval.gui.main_window import MainWindow
from offer_eval.gui.verdict import verdict_parts
from offer_eval.present.pay_terms import MIXED_GROUP
from tests.unit.core.test_contract_tie_day_rate import contract_demo

KEY = "offer:london-ds:day_rate"


@pytest.fixture
def demo() -> Scenario:
    """The window fixtures open this scenario: the London offer is a £150-a-day contract."""
    return contract_demo(150.0)


def _net(window: MainWindow, offer_id: str) -> float:
    evaluation = window.controller.evaluation
    assert evaluation is not None
    return next(m for m in evaluation.offers if m.position_id == offer_id).net_take_home


def test_a_contract_gets_a_day_rate_slider_that_moves_its_money(window: MainWindow) -> None:
    whatif = window.whatif
    whatif.ensure_built()
    assert "offer:london-ds:base_salary" not in whatif.sliders
    slider = whatif.sliders[KEY]
    assert (
        slider.accessibleName()
        == f"Day rate: {contract_demo(150.0).offer('london-ds').display_name}"
    )
    assert whatif.values[KEY].text() == "£150 a day"
    assert "offer:ml-engineer:base_salary" in whatif.sliders  # the salaried offer keeps its own
    headings = {label.text() for label in whatif.findChildren(type(whatif.message))}
    assert MIXED_GROUP in headings
    before = _net(window, "london-ds")
    slider.setValue(whatif.spec(KEY).to_slider(250.0))
    assert window.controller.scenario.offer("london-ds").day_rate == 250.0
    assert whatif.values[KEY].text() == "£250 a day"
    assert window.controller.wait_for_full()
    assert _net(window, "london-ds") > before + 10_000  # 100 more a day, 220 days billed
    window.whatif.reset_button.click()
    assert window.controller.scenario.offer("london-ds").day_rate == 150.0
    assert window.controller.scenario == window.controller.saved_scenario


def test_the_counter_offer_for_a_contract_is_a_day_rate(window: MainWindow, qtbot: Any) -> None:
    controller = window.controller
    qtbot.waitUntil(
        lambda: (
            controller.evaluation is not None
            and controller.evaluation.decision is not None
            and controller.evaluation.decision.tie_salaries is not None
        ),
        timeout=30_000,
    )
    evaluation = controller.evaluation
    assert evaluation is not None and evaluation.decision is not None
    ties = evaluation.decision.tie_salaries
    assert ties is not None
    tie = ties["london-ds"]
    assert tie.day_rate is not None
    counter = {p.key: p for p in verdict_parts(evaluation)}["counter"]
    assert counter.value.startswith(f"£{tie.day_rate:,.0f} a day from ")
    assert "£0" not in counter.value and "day rate of" in counter.detail


def test_lowest_offer_worth_taking_for_a_leading_contract_is_a_day_rate() -> None:
    from offer_eval.core.evaluate import evaluate, evaluate_searches

    scenario = contract_demo(300.0)
    evaluation = evaluate(scenario)
    assert evaluation.decision is not None and evaluation.decision.leader == "london-ds"
    searches = evaluate_searches(scenario)
    lowest = searches.lowest_salary["london-ds"]
    assert isinstance(lowest, float)
    shown = {p.key: p for p in verdict_parts(evaluation, searches)}["reservation"]
    assert shown.value == f"£{lowest / 220.0:,.0f} a day"
    assert f"£{lowest:,.0f} a year billed" in shown.detail


def test_a_contract_that_already_ties_is_not_told_it_needs_plus_nothing() -> None:
    from offer_eval.core.evaluate import evaluate, with_tie_salaries
    from tests.gui.pages.test_take_home import _scenario

    # The take-home tab's scenario: the £550-a-day contract scores the same as the leader.
    evaluation = with_tie_salaries(evaluate(_scenario()))
    assert evaluation.decision is not None and evaluation.decision.winner is None
    counter = {p.key: p for p in verdict_parts(evaluation)}["counter"]
    assert counter.value == "£550 a day from Contract"
    assert "already ties" in counter.detail and "day rate of £550 a day" in counter.detail
    assert "£0" not in counter.detail
