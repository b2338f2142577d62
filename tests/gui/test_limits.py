"""The window keeps a scenario within its limits and says so: the 101st offer or the 1,001st
benchmark is refused with a message (never a crash, never silently), and text fields take no
more characters than a scenario may hold."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit

from offer_eval.core.application import Application
from offer_eval.core.checks import MAX_LABEL
from offer_eval.core.limits import MAX_APPLICATIONS, MAX_BENCHMARKS, MAX_OFFERS
from offer_eval.core.models import Scenario
from offer_eval.editing.edits import new_benchmark
from offer_eval.gui.autosave import AutosaveStore
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.main_window import MainWindow
from offer_eval.gui.pages.applications import ApplicationsPage
from offer_eval.gui.pages.benchmarks import BenchmarksPanel
from offer_eval.gui.positions_model import FIELD_KEY_ROLE
from offer_eval.gui.tables import PositionsPanel
from offer_eval.gui.wizard import NewComparisonDialog
from offer_eval.persistence.applications_csv import CsvImport


def _full_of_offers(demo: Scenario) -> Scenario:
    template = demo.offers[0]
    offers = tuple(
        dataclasses.replace(template, id=f"offer-{i:03d}", name=f"Offer {i}")
        for i in range(MAX_OFFERS)
    )
    return demo.replace(offers=offers)


def _full_of_benchmarks(demo: Scenario) -> Scenario:
    scenario = demo
    rows = list(scenario.benchmarks)
    while len(rows) < MAX_BENCHMARKS:
        scenario = scenario.replace(benchmarks=(*rows, new_benchmark(scenario)))
        rows = list(scenario.benchmarks)
    return scenario


@pytest.fixture
def make_controller(tmp_path: Path, qapp: Any) -> Iterator[Any]:
    made: list[DocumentController] = []

    def make(scenario: Scenario) -> DocumentController:
        controller = DocumentController(
            scenario, autosave=AutosaveStore(tmp_path / "autosave"), autosave_seconds=3600
        )
        made.append(controller)
        return controller

    yield make
    for controller in made:
        controller.shutdown()


def test_the_101st_offer_is_refused_with_a_message(
    demo: Scenario, make_controller: Any, qtbot: Any, no_modal_dialogs: list[tuple[str, str]]
) -> None:
    controller = make_controller(_full_of_offers(demo))
    panel = PositionsPanel(controller)
    qtbot.addWidget(panel)
    panel.add()
    assert len(controller.scenario.offers) == MAX_OFFERS
    assert controller.undo_stack.count() == 0
    ((title, text),) = no_modal_dialogs
    assert "offer" in title.lower()
    assert f"at most {MAX_OFFERS} offers" in text


def test_duplicating_the_101st_offer_is_refused_with_a_message(
    demo: Scenario, make_controller: Any, qtbot: Any, no_modal_dialogs: list[tuple[str, str]]
) -> None:
    controller = make_controller(_full_of_offers(demo))
    panel = PositionsPanel(controller)
    qtbot.addWidget(panel)
    panel.view.setCurrentIndex(panel.model.index(0, 1))
    assert panel.selected_offer() is not None
    panel.duplicate()
    assert len(controller.scenario.offers) == MAX_OFFERS
    assert controller.undo_stack.count() == 0
    assert [text for _title, text in no_modal_dialogs if f"at most {MAX_OFFERS}" in text]


def test_the_1001st_benchmark_is_refused_with_a_message(
    demo: Scenario, make_controller: Any, qtbot: Any, no_modal_dialogs: list[tuple[str, str]]
) -> None:
    controller = make_controller(_full_of_benchmarks(demo))
    panel = BenchmarksPanel(controller)
    qtbot.addWidget(panel)
    panel.add()
    assert len(controller.scenario.benchmarks) == MAX_BENCHMARKS
    assert controller.undo_stack.count() == 0
    assert [text for _title, text in no_modal_dialogs if "at most 1,000 benchmarks" in text]


def test_the_table_editor_takes_no_more_than_a_name_may_hold(window: MainWindow) -> None:
    view = window.positions.view
    model = window.positions.model
    row = next(
        r
        for r in range(model.rowCount())
        if model.data(model.index(r, 1), FIELD_KEY_ROLE) == "name"
    )
    index = model.index(row, 1)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index) or view.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    editor.insert("x" * 5_000)  # as a paste does
    assert len(editor.text()) == MAX_LABEL


def test_the_new_comparison_dialog_limits_its_text_fields(qtbot: Any) -> None:
    dialog = NewComparisonDialog()
    qtbot.addWidget(dialog)
    edits = [
        edit
        for edit in dialog.findChildren(QLineEdit)
        if "Job title" in edit.accessibleName() or "Employer" in edit.accessibleName()
    ]
    assert len(edits) == 4
    for edit in edits:
        edit.insert("y" * 1_000)
        assert len(edit.text()) == MAX_LABEL


def _full_log(demo: Scenario) -> Scenario:
    rows = tuple(Application(id=f"app-{i}", date="2025-01-01") for i in range(MAX_APPLICATIONS))
    return demo.replace(applications=rows)


def test_the_10001st_application_is_refused_with_a_message(
    demo: Scenario, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(_full_log(demo))
    page = ApplicationsPage(controller, today=dt.date(2026, 1, 5))
    qtbot.addWidget(page)
    page.add()
    assert len(controller.scenario.applications) == MAX_APPLICATIONS
    assert controller.undo_stack.count() == 0
    assert "at most 10,000 applications" in page.problem.text()


def test_rows_read_for_a_log_filled_meanwhile_are_reported_not_raised(
    demo: Scenario, make_controller: Any, qtbot: Any
) -> None:
    # The file was read while there was room; by the time its rows arrive the log is full.
    controller = make_controller(_full_log(demo))
    page = ApplicationsPage(controller, today=dt.date(2026, 1, 5))
    qtbot.addWidget(page)
    arrived = CsvImport((Application(id="app-late", date="2025-02-01"),), (), ())
    page._add_rows(arrived, "log.csv", 1, "Import")
    assert len(controller.scenario.applications) == MAX_APPLICATIONS
    assert controller.undo_stack.count() == 0
    assert "at most 10,000 applications" in page.notice.text()
