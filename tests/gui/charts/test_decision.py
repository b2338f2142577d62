"""The decision charts: criterion colours people can tell apart; every drag step reaches them."""

from __future__ import annotations

import dataclasses
import itertools
import math
from typing import Any

import numpy as np
import pytest

from offer_eval.gui.charts.decision import _colour
from offer_eval.gui.main_window import TAB_DECISION, MainWindow
from offer_eval.gui.pages.decision import DecisionPage
from offer_eval.gui.theme import DARK, LIGHT, ChartTheme

# CIE76 colour difference; about 2.3 is just noticeable, and stacked bars read side by side need
# far more. The dark theme once gave two criteria #D9C26A and #DDCC77 (a difference of 4.6).
MIN_DIFFERENCE = 15.0


def _lab(hex_colour: str) -> tuple[float, float, float]:
    """sRGB hex to CIE L*a*b* (D65), the space where distance tracks what people see."""
    digits = hex_colour.lstrip("#")
    red, green, blue = (_linear(int(digits[i : i + 2], 16) / 255) for i in (0, 2, 4))
    x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
    y = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _linear(channel: float) -> float:
    return ((channel + 0.055) / 1.055) ** 2.4 if channel > 0.04045 else channel / 12.92


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_the_first_ten_criterion_colours_are_distinct(theme: ChartTheme) -> None:
    colours = [_colour(theme, index) for index in range(10)]
    closest = min(
        (math.dist(_lab(a), _lab(b)), a, b) for a, b in itertools.combinations(colours, 2)
    )
    assert closest[0] >= MIN_DIFFERENCE, f"{closest[1]} and {closest[2]} look alike"


def _weighted(scenario: Any, criterion_id: str, weight: float) -> Any:
    return scenario.replace(
        criteria=tuple(
            dataclasses.replace(c, weight=weight) if c.id == criterion_id else c
            for c in scenario.criteria
        )
    )


def test_every_decision_chart_follows_a_weight_drag_step_by_step(window: MainWindow) -> None:
    """Each step's figures reach every chart: labels, bars and markers skip only unchanged work."""
    from offer_eval.core.decision import share_text

    window.tabs.setCurrentIndex(TAB_DECISION)
    page = window.pages[TAB_DECISION]
    assert isinstance(page, DecisionPage)
    controller = window.controller
    controller.begin_drag()
    try:
        for weight in (1.0, 4.0, 9.0, 30.0):
            controller.edit(_weighted(controller.scenario, "net_pay", weight), "Weight")
            evaluation = controller.evaluation
            assert evaluation is not None
            decision = evaluation.decision
            assert decision is not None
            offers = list(decision.offer_ids)

            score_texts = page.score._labels.texts()
            assert [text.split(" · ")[0].strip() for text in score_texts] == [
                f"{decision.scores[o]:.2f}" for o in offers
            ]
            assert [x for x, _y, _t in page.score._labels.labels] == pytest.approx(
                [decision.scores[o] for o in offers]
            )
            widths = np.asarray(page.score.stack.opts["width"])
            expected = [
                decision.contributions[o][c] for c in decision.criterion_ids for o in offers
            ]
            assert widths == pytest.approx(expected)

            ranks = np.asarray(page.ranks.stack.opts["width"]).reshape(-1, len(offers))
            assert ranks[0] == pytest.approx([decision.rank_acceptability[o][0] for o in offers])
            assert page.ranks._labels.texts()[0].startswith(
                f" 1st in {share_text(decision.rank_acceptability[offers[0]][0])}"
            )

            share = decision.shares["net_pay"]
            row = next(i for i, r in enumerate(page.stability._rows) if r[1] == share)
            assert page.stability._labels.texts()[row].startswith(f" {share:.0%} now")
            assert sorted(page.stability.now.getData()[0]) == pytest.approx(
                sorted(decision.shares.values())
            )
    finally:
        controller.end_drag()


def test_how_sure_redraws_only_when_its_figures_change(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(TAB_DECISION)
    page = window.pages[TAB_DECISION]
    assert isinstance(page, DecisionPage)
    chart = page.ranks
    controller = window.controller
    controller.evaluate_now(refine=False)  # the interactive draws: a first redraw
    drawn = chart.refresh_count
    controller.evaluate_now(refine=False)  # the same scenario: the same rank shares
    assert chart.refresh_count == drawn
    before = list(chart.stack.opts["width"])
    controller.edit(_weighted(controller.scenario, "net_pay", 40.0), "Weight")
    assert controller.evaluation is not None and controller.evaluation.decision is not None
    assert chart.refresh_count == drawn + 1
    assert list(chart.stack.opts["width"]) != before


def test_a_step_that_changes_nothing_drawn_redraws_no_decision_chart(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(TAB_DECISION)
    page = window.pages[TAB_DECISION]
    assert isinstance(page, DecisionPage)
    controller = window.controller
    controller.evaluate_now(refine=False)
    drawn = [chart.refresh_count for chart in page.charts]
    controller.evaluate_now(refine=False)  # the same figures again
    assert [chart.refresh_count for chart in page.charts] == drawn
    # A criterion the explanation does not name, renamed: only names change, and every chart
    # that shows them redraws.
    evaluation = controller.evaluation
    assert evaluation is not None and evaluation.decision is not None
    criteria = controller.scenario.criteria
    index = next(
        i
        for i, c in enumerate(criteria)
        if c.label.lower() not in evaluation.decision.explanation.lower()
    )
    renamed = dataclasses.replace(criteria[index], label="Colleagues")
    changed = (*criteria[:index], renamed, *criteria[index + 1 :])
    controller.edit(controller.scenario.replace(criteria=changed), "Rename")
    assert page.score.refresh_count > drawn[0]
    assert page.stability.refresh_count > drawn[2]
    assert "Colleagues" in [label.text for _sample, label in page.score.legend.items]


def test_how_sure_skips_a_step_that_moves_only_ranks_drawn_as_one(qapp: object) -> None:
    from types import SimpleNamespace

    from offer_eval.core.evaluate import Evaluator
    from offer_eval.core.frozen import FrozenMap
    from offer_eval.gui.charts.decision_ranks import RankChart
    from offer_eval.persistence.examples import demo_scenario

    from ._support import with_offers

    scenario = with_offers(demo_scenario(), 8)
    decision = Evaluator().evaluate(scenario, resolution="interactive").decision
    assert decision is not None
    offers = decision.offer_ids

    def evaluation(table: list[list[float]]) -> Any:
        ranks = FrozenMap((o, tuple(row)) for o, row in zip(offers, table, strict=True))
        changed = dataclasses.replace(decision, rank_acceptability=ranks)
        return SimpleNamespace(decision=changed, scenario=scenario)

    # Offer i is i-th in every draw; ranks 6, 7 and 8 are drawn as one segment.
    base = [[1.0 if r == i else 0.0 for r in range(8)] for i in range(8)]
    chart = RankChart()
    chart.resize(500, 400)
    chart.show()
    chart.set_evaluation(evaluation(base))
    drawn = chart.refresh_count
    swapped = [row.copy() for row in base]
    swapped[6], swapped[7] = base[7], base[6]  # 7th and 8th trade places: one grey segment
    chart.set_evaluation(evaluation(swapped))
    assert chart.refresh_count == drawn
    assert "8th: 100%" in (chart.readout_at(0.5, -6.0) or "")  # the read-out has the newest
    moved = [row.copy() for row in swapped]
    moved[0], moved[1] = swapped[1], swapped[0]  # 1st and 2nd trade places: redrawn
    chart.set_evaluation(evaluation(moved))
    assert chart.refresh_count == drawn + 1
    widths = np.asarray(chart.stack.opts["width"]).reshape(-1, 8)
    assert widths[0][:2] == pytest.approx([0.0, 1.0])  # rank 1: offer 1 no longer, offer 2 now
