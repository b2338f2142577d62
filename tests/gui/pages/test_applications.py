"""The Applications tab: edits as undo steps, reasons beside bad cells, paste, import, export,
sorting and filtering, the charts, and "Set rates from my applications" moving the forecast."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit

from offer_eval.core.application import Application
from offer_eval.gui.applications_model import COLUMN_KEYS, WARNING_BRUSH
from offer_eval.gui.main_window import TAB_APPLICATIONS, MainWindow
from offer_eval.gui.pages.applications import ApplicationsPage
from offer_eval.persistence.applications_csv import read_applications

TODAY = dt.date.today()


def _page(window: MainWindow) -> ApplicationsPage:
    window.tabs.setCurrentIndex(TAB_APPLICATIONS)
    QApplication.processEvents()
    page = window.pages[TAB_APPLICATIONS]
    assert isinstance(page, ApplicationsPage)
    return page


def _cell(page: ApplicationsPage, application_id: str, key: str) -> QModelIndex:
    """The proxy's index of one application's field (what the view shows)."""
    row = page.model.row_of(application_id)
    return page.proxy.mapFromSource(page.model.index(row, COLUMN_KEYS.index(key)))


def test_a_cell_edit_is_one_undo_step(window: MainWindow) -> None:
    page = _page(window)
    first = window.controller.scenario.applications[0]
    before = window.controller.scenario
    assert page.proxy.setData(_cell(page, first.id, "employer"), "Acme Robotics")
    assert window.controller.scenario.applications[0].employer == "Acme Robotics"
    assert window.controller.undo_stack.count() == 1
    window.controller.undo_stack.undo()
    assert window.controller.scenario == before


def test_bad_cells_are_refused_with_the_reason_beside_them(window: MainWindow) -> None:
    page = _page(window)
    first = window.controller.scenario.applications[0]
    before = window.controller.scenario
    future = (TODAY + dt.timedelta(days=3)).isoformat()
    assert not page.proxy.setData(_cell(page, first.id, "date"), future)
    assert page.problem.isVisible() and "in the future" in page.problem.text()
    assert not page.proxy.setData(_cell(page, first.id, "stage"), "hired")
    assert "must be one of" in page.problem.text()
    assert not page.proxy.setData(_cell(page, first.id, "outcome"), "accepted")
    assert "needs the stage offer" in page.problem.text()
    assert window.controller.scenario == before
    # Days typed the British way are understood.
    assert page.proxy.setData(_cell(page, first.id, "date"), "14/03/2025")
    assert window.controller.scenario.applications[0].date == "2025-03-14"


def test_an_offer_without_a_salary_is_kept_and_pointed_out(window: MainWindow) -> None:
    page = _page(window)
    first = window.controller.scenario.applications[0]
    assert page.proxy.setData(_cell(page, first.id, "stage"), "offer")
    index = _cell(page, first.id, "offered_salary")
    assert page.proxy.data(index, Qt.ItemDataRole.BackgroundRole) == WARNING_BRUSH
    assert "without a salary" in page.proxy.data(index, Qt.ItemDataRole.ToolTipRole)
    assert page.notice.isVisible() and "without a salary" in page.notice.text()
    assert page.proxy.setData(index, "48k")
    assert window.controller.scenario.applications[0].offered_salary == 48_000
    assert "without a salary" not in page.notice.text()


def test_add_duplicate_and_remove_each_undo_in_one_step(window: MainWindow) -> None:
    page = _page(window)
    controller = window.controller
    count = len(controller.scenario.applications)
    page.add_button.click()
    assert len(controller.scenario.applications) == count + 1
    added = controller.scenario.applications[-1]
    assert added.date == TODAY.isoformat() and page.selected_ids() == [added.id]
    page.duplicate_button.click()
    assert len(controller.scenario.applications) == count + 2
    page.view.selectAll()
    assert len(page.selected_ids()) == count + 2
    page.remove_button.click()
    assert controller.scenario.applications == ()
    assert page.empty_hint.isVisible()
    for expected in (count + 2, count + 1, count):
        controller.undo_stack.undo()
        assert len(controller.scenario.applications) == expected


def test_sorting_follows_the_funnel_and_filtering_finds_words(window: MainWindow) -> None:
    page = _page(window)
    stage_column = COLUMN_KEYS.index("stage")
    page.view.sortByColumn(stage_column, Qt.SortOrder.DescendingOrder)
    top = page.proxy.index(0, stage_column).data()
    assert top == "Offer"  # the demo log's one offer comes first, ahead of interviews
    page.filter_edit.setText("recruiter")
    page._apply_filter()
    shown = page.proxy.rowCount()
    expected = sum(1 for a in window.controller.scenario.applications if a.channel == "recruiter")
    assert 0 < shown == expected
    page.filter_edit.clear()
    page._apply_filter()
    assert page.proxy.rowCount() == len(window.controller.scenario.applications)


def test_pasted_rows_come_in_as_one_step_with_refusals_by_line(window: MainWindow) -> None:
    page = _page(window)
    controller = window.controller
    count = len(controller.scenario.applications)
    future = (TODAY + dt.timedelta(days=30)).strftime("%d/%m/%Y")
    # No header: the table's own column order (date, employer, role, new field, channel, stage).
    page.paste_text(
        "2025-06-02\tNorthwind\tML Engineer\tyes\treferral\tinterview\n"
        f"{future}\tContoso\tData Scientist\tyes\tjob board\tapplied\n"
        "3 Jun 2025\tFabrikam\tAnalyst\tno\trecruiter\thired\n"
        "04/06/2025\tLitware\tML Engineer\tyes\tdirect\tscreen\n"
    )
    rows = controller.scenario.applications[count:]
    assert [r.employer for r in rows] == ["Northwind", "Litware"]
    assert rows[0].channel == "referral" and rows[0].stage == "interview"
    assert rows[1].date == "2025-06-04" and rows[1].stage == "screen"
    assert "line 2:" in page.notice.text() and "in the future" in page.notice.text()
    assert "line 3:" in page.notice.text() and "unknown stage 'hired'" in page.notice.text()
    assert controller.undo_stack.count() == 1
    # With a header its names say which column is which.
    page.paste_text("Company\tDate applied\tStatus\nTailspin\t2025-06-05\tscreened\n")
    assert controller.scenario.applications[-1].employer == "Tailspin"
    assert controller.scenario.applications[-1].stage == "screen"


def test_a_csv_is_read_in_the_background_and_exported_back(
    window: MainWindow, tmp_path: Path
) -> None:
    page = _page(window)
    controller = window.controller
    count = len(controller.scenario.applications)
    source = tmp_path / "log.csv"
    source.write_bytes(
        "Date;Company;Role;Status;Salary\n"
        "2025-05-01;Ünïcode Ltd;Engineer;offer;£52,000\n"
        "2025-05-02;Nowhere;Engineer;ghosted;\n"
        "2025-05-03;=HYPERLINK(1);Engineer;applied;\n".encode("cp1252")
    )
    page.import_file(source)
    assert controller.background.wait()
    added = controller.scenario.applications[count:]
    assert [a.employer for a in added] == ["Ünïcode Ltd", "=HYPERLINK(1)"]
    assert added[0].offered_salary == 52_000 and added[0].stage == "offer"
    assert "Added 2 of 3 rows from log.csv" in page.notice.text()
    assert "line 3: unknown stage 'ghosted'" in page.notice.text()
    assert controller.undo_stack.count() == 1

    target = tmp_path / "out.csv"
    page.export_file(target)
    assert controller.background.wait()
    data = target.read_bytes()
    assert b"'=HYPERLINK(1)" in data  # a spreadsheet shows it as text, never runs it
    back = read_applications(data, today=TODAY)
    assert back.refused == () and back.applications == controller.scenario.applications


def test_set_rates_moves_the_forecast_and_one_undo_restores_it(window: MainWindow) -> None:
    page = _page(window)
    controller = window.controller
    before = controller.full_evaluation().trajectory
    assert before is not None
    assert "not these" in page.in_use.text()
    page.set_rates_button.click()
    assert controller.undo_stack.count() == 1
    assert controller.undo_stack.undoText() == "Set rates from my applications"
    QApplication.processEvents()
    assert "uses these counts" in page.in_use.text()
    after = controller.full_evaluation().trajectory
    assert after is not None
    offer = controller.scenario.offers[0].id
    assert after.offers[offer].p_better_within_12 != before.offers[offer].p_better_within_12
    assert after.offers[offer].present_value != before.offers[offer].present_value
    controller.undo_stack.undo()
    again = controller.full_evaluation().trajectory
    assert again is not None
    for offer_id, item in before.offers.items():
        assert again.offers[offer_id].p_better_within_12 == item.p_better_within_12
        assert again.offers[offer_id].present_value == item.present_value
    assert (again.decline_and_search.p50 == before.decline_and_search.p50).all()


def test_the_charts_draw_the_log_and_an_empty_log_says_so(window: MainWindow) -> None:
    page = _page(window)
    for chart in page.charts:
        chart.refresh()
        assert chart.has_data(), chart.title
        assert chart.accessibleDescription(), chart.title
    funnel = page.funnel
    assert [item.textItem.toPlainText() for item in funnel._labels[:2]] == ["117", "4 (3%)"]
    assert funnel.readout_at(1.0, 1.0) == (
        "Past the CV: 4\n3.4% of the step before\n3.4% of all applications"
    )
    # The demo's user has not started in the new field (its current job is the geophysicist's),
    # so no experienced date is set and the rates say that instead of "3.5% ... 0 of 0".
    assert page.rate_labels["callback_rate_experienced"].text() == (
        "none: no experienced date is set"
    )
    assert page.rate_labels["experienced_from"].text() == "no date set (see Assumptions)"
    assert page.callback_rate.subtitle.text() == (
        "Before experience 3.4% (applications in the new field); no experienced date is set."
    )
    window.controller.edit(window.controller.scenario.replace(applications=()), "Clear")
    for chart in page.charts:
        chart.refresh()
        assert not chart.has_data(), chart.title
        assert chart.empty_text.isVisible()
    assert not page.set_rates_button.isEnabled()


def test_every_new_control_has_a_name(window: MainWindow) -> None:
    page = _page(window)
    for widget in page.findChildren(QAbstractButton) + page.findChildren(QLineEdit):
        if widget.isVisible():
            assert widget.accessibleName() or widget.text(), type(widget).__name__
    names = {label.accessibleName() for label in page.findChildren(QLabel)}
    assert "Callback rate before experience: Applications" in names
    assert page.view.accessibleName() == "Table: Applications"
    index = page.proxy.index(0, COLUMN_KEYS.index("employer"))
    assert page.proxy.data(index, Qt.ItemDataRole.AccessibleTextRole).startswith("Employer: ")


def test_keyboard_paste_and_delete_work_in_the_table(window: MainWindow, qtbot: Any) -> None:
    page = _page(window)
    controller = window.controller
    count = len(controller.scenario.applications)
    QApplication.clipboard().setText("2025-06-02\tNorthwind\tML Engineer\n")
    page.view.setFocus()
    page.view.setCurrentIndex(page.proxy.index(0, 1))
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(controller.scenario.applications) == count + 1
    assert controller.scenario.applications[-1].employer == "Northwind"
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert len(controller.scenario.applications) == count
    assert all(a.employer != "Northwind" for a in controller.scenario.applications)


def test_import_keeps_ids_unique_against_the_log(window: MainWindow) -> None:
    page = _page(window)
    taken = window.controller.scenario.applications[0].id
    page.paste_text(f"id\tdate\temployer\n{taken}\t2025-06-01\tX\nfresh-1\t2025-06-01\tY\n")
    assert window.controller.scenario.applications[-1] == Application(
        id="fresh-1", date="2025-06-01", employer="Y"
    )
    assert f"line 2: id '{taken}' is already in the log" in page.notice.text()


def test_a_big_log_is_read_and_worked_out_in_a_worker_process(
    window: MainWindow, tmp_path: Path, qtbot: Any
) -> None:
    page = _page(window)
    controller = window.controller
    count = len(controller.scenario.applications)
    lines = ["date,employer,role,stage,channel"]
    for number in range(2_000):
        stage = "screen" if number % 10 == 0 else "applied"
        lines.append(
            f"2024-{number % 12 + 1:02d}-{number % 28 + 1:02d},Employer {number},"
            f"Machine learning engineer,{stage},referral"
        )
    source = tmp_path / "big.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from offer_eval.gui.file_tasks import PROCESS_LOG_BYTES

    assert source.stat().st_size >= PROCESS_LOG_BYTES  # the process path, not the thread
    page.import_file(source)
    assert controller.background.wait(timeout_ms=60_000)
    assert len(controller.scenario.applications) == count + 2_000
    total = count + 2_000

    def drawn() -> bool:  # the charts take the new log one per turn of the event loop
        figures = page.callback_rate._figures  # the last to be handed it
        return figures is not None and figures.summary.count == total

    qtbot.waitUntil(drawn, timeout=10_000)
    for chart in page.charts:
        chart.refresh()
        assert chart.has_data(), chart.title
    channels = {c.label: c.applications for c in page.channels._figures.channels}  # type: ignore[union-attr]
    assert channels["Referral"] == 2_000 + sum(
        1 for a in controller.scenario.applications[:count] if a.channel == "referral"
    )
    # Rows without a "new field" column count as in the new field: the demo's 117 (4 past the
    # CV) and 2,000 more, every tenth past the CV.
    assert page.rate_labels["callback_rate_novice"].text().endswith("204 of 2,117")
    assert "They are at the end of the table" in page.notice.text()
