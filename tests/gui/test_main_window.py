"""The main window as a user meets it: editing, charts, what-if, undo, look and access."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QWidget,
)

from offer_eval.core.models import Scenario
from offer_eval.gui import dialogs
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.main_window import (
    TAB_DECISION,
    TAB_OFFERS,
    TAB_TITLES,
    MainWindow,
)
from tests.gui._window_support import cell

NAME_FORM = re.compile(r"^[^:]+: \S.*$")


def _heights(window: MainWindow) -> np.ndarray:
    return np.asarray(window.compensation.part_heights("Base salary"), dtype=float)


def test_the_demo_opens_with_the_illustrative_banner_and_a_verdict(window: MainWindow) -> None:
    assert window.banner.isVisible()
    assert "Illustrative example" in window.banner.label.text()
    text = window.verdict.text()
    assert "Best offer: ML Engineer (regional)" in text
    assert "Take-home change: -£5,682 a year" in text
    assert window.windowTitle().startswith("Geophysicist to machine learning (demo)")
    assert not window.isWindowModified()


def test_editing_a_cell_changes_chart_data(window: MainWindow) -> None:
    before = _heights(window)
    assert window.positions.model.setData(
        cell(window, "base_salary", 1), "50k", Qt.ItemDataRole.EditRole
    )
    after = _heights(window)
    assert after[1] == 50_000 and before[1] == 45_000
    assert window.isWindowModified()
    assert "Base vs current" in str(window.paycut.show_readout_at(-10, -1))
    readout = window.compensation.show_readout_at(1, 20_000)
    assert "Base salary: £50,000" in readout


def test_undo_and_redo_with_the_standard_shortcuts(window: MainWindow, qtbot: Any) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    assert window.positions.model.setData(
        cell(window, "base_salary", 1), "50000", Qt.ItemDataRole.EditRole
    )
    qtbot.keyClick(window.positions.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.scenario.offer("ml-engineer").base_salary == 45_000
    assert _heights(window)[1] == 45_000
    qtbot.keyClick(
        window.positions.view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.controller.scenario.offer("ml-engineer").base_salary == 50_000
    assert window.undo_action.text().startswith("&Undo")


def _drag(slider: QSlider, steps: int, pixels: int) -> None:
    """Press the handle, move it in `steps` mouse moves of `pixels` each, release."""
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    handle = slider.style().subControlRect(
        QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, slider
    )
    start = handle.center()

    def send(kind: QEvent.Type, point: QPoint, buttons: Qt.MouseButton) -> None:
        event = QMouseEvent(
            kind,
            QPointF(point),
            QPointF(slider.mapToGlobal(point)),
            Qt.MouseButton.LeftButton,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(slider, event)

    send(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for step in range(1, steps + 1):
        send(QEvent.Type.MouseMove, start + QPoint(step * pixels, 0), Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseButtonRelease, start + QPoint(steps * pixels, 0), Qt.MouseButton.NoButton)


def test_a_slider_drag_is_one_undo_step_and_charts_follow_it(
    window: MainWindow, qtbot: Any
) -> None:
    slider = window.whatif.sliders["offer:ml-engineer:base_salary"]
    seen: list[str] = []
    window.controller.evaluation_changed.connect(lambda e: seen.append(e.resolution))
    heights: list[float] = []
    window.controller.evaluation_changed.connect(
        lambda e: heights.append(float(_heights(window)[1]))
    )
    _drag(slider, 10, 4)
    assert window.controller.undo_stack.count() == 1
    moved = window.controller.scenario.offer("ml-engineer").base_salary
    assert moved > 45_000
    assert window.whatif.values["offer:ml-engineer:base_salary"].text() == f"£{moved:,.0f}"
    assert "interactive" in seen and len(set(heights)) > 3, "charts follow every step of the drag"
    assert window.controller.wait_for_full()
    assert window.controller.evaluation.resolution == "full"  # type: ignore[union-attr]
    window.controller.undo_stack.undo()
    assert window.controller.scenario.offer("ml-engineer").base_salary == 45_000
    assert slider.value() == window.whatif.spec("offer:ml-engineer:base_salary").to_slider(45_000)


def test_keyboard_slider_moves_are_undoable_edits(window: MainWindow) -> None:
    slider = window.whatif.sliders["weight:team"]
    slider.setValue(slider.value() + 5)
    assert window.controller.scenario.criterion("team").weight == pytest.approx(3.5)
    assert window.controller.undo_stack.count() == 1
    assert window.whatif.values["weight:team"].text() == "3.5"


def test_reset_whatif_is_one_step_back_to_the_saved_file(window: MainWindow) -> None:
    sliders = window.whatif.sliders
    sliders["offer:london-ds:base_salary"].setValue(
        sliders["offer:london-ds:base_salary"].value() + 20
    )
    sliders["search.applications_per_month"].setValue(25)
    sliders["search.switching_margin_pct"].setValue(40)
    assert window.whatif.reset_button.isEnabled()
    edited = window.controller.scenario
    window.whatif.reset_button.click()
    assert window.controller.scenario == window.controller.saved_scenario
    assert window.controller.undo_stack.undoText() == "Reset what-if"
    assert not window.whatif.reset_button.isEnabled()
    window.controller.undo_stack.undo()
    assert window.controller.scenario == edited


def test_a_chart_on_a_hidden_tab_is_up_to_date_when_shown(window: MainWindow, qtbot: Any) -> None:
    window.tabs.setCurrentIndex(TAB_DECISION)
    score = window.pages[TAB_DECISION].score  # type: ignore[attr-defined]
    window.tabs.setCurrentIndex(TAB_OFFERS)
    drawn = score.refresh_count
    window.whatif.sliders["weight:net_pay"].setValue(100)
    assert window.controller.wait_for_full()
    assert score.is_stale and score.refresh_count == drawn, "hidden charts wait"
    window.tabs.setCurrentIndex(TAB_DECISION)
    assert not score.is_stale
    assert window.controller.evaluation is not None
    decision = window.controller.evaluation.decision
    assert decision is not None
    widths = [float(np.sum(score.stack.opts["width"]))]
    shares = decision.shares
    assert shares["net_pay"] == pytest.approx(
        10 / (sum(c.weight for c in window.controller.scenario.criteria))
    )
    assert sum(widths) == pytest.approx(sum(decision.scores.values()), rel=1e-6)


def test_extreme_values_never_break_a_chart(window: MainWindow) -> None:
    window.build_all_tabs()
    model = window.positions.model
    for column, text in ((0, "0"), (1, "10000000"), (2, "0")):
        assert model.setData(cell(window, "base_salary", column), text, Qt.ItemDataRole.EditRole)
    assert model.setData(cell(window, "hours_per_week", 1), "100", Qt.ItemDataRole.EditRole)
    assert model.setData(
        cell(window, "equity.grant_value", 2), "£100,000,000", Qt.ItemDataRole.EditRole
    )
    assert window.controller.wait_for_full()
    for index in range(len(TAB_TITLES)):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
    for chart in window.charts:
        chart.refresh()
        (x0, x1), (y0, y1) = chart.plot.vb.viewRange()
        assert all(np.isfinite(v) for v in (x0, x1, y0, y1)), chart.title
    assert "–" not in window.verdict.text().split("Take-home change:")[1][:3]


def test_the_table_editor_explains_a_refusal_while_typing(window: MainWindow, qtbot: Any) -> None:
    view = window.positions.view
    index = cell(window, "base_salary", 1)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.findChild(QLineEdit)
    assert editor is not None and editor.accessibleName() == "Base salary: ML Engineer (regional)"
    editor.selectAll()
    qtbot.keyClicks(editor, "lots")
    assert window.positions.problem.isVisible()
    assert "not an amount" in window.positions.problem.text()


def test_add_duplicate_move_and_remove_offers(window: MainWindow) -> None:
    panel = window.positions
    panel.add_button.click()
    assert len(window.controller.scenario.offers) == 3
    new_id = window.controller.scenario.offers[-1].id
    assert panel.selected_offer() == new_id
    panel.left_button.click()
    assert [o.id for o in window.controller.scenario.offers].index(new_id) == 1
    panel.duplicate_button.click()
    assert len(window.controller.scenario.offers) == 4
    assert "(copy)" in window.controller.scenario.offers[2].display_name
    panel.remove_button.click()
    panel.view.setCurrentIndex(cell(window, "base_salary", 2))
    panel.remove_button.click()
    assert [o.id for o in window.controller.scenario.offers] == ["ml-engineer", "london-ds"]
    assert window.controller.undo_stack.count() == 5
    assert (
        len(window.whatif.sliders)
        == len(window.controller.scenario.offers) + len(window.controller.scenario.criteria) + 6
    )


def test_negotiation_history_is_one_undoable_edit(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from offer_eval.gui.negotiation import NegotiationDialog

    def fill(dialog: NegotiationDialog) -> int:
        dialog._add_row(None)
        dialog._rows[-1][1].setText("52k")
        dialog._rows[-1][0].setCurrentIndex(2)
        return NegotiationDialog.DialogCode.Accepted

    monkeypatch.setattr(NegotiationDialog, "exec", fill)
    window.edit_negotiation("ml-engineer")
    offer = window.controller.scenario.offer("ml-engineer")
    assert offer.negotiation[-1].stage == "final" and offer.negotiation[-1].base_salary == 52_000
    assert offer.base_salary == 52_000
    assert window.controller.undo_stack.count() == 1


INPUT_TYPES = (
    QLineEdit,
    QComboBox,
    QCheckBox,
    QAbstractSlider,
    QAbstractSpinBox,
    QAbstractItemView,
)


def _inputs(window: MainWindow) -> list[QWidget]:
    found = []
    for widget in window.findChildren(QWidget):
        if widget.window() is not window:
            continue  # popups (a combo box's list) belong to their own window
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox):
            continue  # an editable combo's own line edit: the combo carries the name
        if isinstance(widget, QAbstractSlider) and not isinstance(widget, QSlider):
            continue  # scroll bars
        if isinstance(widget, QHeaderView):
            continue  # a table's headers are part of the table
        if isinstance(widget, (*INPUT_TYPES, pg.GraphicsView)):
            found.append(widget)
    return found


def test_every_input_slider_and_chart_has_a_unique_name_of_the_designed_form(
    window: MainWindow,
) -> None:
    window.build_all_tabs()
    names: dict[str, QWidget] = {}
    for widget in _inputs(window):
        name = widget.accessibleName()
        assert NAME_FORM.match(name), f"{type(widget).__name__} named {name!r}"
        assert name not in names, f"two widgets are named {name!r}"
        names[name] = widget
    for expected in (
        "Base salary: ML Engineer (regional)",
        "Weight: Team",
        "Chart: Compensation",
        "Chart: Pay cut",
        "Chart: Trajectory",
        "Chart: Cumulative earnings",
        "Chart: Chance accepting is ahead",
        "Chart: Decision score",
        "Chart: Weight stability",
        "Applications a month: What-if",
        "Target salary: You",
    ):
        assert expected in names, expected
    cells = window.positions.model
    cell_names = [
        cells.data(cells.index(r, c), Qt.ItemDataRole.AccessibleTextRole)
        for r in range(cells.rowCount())
        for c in range(cells.columnCount())
        if cells.row(r).kind != "group"
    ]
    assert len(cell_names) == len(set(cell_names))
    assert all(NAME_FORM.match(name) for name in cell_names)


def _tab_walk(window: MainWindow, qtbot: Any, presses: int) -> set[QWidget]:
    seen: set[QWidget] = set()
    for _ in range(presses):
        widget = QApplication.focusWidget()
        assert widget is not None
        seen.add(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return seen


def test_tab_reaches_every_enabled_input(window: MainWindow, qtbot: Any) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    for index in range(len(TAB_TITLES)):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        expected = [
            w
            for w in _inputs(window)
            if w.isVisible()
            and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not isinstance(w, pg.GraphicsView)
        ]
        start = window.tabs.tabBar()
        start.setFocus()
        seen = _tab_walk(window, qtbot, len(expected) + 60)
        missing = [w.accessibleName() for w in expected if w not in seen]
        assert not missing, f"{TAB_TITLES[index]}: Tab never reaches {missing}"


def test_the_dark_scheme_changes_chart_colours(window: MainWindow, qtbot: Any) -> None:
    hints = QGuiApplication.styleHints()
    light_background = window.compensation.view.backgroundBrush().color().name()
    light_bar = window.paycut.cut_bars.opts["brush"].color().name()
    try:
        hints.setColorScheme(Qt.ColorScheme.Dark)
        if hints.colorScheme() != Qt.ColorScheme.Dark:
            # The offscreen platform cannot switch schemes; deliver the change it would announce.
            hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        dark_background = window.compensation.view.backgroundBrush().color()
        assert dark_background.name() != light_background
        assert dark_background.lightness() < 60
        assert window.paycut.cut_bars.opts["brush"].color().name() != light_bar
        assert (
            QApplication.palette().color(QApplication.palette().ColorRole.Window).lightness() < 128
        )
    finally:
        hints.setColorScheme(Qt.ColorScheme.Light)
        if hints.colorScheme() != Qt.ColorScheme.Light:
            hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        hints.unsetColorScheme()
    assert window.compensation.view.backgroundBrush().color().name() == light_background


def _inet_socket_inodes() -> set[str]:
    """Inodes of IPv4/IPv6 TCP and UDP sockets this process holds (Linux /proc)."""
    mine: set[str] = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = str(fd.readlink())
        except OSError:
            continue
        if target.startswith("socket:["):
            mine.add(target[8:-1])
    inet: set[str] = set()
    for table in ("tcp", "tcp6", "udp", "udp6"):
        path = Path(f"/proc/net/{table}")
        if path.exists():
            for line in path.read_text().splitlines()[1:]:
                parts = line.split()
                if len(parts) > 9:
                    inet.add(parts[9])
    return mine & inet


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs Linux /proc")
def test_no_network_socket_is_opened_during_a_full_cycle(
    window: MainWindow, tmp_path: Path, no_network: list[str]
) -> None:
    before = _inet_socket_inodes()
    window.build_all_tabs()
    for index in range(len(TAB_TITLES)):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
    window.whatif.sliders["offer:ml-engineer:base_salary"].setValue(200)
    window._save_to(tmp_path / "cycle.offers.json")
    window.compensation.export_image(tmp_path / "cycle.png")
    window.controller.autosave_now()
    assert window.controller.wait_for_full()
    assert _inet_socket_inodes() - before == set()
    assert no_network == []


def test_buttons_have_names_too(window: MainWindow) -> None:
    window.build_all_tabs()
    unnamed = [
        (type(b).__name__, type(b.parent()).__name__)
        for b in window.findChildren(QAbstractButton)
        if b.isVisible() and not (b.accessibleName() or b.text() or b.toolTip())
    ]
    assert not unnamed


def test_window_geometry_and_layout_come_back(
    qtbot: Any, demo: Scenario, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from offer_eval.gui.settings import Preferences, WindowState

    def make() -> MainWindow:
        controller = DocumentController(demo)
        controller.evaluate_now()
        made = MainWindow(
            controller,
            preferences=Preferences(store),
            window_state=WindowState(store),
            check_recovery=False,
            start_worker=False,
        )
        made.show()
        qtbot.waitExposed(made)
        return made

    first = make()
    screen = first.screen().availableGeometry()  # the offscreen screen is 800 × 800
    first.resize(screen.width() - 40, screen.height() - 80)
    QApplication.processEvents()
    wanted = (first.width(), first.height())  # no narrower than the window's minimum
    first.whatif_dock.hide()
    first.offers_splitter.setSizes([700, 300])
    first.compensation.basis_box.setCurrentIndex(1)
    QApplication.processEvents()
    sizes = first.offers_splitter.sizes()
    first.close()
    second = make()
    assert second.height() == wanted[1]  # widths wider than the 800-pixel screen are clamped
    assert not second.whatif_dock.isVisible()
    assert second.offers_splitter.sizes()[1] == sizes[1]  # the charts keep their width
    assert second.compensation.basis == "net"
    second.close()


def test_about_names_the_version_tax_years_and_sources(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Help → About shows what this build ships (issue: one version, tax years, sources)."""
    from offer_eval import __version__

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        dialogs, "show_info", lambda parent, title, text: shown.append((title, text))
    )
    window.about()
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "About Offer Eval"
    assert f"Offer Eval {__version__}" in text
    assert "2024/25, 2025/26, 2026/27" in text
    assert "itjobswatch.co.uk" in text


def test_compensation_shows_take_home_for_year_one_or_the_four_year_average(
    window: MainWindow,
) -> None:
    chart = window.compensation
    chart.basis_box.setCurrentIndex(chart.basis_box.findData("net"))
    evaluation = window.controller.evaluation
    assert evaluation is not None
    year1 = np.asarray(chart.part_heights("Take-home"), dtype=float)
    assert year1 == pytest.approx([m.net_take_home for m in evaluation.positions])
    assert chart.period_box.isEnabled()
    chart.period_box.setCurrentIndex(chart.period_box.findData("average"))
    average = np.asarray(chart.part_heights("Take-home"), dtype=float)
    assert average == pytest.approx([m.net_take_home_average for m in evaluation.positions])
    assert not np.allclose(average, year1)  # raises make the later years differ


def test_whatif_captions_and_values_fit_the_dock_at_its_first_size(window: MainWindow) -> None:
    """The screenshot once showed "Learning and filling s…": every caption now fits whole."""
    from offer_eval.gui.whatif import SliderCaption

    window.whatif.ensure_built()
    QApplication.processEvents()
    captions = window.whatif.findChildren(SliderCaption)
    assert len(captions) == len(window.whatif.sliders)
    cut = [label.full_text for label in captions if label.is_elided()]
    assert not cut, f"cut short: {cut}"
    for label in window.whatif.values.values():
        assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()


def test_text_inputs_show_the_start_of_a_long_name(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(TAB_TITLES.index("Assumptions"))
    QApplication.processEvents()
    name_input = next(
        widget
        for widget in window.findChildren(QLineEdit)
        if widget.text() == window.controller.scenario.name
    )
    assert name_input.cursorPosition() == 0
    assert name_input.width() >= name_input.fontMetrics().horizontalAdvance(
        window.controller.scenario.name
    )


def test_with_six_offers_figures_and_differences_still_fit(window: MainWindow) -> None:
    """More offers scroll sideways; no figure becomes '£47…'."""
    from offer_eval.editing.edits import duplicate_offer
    from offer_eval.gui.positions_model import DIFFERENCE_ROLE

    scenario = window.controller.scenario
    while len(scenario.offers) < 6:
        scenario, _ = duplicate_offer(scenario, scenario.offers[0].id)
    window.controller.edit(scenario, "Six offers")
    window.controller.wait_for_full()
    QApplication.processEvents()
    view, model = window.positions.view, window.positions.model
    assert model.columnCount() == 7
    row = model.row_of("result.total_comp_year1")
    assert row >= 0
    metrics = view.fontMetrics()
    for column in range(model.columnCount()):
        index = model.index(row, column)
        text = f"{model.data(index)}  {model.data(index, DIFFERENCE_ROLE) or ''}"
        assert metrics.horizontalAdvance(text) + 12 <= view.columnWidth(column), text


def _rename_first_offer(window: MainWindow, name: str) -> None:
    from offer_eval.editing.edits import set_position_value

    scenario = window.controller.scenario
    window.controller.edit(
        set_position_value(scenario, scenario.offers[0].id, "name", name), "Rename"
    )
    window.controller.wait_for_full()
    # The lowest-salary searches follow the full evaluation and re-word the verdict when they
    # arrive: wait for them too, or a check may run between their words and the strip's refit.
    assert window.controller.background.wait()
    QApplication.processEvents()


def test_verdict_detail_is_never_cut_off_and_long_names_do_not_widen_the_window(
    window: MainWindow,
) -> None:
    """At 1100 px the cards' details ran to four lines in a strip three lines tall."""
    least_width = window.verdict.minimumSizeHint().width()
    _rename_first_offer(window, "Research Engineer at a large lab in Cambridge")
    for width in (1440, 1100):
        window.resize(width, 800)
        QApplication.processEvents()
        for card in window.verdict.findChildren(QWidget):
            labels = [child for child in card.findChildren(QLabel) if child.wordWrap()]
            for detail in labels:
                if detail.isVisibleTo(window.verdict) and detail.text():
                    assert detail.heightForWidth(detail.width()) <= detail.height(), (
                        width,
                        detail.text(),
                    )
    assert window.verdict.minimumSizeHint().width() == least_width  # the name can be cut short
