"""How a chart's legend is laid out in the room its chart has.

Two ways, by what the chart can ask of the page around it:

* In a chart of a fixed height (the default), the legend takes as many columns as its widest
  name allows, and more, with names shortened to "…", when that would stack it higher than about
  a third of the chart: ten criteria in a 1024-pixel window once left the decision score no room
  to draw its bars.
* A chart on a page that scrolls (`least_plot_height` above 0) keeps every name whole and asks
  for the height that takes instead: its view's least height is then the legend's, the axes'
  and `least_plot_height` of plot. At 1024×700 the compensation chart's seven names were cut to
  "Base …", "Empl…", "Benc…" in a three-row legend that left the bars 28 pixels of height.
  Names there run down the columns, each column only as wide as its own widest name, so that the
  pay parts and the benchmark lines each read as one group and two columns fit where two equal
  columns would not.

A fit runs on a resize or a change of names, never on a slider step.
"""

from __future__ import annotations

import html
import math

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetrics

SAMPLE_GAP = 4  # between a swatch and its name (the whole-name layout)
COLUMN_GAP = 16  # between a name and the next column's swatch (the whole-name layout)
MARGIN = 2  # around the whole-name layout: the default 9 pixels kept a second column out


def legend_name(text: str) -> str:
    """A name as a legend entry shows it: pyqtgraph draws legend text as HTML, so user words
    (a criterion called "<b>Team</b>") are escaped to read as typed."""
    return html.escape(text, quote=False)


class LegendFit:
    """Lays out one chart's legend; remembers what it last fitted so a repeat costs nothing."""

    def __init__(self, legend: pg.LegendItem, view: pg.GraphicsLayoutWidget, plot: pg.PlotItem):
        self.legend = legend
        self.view = view
        self.plot = plot
        self._key: tuple[object, ...] = ()
        self._least_view_height = view.minimumHeight()

    def fit(self, least_plot_height: int = 0) -> bool:
        """Lay the legend out; True if that changed its layout."""
        items = self.legend.items
        if not items:
            return False
        labels = [label for _sample, label in items]
        renamed = False
        for label in labels:
            if label.text != getattr(label, "shown_text", None):
                # A chart has set a name (or a colour) anew; names arrive escaped (`legend_name`).
                label.full_text = html.unescape(label.text)
                renamed = True
        key = (
            tuple(label.full_text for label in labels),
            self.view.width(),
            # A whole-name legend does not depend on the height, but the room under the plot
            # (the category names' lines) does decide how tall the view must be.
            self.plot.getAxis("bottom").height() if least_plot_height else self.view.height(),
            least_plot_height,
        )
        if key == self._key and not renamed:
            return False
        self._key = key
        if least_plot_height:
            self._whole_names(least_plot_height)
        else:
            self._shortened_names()
        # The legend sizes itself from its items' last widths, which are those of the old
        # layout: take the new layout's own preferred size instead.
        self.legend.layout.invalidate()
        hint = self.legend.layout.effectiveSizeHint(Qt.SizeHint.PreferredSize)
        self.legend.setGeometry(QRectF(0, 0, hint.width(), hint.height()))
        self.legend.updateGeometry()
        if least_plot_height:
            self._ask_for_height(hint.height(), least_plot_height)
        # The chart's layout was sized to the view while the old legend set its minimum width;
        # lay it out again in the view so that the plot gets back the width the legend gave up.
        self.view.ci.setGeometry(self.view.range)
        return True

    def _shortened_names(self) -> None:
        labels = [label for _sample, label in self.legend.items]
        count = len(labels)
        metrics = QFontMetrics(labels[0].item.font())
        # The label draws its text through HTML at its own size: scale the font's measures.
        sample = max(labels, key=lambda label: len(label.text))
        natural = metrics.horizontalAdvance(html.unescape(sample.text)) or 1
        scale = sample.item.boundingRect().width() / natural
        widest = max(metrics.horizontalAdvance(label.full_text) for label in labels) * scale
        sample_room = 48  # the swatch and the spacing before the next column
        available = max(self.view.width() - 24, 120)
        columns = max(1, min(count, int(available // (widest + sample_room))))
        row_height = max(label.item.boundingRect().height() for label in labels) - 4
        most_rows = max(2, int(self.view.height() * 0.34 // max(row_height, 1)))
        if math.ceil(count / columns) > most_rows:
            columns = min(count, math.ceil(count / most_rows))
        room = max(available / columns - sample_room, 24) / max(scale, 0.01)
        for label in labels:
            text = label.full_text
            if metrics.horizontalAdvance(text) > room:
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(room))
            _show(label, text)
        if columns != self.legend.columnCount:
            self.legend.setColumnCount(columns)

    def _whole_names(self, least_plot_height: int) -> None:
        items = self.legend.items
        for _sample, label in items:
            _show(label, label.full_text)
        layout = self.legend.layout
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setHorizontalSpacing(SAMPLE_GAP)
        names = [label.item.boundingRect().width() for _sample, label in items]
        swatch = max(sample.boundingRect().width() for sample, _label in items)
        left, _top, right, _bottom = layout.getContentsMargins()
        room = self.view.width() - sum(self.view.ci.layout.getContentsMargins()[0::2])
        count = len(items)
        for columns in range(count, 0, -1):
            rows = math.ceil(count / columns)
            groups = [names[start : start + rows] for start in range(0, count, rows)]
            width = left + right + sum(swatch + SAMPLE_GAP + max(group) for group in groups)
            if width + COLUMN_GAP * (len(groups) - 1) <= room:
                break
        for index in reversed(range(layout.count())):
            layout.removeAt(index)
        columns = math.ceil(count / rows)
        for index, (sample, label) in enumerate(items):
            row, column = index % rows, index // rows
            layout.addItem(sample, row, 2 * column, alignment=Qt.AlignmentFlag.AlignVCenter)
            layout.addItem(label, row, 2 * column + 1)
            layout.setColumnSpacing(2 * column + 1, COLUMN_GAP)
        # What pyqtgraph's legend reads when a chart adds an entry later.
        self.legend.columnCount, self.legend.rowCount = columns, rows

    def _ask_for_height(self, legend_height: float, least_plot_height: int) -> None:
        """The view's least height: the legend, the plot's axes and `least_plot_height`."""
        _left, top, _right, bottom = self.view.ci.layout.getContentsMargins()
        plot_top, plot_bottom = self.plot.layout.getContentsMargins()[1::2]
        axes = sum(
            self.plot.getAxis(name).height()
            for name in ("top", "bottom")
            if self.plot.getAxis(name).isVisible()
        )
        height = (
            top
            + bottom
            + legend_height
            + self.view.ci.layout.verticalSpacing()
            + plot_top
            + plot_bottom
            + axes
            + least_plot_height
        )
        least = max(self._least_view_height, math.ceil(height))
        if least != self.view.minimumHeight():
            self.view.setMinimumHeight(least)


def _show(label: pg.LabelItem, text: str) -> None:
    if legend_name(text) != label.text:
        label.setText(legend_name(text))
    label.shown_text = label.text
