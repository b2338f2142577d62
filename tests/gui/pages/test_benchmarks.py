"""The benchmarks tab: a CSV file imported as one undoable step."""

from __future__ import annotations

from pathlib import Path

from offer_eval.gui.main_window import (
    TAB_BENCHMARKS,
    MainWindow,
)


def test_benchmarks_import_from_csv_as_one_step(
    window: MainWindow, tmp_path: Path, no_modal_dialogs: list[tuple[str, str]]
) -> None:
    page = window.build_tab(TAB_BENCHMARKS)
    csv = tmp_path / "pay.csv"
    csv.write_text(
        "Label,Region,Median,p25,p75,Source\n"
        'Data engineer (London),london,"£75,000",60k,90000,https://example.org\n'
        "Broken row,london,not money,,,x\n"
        "Analyst,uk,42000,,,survey\n",
        encoding="utf-8",
    )
    before = len(window.controller.scenario.benchmarks)
    assert page.import_file(csv)  # type: ignore[attr-defined]
    assert window.controller.background.wait()  # read in the background
    benchmarks = window.controller.scenario.benchmarks
    assert len(benchmarks) == before + 2
    assert benchmarks[-2].median == 75_000 and benchmarks[-2].p25 == 60_000
    assert window.controller.undo_stack.count() == 1
    assert (
        no_modal_dialogs and "line 3" in str(no_modal_dialogs)
    ) or "Some rows" in no_modal_dialogs[0][0]
