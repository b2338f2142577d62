"""User text reads as typed everywhere in the window: an offer called `<b style="color:red">Zyx</b>`
shows those characters, not a red "Zyx", in every label, tooltip, legend and message box.

Each check reads what Qt would draw (a label or tooltip that Qt takes for HTML is rendered to its
plain text first), so a label left to guess its format fails here as it fails on screen.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTableView, QWidget

from offer_eval.core.models import Scenario
from offer_eval.editing.edits import (
    set_benchmark_value,
    set_criterion_value,
    set_position_value,
)
from offer_eval.gui import dialogs
from offer_eval.gui.autosave import AutosaveStore
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.main_window import MainWindow
from offer_eval.gui.negotiation import NegotiationDialog
from offer_eval.gui.plain_text import plain_tooltip, tooltip_text
from offer_eval.gui.settings import Preferences, WindowState
from offer_eval.gui.table_model import EditableTableModel

OFFER = '<b style="color:red">Zyx</b>'
CRITERION = "<i>Qwv</i> &amp; team"
BENCHMARK = "<u>Jkp</u> survey"
SCENARIO = "<h1>Plan</h1> Vvt"
EMPLOYER = "<s>Wqz</s> &lt;Ltd&gt;"
MARKERS = {"Zyx": OFFER, "Qwv": CRITERION, "Jkp": BENCHMARK, "Vvt": SCENARIO, "Wqz": EMPLOYER}


def _hostile(demo: Scenario) -> Scenario:
    scenario = set_position_value(demo, "ml-engineer", "name", OFFER)
    scenario = set_criterion_value(scenario, "team", "label", CRITERION)
    scenario = set_benchmark_value(scenario, "ml-uk-excl-london-story", "label", BENCHMARK)
    first, *rest = scenario.applications
    applications = (dataclasses.replace(first, employer=EMPLOYER, role=OFFER), *rest)
    return scenario.replace(name=SCENARIO, applications=applications)


def _shown(text: str, text_format: Qt.TextFormat) -> str:
    """What Qt draws for `text`: rich text rendered to its characters, plain text as it is."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def _problems(shown: str, where: str) -> list[str]:
    """Each marker a text shows must come with the whole name around it, as typed."""
    return [
        f"{where}: {shown!r}"
        for marker, whole in MARKERS.items()
        if marker in shown and whole not in shown
    ]


def _label_problems(root: QWidget) -> tuple[list[str], int]:
    problems: list[str] = []
    named = 0
    for label in root.findChildren(QLabel):
        shown = _shown(label.text(), label.textFormat())
        named += any(marker in label.text() for marker in MARKERS)
        problems += _problems(
            shown, f"label {type(label).__name__} in {type(label.parent()).__name__}"
        )
    return problems, named


def _tooltip_problems(root: QWidget) -> tuple[list[str], int]:
    problems: list[str] = []
    named = 0
    for widget in [root, *root.findChildren(QWidget)]:
        tip = widget.toolTip()
        named += any(marker in tip for marker in MARKERS)
        problems += _problems(_shown(tip, Qt.TextFormat.AutoText), f"tooltip of {widget!r}")
    return problems, named


@pytest.fixture
def hostile_window(
    demo: Scenario, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    controller = DocumentController(
        _hostile(demo), autosave=AutosaveStore(tmp_path / "autosave"), autosave_seconds=3600
    )
    controller.evaluate_now()
    store = QSettings(str(tmp_path / "offer-eval.ini"), QSettings.Format.IniFormat)
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
    controller.wait_for_full()
    window.whatif.ensure_built()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        for _ in range(4):
            QApplication.processEvents()
    controller.wait_for_full()
    QApplication.processEvents()
    yield window
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *a: dialogs.SaveChoice.DISCARD)
    window.close()
    window.deleteLater()
    controller.shutdown()


def test_every_label_in_every_tab_shows_user_text_as_typed(hostile_window: MainWindow) -> None:
    problems, named = _label_problems(hostile_window)
    assert problems == []
    # The verdict, the what-if captions and the chart subtitles name offers and criteria.
    assert named >= 4


def test_every_tooltip_shows_user_text_as_typed(hostile_window: MainWindow) -> None:
    problems, named = _tooltip_problems(hostile_window)
    assert problems == []
    assert named >= 2  # the verdict cards and the what-if captions


def test_table_tooltips_show_user_text_as_typed(hostile_window: MainWindow) -> None:
    problems: list[str] = []
    named = 0
    models = {view.model() for view in hostile_window.findChildren(QTableView)}
    assert (
        sum(isinstance(m, EditableTableModel) for m in models) >= 3
    )  # positions, benchmarks, criteria
    for model in models:
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                tip = model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str):
                    named += any(marker in tip for marker in MARKERS)
                    problems += _problems(_shown(tip, Qt.TextFormat.AutoText), f"cell {row}")
    assert problems == []
    assert named >= 1  # the benchmark's label, in full in its tooltip


def test_chart_legends_show_user_text_as_typed(hostile_window: MainWindow) -> None:
    shown = [
        label.item.toPlainText()
        for chart in hostile_window.charts
        for _sample, label in chart.legend.items
    ]
    assert any(CRITERION in text for text in shown), shown
    assert [text for text in shown if _problems(text, "legend")] == []


def test_message_boxes_show_user_text_as_typed(qtbot: Any) -> None:
    boxes = [
        dialogs.error_box(None, "Cannot open", f"{OFFER}: base salary must be positive"),
        dialogs.save_changes_box(None, SCENARIO, "closing"),
    ]
    for box in boxes:
        qtbot.addWidget(box)
        box.show()
        problems, named = _label_problems(box)
        assert problems == []
        assert named >= 1
        assert isinstance(box, QMessageBox)


def test_the_negotiation_dialog_shows_the_name_as_typed(
    hostile_window: MainWindow, qtbot: Any
) -> None:
    scenario = hostile_window.controller.scenario
    dialog = NegotiationDialog(scenario.offer("ml-engineer"), OFFER, hostile_window)
    qtbot.addWidget(dialog)
    problems, _named = _label_problems(dialog)
    assert problems == []


@pytest.mark.parametrize("text", [OFFER, f"{OFFER}\nsecond line", "plain words", ""])
def test_a_tooltip_reads_as_typed_and_gives_its_words_back(text: str, qapp: Any) -> None:
    tip = plain_tooltip(text)
    assert _shown(tip, Qt.TextFormat.AutoText) == text
    assert tooltip_text(tip) == text
