"""A drag step does only the work its edit needs: charts whose figures did not change are not redrawn."""

from __future__ import annotations

import dataclasses

from offer_eval.gui.main_window import MainWindow


def test_a_search_edit_leaves_the_money_charts_alone_and_a_pay_edit_redraws_them(
    window: MainWindow,
) -> None:
    charts = (window.compensation, window.paycut)
    assert all(chart.isVisible() for chart in charts)
    controller = window.controller
    before = [chart.refresh_count for chart in charts]
    scenario = controller.scenario
    controller.edit(
        scenario.replace(
            search=dataclasses.replace(
                scenario.search, callback_rate_novice=scenario.search.callback_rate_novice / 2
            )
        ),
        "Callback rate",
    )
    assert [chart.refresh_count for chart in charts] == before
    offer = controller.scenario.offers[0]
    controller.edit(
        controller.scenario.replace(
            offers=(
                dataclasses.replace(offer, base_salary=offer.base_salary + 5_000),
                *controller.scenario.offers[1:],
            )
        ),
        "Base salary",
    )
    assert all(c.refresh_count > n for c, n in zip(charts, before, strict=True))
    shown = window.compensation._evaluation  # the chart holds the newest evaluation all along
    assert shown is controller.evaluation


def test_a_theme_or_option_change_still_redraws(window: MainWindow) -> None:
    chart = window.compensation
    before = chart.refresh_count
    chart.force_refresh()
    assert chart.refresh_count == before + 1
    controller = window.controller
    controller.evaluate_now()  # the same figures again: nothing to redraw
    assert chart.refresh_count == before + 1
