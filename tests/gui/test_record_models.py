"""The criteria and benchmarks models: Qt's model contract and edits through the undo stack."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from offer_eval.gui.controller import DocumentController
from offer_eval.gui.positions_model import (
    ERROR_ROLE,
)
from offer_eval.gui.record_models import BenchmarksModel, CriteriaModel


def test_criteria_model_passes_the_model_tester(
    qtmodeltester: Any, controller: DocumentController
) -> None:
    qtmodeltester.check(CriteriaModel(controller), force_py=True)


def test_benchmarks_model_passes_the_model_tester(
    qtmodeltester: Any, controller: DocumentController
) -> None:
    qtmodeltester.check(BenchmarksModel(controller), force_py=True)


def test_criteria_model_edits_weights_and_reports_derived_anchors(
    controller: DocumentController,
) -> None:
    model = CriteriaModel(controller)
    weight = model.index(model.row_of("team"), 2)
    assert model.data(weight, Qt.ItemDataRole.AccessibleTextRole) == "Weight: Team"
    assert model.setData(weight, "5", Qt.ItemDataRole.EditRole)
    assert controller.scenario.criterion("team").weight == 5
    anchor = model.index(model.row_of("net_pay"), 8)
    assert str(model.data(anchor)).startswith("auto: £")
    assert not model.setData(model.index(model.row_of("team"), 2), "-1", Qt.ItemDataRole.EditRole)


def test_benchmarks_model_edits_percentiles(controller: DocumentController) -> None:
    model = BenchmarksModel(controller)
    row = model.row_of("ml-uk-excl-london-story")
    median = model.index(row, 6)
    assert model.setData(median, "£57k", Qt.ItemDataRole.EditRole)
    assert controller.scenario.benchmark("ml-uk-excl-london-story").median == 57_000  # type: ignore[union-attr]
    p25 = model.index(row, 5)
    assert not model.setData(p25, "60000", Qt.ItemDataRole.EditRole)  # above the median
    assert "must not be below" in str(model.data(p25, ERROR_ROLE)) or "median" in str(
        model.data(p25, ERROR_ROLE)
    )


def _column(model: BenchmarksModel, key: str) -> int:
    return next(n for n, column in enumerate(model.columns) if column.spec.key == key)


def test_benchmark_year_and_region_read_as_people_write_them(
    controller: DocumentController,
) -> None:
    model = BenchmarksModel(controller)
    row = model.row_of("ml-uk-excl-london-story")
    year = model.index(row, _column(model, "year"))
    region = model.index(row, _column(model, "region"))
    assert model.data(year) == "2025"  # a year, not an amount: no "2,025"
    assert model.data(region) == "UK outside London"
    assert model.data(region, Qt.ItemDataRole.EditRole) == "UK outside London"

    assert model.setData(region, "london", Qt.ItemDataRole.EditRole)
    assert controller.scenario.benchmark("ml-uk-excl-london-story").region == "london"  # type: ignore[union-attr]
    assert model.setData(region, "Whole UK", Qt.ItemDataRole.EditRole)
    assert controller.scenario.benchmark("ml-uk-excl-london-story").region == "uk"  # type: ignore[union-attr]
    assert model.setData(region, " Cambridge ", Qt.ItemDataRole.EditRole)
    assert controller.scenario.benchmark("ml-uk-excl-london-story").region == "Cambridge"  # type: ignore[union-attr]
    assert model.data(region) == "Cambridge"


def test_long_text_cells_show_in_full_in_their_tooltip(controller: DocumentController) -> None:
    model = BenchmarksModel(controller)
    row = model.row_of("ml-uk-excl-london-story")
    label = model.index(row, _column(model, "label"))
    full = controller.scenario.benchmark("ml-uk-excl-london-story").label  # type: ignore[union-attr]
    assert str(model.data(label, Qt.ItemDataRole.ToolTipRole)).startswith(full)
    median = model.index(row, _column(model, "median"))
    assert not str(model.data(median, Qt.ItemDataRole.ToolTipRole)).startswith("£")
