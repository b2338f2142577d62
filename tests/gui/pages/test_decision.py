"""The decision tab in a small window: the criteria table keeps rows in view, the score bars
keep the plot's width."""

from __future__ import annotations

from offer_eval.gui.main_window import MainWindow
from tests.gui.pages._support import page_shown_at


def test_at_1024_by_700_the_criteria_keep_rows_and_the_score_bars_most_of_the_plot(
    window: MainWindow,
) -> None:
    from offer_eval.gui.pages.decision import MIN_CRITERIA_ROWS, DecisionPage

    page = page_shown_at(window, "Decision", 1024, 700)
    assert isinstance(page, DecisionPage)
    table = page.criteria.view
    assert table.model().rowCount() > MIN_CRITERIA_ROWS  # the demo has more than fit
    assert table.viewport().height() // table.verticalHeader().defaultSectionSize() >= (
        MIN_CRITERIA_ROWS
    )
    evaluation = window.controller.evaluation
    assert evaluation is not None and evaluation.decision is not None
    decision = evaluation.decision
    chart = page.score
    view = chart.plot.vb
    (low, high), _ = view.viewRange()
    assert low == 0.0 and high >= 10.0  # the whole scale shows
    best = max(decision.scores.values())
    # The longest bar takes over half the plot (its words beside it took two thirds before).
    assert best / high > 0.5
    labels = chart._labels
    for index, (x, _y, _text) in enumerate(labels.labels):
        assert x == decision.scores[decision.offer_ids[index]]
        # Inside its bar (right end at the score) only over a backing; beside it otherwise.
        assert labels.is_backed(index) == (labels.anchor_of(index) == 1.0)
    # Every label within the plot, wherever it went.
    box = labels.mapRectToParent(labels.boundingRect())
    assert box.left() >= 0.0 and box.right() <= high


def test_twelve_offers_get_a_line_of_text_a_bar_in_the_score_and_how_sure_charts(
    window: MainWindow,
) -> None:
    from offer_eval.gui.pages.decision import DecisionPage
    from tests.gui.charts._support import with_offers

    controller = window.controller
    controller.edit(with_offers(controller.scenario, 12), "Twelve offers")
    controller.wait_for_full()
    page = page_shown_at(window, "Decision", 1024, 700)
    assert isinstance(page, DecisionPage)
    line = page.fontMetrics().height()
    for chart in (page.score, page.ranks):
        assert len(chart._labels.labels) == 12
        # Each bar's label has its line (the room of two offers ran twelve into each other).
        assert chart.plot.vb.height() / 12 >= line, chart.title
    assert page.scroller.verticalScrollBar().maximum() > 0  # the rest scrolls
