"""The Assumptions tab's reality check: what the search settings imply beside published UK figures,
and where every setting the forecast reads comes from.

It follows settled results only (a drag's preview would re-word it on every step for nothing);
the figures come from the evaluation's trajectory and the core's reality check, the words from
present/.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from offer_eval.core.evaluate import Evaluation
from offer_eval.core.trajectory.reality import rate_sources, reality_check
from offer_eval.gui.plain_text import PlainLabel, plain_tooltip
from offer_eval.present.reality_report import (
    RATES_TITLE,
    figure_text,
    flag_text,
    rate_label,
    rate_value_text,
)

REALITY_HEADERS = ("Figure", "Yours", "Published", "Source", "Check")
RATE_HEADERS = ("Setting", "Value", "Source")


class FitTable(QTableWidget):
    """A read-only table as tall as its rows, which re-measures them when its width changes
    (wrapped sources take more lines in a narrow window); the tab scrolls, not the table."""

    def __init__(self, name: str, headers: tuple[str, ...]) -> None:
        super().__init__(0, len(headers))
        self.setAccessibleName(name)
        self.setHorizontalHeaderLabels(list(headers))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._width = -1
        self._cells: tuple[tuple[tuple[str, str], ...], ...] | None = None
        self._fitted_widths: list[int] = []  # the columns' widths at the last fit

    def fill(self, rows: Sequence[Sequence[tuple[str, str]]]) -> None:
        """(text, tooltip) cells.

        The columns fit their contents once, after every cell is in: left to fit as each cell
        arrives, a visible table re-measured every column on every cell (the Assumptions tab
        took 0.6-0.9 s to show a full result with 12 offers, 20 ms with this). Cells already
        showing their words are left alone: a full result after an edit the check does not
        read (a criterion's weight) brings the same words, after a salary's a few new ones.
        """
        cells = tuple(tuple(row) for row in rows)
        before, self._cells = self._cells, cells
        if cells == before:
            return
        header = self.horizontalHeader()
        modes = [header.sectionResizeMode(c) for c in range(header.count())]
        for c in range(header.count()):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
        if before is None or len(before) != len(cells):
            before = ()
            self.setRowCount(len(cells))
        changed: list[int] = []
        for r, row in enumerate(cells):
            if before and before[r] == row:
                continue
            changed.append(r)
            for c, (text, tip) in enumerate(row):
                if before and before[r][c] == (text, tip):
                    continue
                cell = self.item(r, c)
                if cell is None:
                    cell = QTableWidgetItem()
                    self.setItem(r, c, cell)
                cell.setText(text)
                cell.setToolTip(plain_tooltip(tip))  # user names (a benchmark's) as typed
        for c, mode in enumerate(modes):
            header.setSectionResizeMode(c, mode)
        self.fit(changed if before else None)

    def fit(self, rows: Sequence[int] | None = None) -> None:
        """Rows as tall as their contents, the table as tall as its rows.

        With `rows`, only those rows are measured again when the columns are as wide as at the
        last fit: a row's height depends on nothing else but its own cells (a full result
        after a search-rate release changes one row of the rates and a few figures; measuring
        every wrapped source again took 2-3 ms a table, in the time the window waits for it).
        """
        widths = [self.columnWidth(c) for c in range(self.columnCount())]
        if rows is None or widths != self._fitted_widths:
            self.resizeRowsToContents()
        else:
            for r in rows:
                self.resizeRowToContents(r)
        self._fitted_widths = widths
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(self.rowCount()))
        self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != self._width:
            self._width = event.size().width()
            QTimer.singleShot(0, self.fit)  # once the columns have their new widths


class RealityPanel(QGroupBox):
    """Implied figures beside published ones (flagged when far apart), and the rates' sources."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Reality check: your assumptions beside published UK figures", parent)
        self.intro = PlainLabel(
            "What your search settings imply, set beside what has been published for the UK. "
            "A figure more than twice (or less than half) the published one is marked: the "
            "forecast may be too hopeful or too gloomy there."
        )
        self.intro.setWordWrap(True)
        self.table = FitTable("Table: Reality check", REALITY_HEADERS)
        self.table.setWordWrap(False)  # short names and figures: one line a row
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.sources = PlainLabel("")
        self.sources.setWordWrap(True)
        self.sources.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rates_title = PlainLabel(RATES_TITLE)
        bold = self.rates_title.font()
        bold.setBold(True)
        self.rates_title.setFont(bold)
        self.rates = FitTable("Table: What the forecast rests on", RATE_HEADERS)
        header = self.rates.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.table, self.sources, self.rates_title, self.rates):
            layout.addWidget(widget)
        self.shown: Evaluation | None = None  # the newest evaluation handed in
        self._filled: Evaluation | None = None  # the one the tables show

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """Take the settled (full) evaluation to check; filled in now if on screen, else when
        next shown (a result arriving while another tab is up waits for this one)."""
        self.shown = evaluation
        if self.isVisible():
            self._fill()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._fill()

    def _fill(self) -> None:
        evaluation = self.shown
        if evaluation is None or evaluation is self._filled:
            return
        self._filled = evaluation
        scenario = evaluation.scenario
        self.rates.fill(
            [
                (
                    (rate_label(row.key), row.source),
                    (rate_value_text(row), row.source),
                    (row.source, row.source),
                )
                for row in rate_sources(scenario)
            ],
        )
        trajectory = evaluation.trajectory
        if trajectory is None:
            self.table.fill([])
            self.sources.setText(evaluation.trajectory_missing or "No forecast to check.")
            return
        items = reality_check(scenario, trajectory)
        sources: list[str] = []
        rows = []
        for item in items:
            if item.source not in sources:
                sources.append(item.source)
            tip = f"Published: {item.what}. Yours: {item.note}. Source: {item.source}"
            rows.append(
                (
                    (item.name, tip),
                    (figure_text(item.implied, item.unit), item.note),
                    (figure_text(item.published, item.unit), item.what),
                    (f"[{sources.index(item.source) + 1}]", item.source),
                    (flag_text(item), tip),
                )
            )
        self.table.fill(rows)
        self.sources.setText(
            "Sources: " + " ".join(f"[{n}] {source}." for n, source in enumerate(sources, 1))
        )
