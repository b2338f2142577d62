"""The take-home tab's marginal-rate chart: drawn from the evaluation's scenario, for any job."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from offer_eval.core.assumptions import Household
from offer_eval.core.models import Position, Scenario, TaxSettings
from offer_eval.gui import dialogs
from offer_eval.gui.autosave import AutosaveStore
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.main_window import TAB_TAKE_HOME, MainWindow
from offer_eval.gui.settings import Preferences, WindowState
from offer_eval.persistence.examples import demo_scenario


def _scenario() -> Scenario:
    demo = demo_scenario()
    high = dataclasses.replace(
        demo.offers[0],
        base_salary=110_000.0,
        bonus_target_pct=0.0,
        employee_pension_pct=0.0,
        pension_method="none",
        bik_private_medical=0.0,
        bik_car_list_price=0.0,
        bik_other=0.0,
        tax_free=False,
    )
    contract = Position(
        id="contract",
        name="Contract",
        base_salary=0.0,
        pay_type="day_rate",
        day_rate=550.0,
        engagement="outside_ir35_ltd",
        ratings=demo.offers[0].ratings,
    )
    return demo.replace(
        tax=TaxSettings(year="2026/27", region="rUK"),
        household=Household(children=2),
    ).replace(offers=(high, contract, *demo.offers[1:]))


@pytest.fixture
def tax_window(
    qtbot: Any, tmp_path: Path, store: QSettings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    controller = DocumentController(
        _scenario(), autosave=AutosaveStore(tmp_path / "auto"), autosave_seconds=3600
    )
    controller.evaluate_now()
    window = MainWindow(
        controller,
        preferences=Preferences(store),
        window_state=WindowState(store),
        check_recovery=False,
        start_worker=False,
    )
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    yield window
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *a: dialogs.SaveChoice.DISCARD)
    window.close()
    window.deleteLater()
    controller.shutdown()


def _chart(window: MainWindow) -> Any:
    from offer_eval.gui.pages.take_home import TakeHomePage

    page = window.build_tab(TAB_TAKE_HOME)
    assert isinstance(page, TakeHomePage)
    window.tabs.setCurrentIndex(TAB_TAKE_HOME)
    QApplication.processEvents()
    return page.marginal


def test_the_chart_shows_380_kept_at_110k_with_the_taper_and_charge_zones(
    tax_window: MainWindow,
) -> None:
    chart = _chart(tax_window)
    scenario = tax_window.controller.scenario
    chart.choose(scenario.offers[0].id)
    QApplication.processEvents()
    assert chart.has_data()
    assert (chart.marker.pos().x(), chart.marker.pos().y()) == (110_000.0, 380.0)
    assert "Kept £380 of £1,000 (38%)" in chart.readout_at(110_400.0, 400.0)
    assert "Personal allowance taper" in chart.readout_at(110_400.0, 400.0)
    xs, _ys = chart.curve.getData()
    assert len(xs) == 201 and xs[-1] == 200_000.0
    bands = {z.label: (z.start, z.end) for z in chart.picture.zones}
    assert bands["Personal allowance taper"] == (100_000.0, 125_140.0)
    assert bands["Child Benefit charge"] == (60_000.0, 80_000.0)
    shown = [r for r in chart._bands if r.isVisible()]
    assert sorted(r.getRegion() for r in shown) == [(60_000.0, 80_000.0), (100_000.0, 125_140.0)]
    legend = [label.text for _sample, label in chart.legend.items]
    assert "Child Benefit charge" in legend and "Personal allowance taper" in legend
    # 62% relief on the £10,000 over £100,000: it costs £3,800 of take-home
    text = chart.subtitle.text()
    assert "you would keep £380 (38%)" in text
    assert "Salary sacrifice of £10,000" in text and "(-£3,800)" in text


def test_every_job_can_be_drawn_and_a_contract_draws_its_own_curve(
    tax_window: MainWindow,
) -> None:
    chart = _chart(tax_window)
    scenario = tax_window.controller.scenario
    ids = [chart.position_box.itemData(i) for i in range(chart.position_box.count())]
    assert ids == [p.id for p in scenario.positions]
    chart.choose("contract")
    QApplication.processEvents()
    assert chart.has_data() and chart.picture.position_id == "contract"
    assert chart.picture.zones == ()
    assert not any(r.isVisible() for r in chart._bands)
    assert "contract" in chart.subtitle.text()
    assert chart.plot.getAxis("bottom").labelText == "Billing a year"
    _xs, contract_kept = chart.curve.getData()
    chart.choose(scenario.offers[0].id)
    QApplication.processEvents()
    _xs, salary_kept = chart.curve.getData()
    assert list(contract_kept) != list(salary_kept)


def test_a_salary_step_moves_the_marker_and_leaves_the_curve_as_drawn(
    tax_window: MainWindow,
) -> None:
    from offer_eval.editing.edits import set_position_value

    chart = _chart(tax_window)
    controller = tax_window.controller
    first, other = controller.scenario.offers[0].id, controller.scenario.offers[2].id
    chart.choose(first)
    QApplication.processEvents()
    curve_sets: list[object] = []
    original = chart.curve.setData

    def counted(*args: Any, **kwargs: Any) -> None:
        curve_sets.append(args)
        original(*args, **kwargs)

    chart.curve.setData = counted
    drawn = chart.refresh_count
    controller.edit(set_position_value(controller.scenario, first, "base_salary", 60_000.0), "Pay")
    QApplication.processEvents()
    # The marker and the words follow the new salary; the curve (same rules) is not set again.
    assert chart.refresh_count == drawn + 1
    assert chart.marker.pos().x() == 60_000.0 and chart.marker_line.value() == 60_000.0
    assert chart.marker.pos().y() == chart.picture.kept
    assert "At £60,000 a year" in chart.subtitle.text()
    assert curve_sets == []
    # Another job's salary changes nothing this chart shows: no redraw at all.
    controller.edit(set_position_value(controller.scenario, other, "base_salary", 33_000.0), "Pay")
    QApplication.processEvents()
    assert chart.refresh_count == drawn + 1
    # A rule of the job drawn (a benefit in kind) gives a new curve, and it is drawn.
    _xs, before = chart.curve.getData()
    controller.edit(
        set_position_value(controller.scenario, first, "bik_private_medical", 10_000.0), "Medical"
    )
    QApplication.processEvents()
    _xs, after = chart.curve.getData()
    assert len(curve_sets) == 1 and list(after) != list(before)
    # Choosing another job draws its curve.
    chart.choose("contract")
    QApplication.processEvents()
    assert len(curve_sets) == 2 and chart.picture.position_id == "contract"


def test_the_marker_is_a_dot_on_the_job_and_its_legend_entry_hides_it(
    tax_window: MainWindow,
) -> None:
    chart = _chart(tax_window)
    chart.choose(tax_window.controller.scenario.offers[0].id)
    QApplication.processEvents()
    assert chart.marker.isVisible()
    assert (chart.marker.pos().x(), chart.marker.pos().y()) == (
        chart.picture.gross,
        chart.picture.kept,
    )
    samples = {label.text: sample.item for sample, label in chart.legend.items}
    sample = samples["This job"]
    assert sample.opts["size"] == chart.marker.rect().width() == 11  # the same dot, in pixels
    sample.setVisible(False)  # what a click on the legend entry does
    QApplication.processEvents()
    assert not chart.marker.isVisible() and chart.marker_line.isVisible()
    sample.setVisible(True)
    QApplication.processEvents()
    assert chart.marker.isVisible()
