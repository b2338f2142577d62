"""The new-comparison wizard, reached from the window."""

from __future__ import annotations

import pytest

from offer_eval.gui.main_window import (
    MainWindow,
)


def test_new_comparison_guides_through_the_current_job_and_one_offer(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from offer_eval.gui.wizard import NewComparisonDialog

    def fill(dialog: NewComparisonDialog) -> int:
        dialog.current_title.setText("Lab technician")
        dialog.current_salary.edit.setText("£31,500")
        dialog.offer_title.setText("Data analyst")
        dialog.offer_salary.edit.setText("34k")
        dialog.target.edit.setText("40000")
        return NewComparisonDialog.DialogCode.Accepted

    monkeypatch.setattr(NewComparisonDialog, "exec", fill)
    window.new_comparison()
    scenario = window.controller.scenario
    assert scenario.current.base_salary == 31_500 and scenario.offers[0].base_salary == 34_000
    assert scenario.target_salary == 40_000
    assert not window.banner.isVisible()
    assert window.isWindowModified()
    # The verdict follows the complete result, which the worker works out.
    assert window.verdict.text() == ""
    assert window.controller.wait_for_full(ties=False)
    assert window.verdict.text().startswith("Best offer: Data analyst")
