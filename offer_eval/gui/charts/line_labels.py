"""Words beside a chart's vertical marker line ("Pays off from month 31"), kept inside the chart
and legible over what they cross."""

from __future__ import annotations

import pyqtgraph as pg

from offer_eval.gui.theme import ChartTheme

_GAP_PX = 8


class SideKeeper:
    """Keeps a line's words on the side with room (`keep_line_label_inside`), and again each
    time the plot is resized: a window made narrower would otherwise cut them."""

    def __init__(self, label: pg.InfLineLabel, view: pg.ViewBox, *, vertical: float) -> None:
        self._label = label
        self._vertical = vertical
        self._at: tuple[float, float, float] | None = None
        view.sigResized.connect(self._apply)

    def place(self, position: float, low: float, high: float) -> None:
        """The line is at `position` of the x range `low`..`high` (its words already set)."""
        self._at = (position, low, high)
        self._apply()

    def _apply(self, *_resized: object) -> None:
        if self._at is not None:
            keep_line_label_inside(self._label, *self._at, vertical=self._vertical)


def keep_line_label_inside(
    label: pg.InfLineLabel, position: float, low: float, high: float, *, vertical: float
) -> None:
    """Put the words right of the line where they fit before the chart's edge, else left of it,
    else centred on it (right of a line in a narrow chart they were cut: "Pays off from mont",
    seen at 1024x700). `low`..`high` is the x range shown; `vertical` the anchor's height. Set
    the words first: their width decides."""
    view = label.getViewBox()
    if view is None or view.width() <= 0 or high <= low:
        side = 0.0 if position - low <= 0.6 * (high - low) else 1.0  # not laid out yet
    else:
        pixels_per_unit = view.width() / (high - low)
        needed = label.boundingRect().width() + _GAP_PX
        if (high - position) * pixels_per_unit >= needed:
            side = 0.0
        elif (position - low) * pixels_per_unit >= needed:
            side = 1.0
        else:
            side = 0.5
    anchors = [(side, vertical), (side, vertical)]
    if label.anchors != anchors:
        label.anchors = anchors
        label.updatePosition()


def line_label_fill(label: pg.InfLineLabel, theme: ChartTheme) -> None:
    """A see-through backing in the chart's readout colour, so the words stay legible over lines
    and bands (in a short plot they sit on the medians), which still show through."""
    colour = pg.mkColor(theme.readout_fill)
    colour.setAlpha(170)
    label.fill = pg.mkBrush(colour)
    label.update()
