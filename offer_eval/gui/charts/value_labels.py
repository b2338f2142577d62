"""Value labels beside bars (" 7.12 · best in 34%"), all of a chart's in one plain-text item.

A pyqtgraph `TextItem` per label lays its words out as a rich-text document: setting one anew
re-lays it out, and painting it replays that layout. On the decision tab a slider step changes
every offer's label on three charts (36 with 12 offers), which cost a few milliseconds to set and
as much again to paint. This item keeps the labels as (x, y, text), measures each string once
with the font's metrics and draws them with `drawText`, at the screen's pixel size whatever the
view's scale (as `TextItem` does).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QStaticText, QTransform

Label = tuple[float, float, str]
StyledLabel = tuple[float, float, str, float, str]
"""A label with its own horizontal anchor (1.0: its right end at the point) and colour."""
BackedLabel = tuple[float, float, str, float, str, bool]
"""A styled label that is drawn over the item's backing (True) or on the plot as it is."""
_Shown = tuple[float, float, str, float | None, str | None, bool]
_Box = tuple[float, float, float, float, str, str | None, bool]


def _shown(label: Label | StyledLabel | BackedLabel) -> _Shown:
    if len(label) == 3:
        x, y, text = label
        return (float(x), float(y), str(text), None, None, False)
    if len(label) == 5:
        x, y, text, anchor_x, colour = label
        return (float(x), float(y), str(text), float(anchor_x), str(colour), False)
    x, y, text, anchor_x, colour, backed = label
    return (float(x), float(y), str(text), float(anchor_x), str(colour), bool(backed))


class ValueLabels(pg.GraphicsObject):  # type: ignore[misc]
    """Text labels at points in data coordinates, anchored like a `TextItem`.

    `anchor` (0, 0.5) puts a label's left end, halfway up, at its point. Add it to a plot with
    `ignoreBounds=True`: its size is in pixels, not data.
    """

    MARGIN = 4.0
    """Pixels around a label's words, as a `TextItem`'s document keeps (labels stay put)."""

    def __init__(self, anchor: tuple[float, float] = (0.0, 0.5), font: QFont | None = None) -> None:
        super().__init__()
        self._anchor = anchor
        self._labels: tuple[_Shown, ...] = ()
        self._colours: dict[str, QColor] = {}
        self._font = QFont(font) if font is not None else QFont()
        self._metrics = QFontMetricsF(self._font)
        self._widths: dict[str, float] = {}
        self._static: dict[str, QStaticText] = {}  # each label's words laid out once
        self._met: set[str] = set()  # words drawn once, laid out when they come again
        self._cached_boxes: tuple[tuple[float, ...], tuple[_Shown, ...], list[_Box]] | None = None
        self._colour = QColor("black")
        self._backing: QColor | None = None
        self._bounds: QRectF | None = None

    # --- data ---------------------------------------------------------------------------------

    def set_labels(self, labels: Sequence[Label | StyledLabel | BackedLabel]) -> bool:
        """Show these labels; returns False (and does nothing) when they are those shown.

        A label of five parts has its own horizontal anchor and colour (a cut in red to the left
        of its bar, a rise in green to the right); one of three takes the item's. A sixth part,
        True, draws the label over the item's backing (`set_backing`): words inside a bar of
        many colours stay legible.
        """
        new = tuple(_shown(label) for label in labels)
        if new == self._labels:
            return False
        self.prepareGeometryChange()
        self._labels = new
        self._bounds = None
        self.update()
        return True

    @property
    def labels(self) -> tuple[Label, ...]:
        """Each label's point and words."""
        return tuple((x, y, text) for x, y, text, _anchor, _colour, _backed in self._labels)

    def texts(self) -> list[str]:
        """The labels' words, in the order given."""
        return [label[2] for label in self._labels]

    def colour_of(self, index: int) -> QColor:
        """The colour label `index` is drawn in."""
        colour = self._labels[index][4]
        return self._colour if colour is None else self._qcolour(colour)

    def _qcolour(self, name: str) -> QColor:
        colour = self._colours.get(name)
        if colour is None:
            colour = self._colours[name] = QColor(name)
        return colour

    def anchor_of(self, index: int) -> float:
        """Label `index`'s horizontal anchor: 0 its left end at its point, 1 its right end."""
        anchor = self._labels[index][3]
        return self._anchor[0] if anchor is None else anchor

    def is_backed(self, index: int) -> bool:
        """True when label `index` is drawn over the backing."""
        return self._labels[index][5]

    def set_backing(self, colour: str | QColor | None) -> None:
        """The colour drawn behind backed labels' words (None: none)."""
        backing = None if colour is None else QColor(colour)
        if backing != self._backing:
            self._backing = backing
            self.update()

    def set_colour(self, colour: str | QColor) -> None:
        colour = QColor(colour)
        if colour != self._colour:
            self._colour = colour
            self.update()

    def set_font(self, font: QFont) -> None:
        if font == self._font:
            return
        self.prepareGeometryChange()
        self._font = QFont(font)
        self._metrics = QFontMetricsF(self._font)
        self._widths.clear()
        self._static.clear()
        self._met.clear()
        self._cached_boxes = None
        self._bounds = None
        self.update()

    def text_width(self, text: str) -> float:
        """The pixels `text` takes in this item's font (each string measured once)."""
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) > 4_096:  # a long drag meets many strings: forget old ones
                self._widths.clear()
            width = self._widths[text] = self._metrics.horizontalAdvance(text)
        return width

    def widest(self) -> float:
        """The widest label's width in pixels (0 with none)."""
        return max((self.text_width(label[2]) for label in self._labels), default=0.0)

    # --- geometry and painting ----------------------------------------------------------------

    def _device_transform(self) -> QTransform | None:
        """Item to view pixels, or None before the view is shown."""
        view = self.getViewWidget()
        if view is None:
            return None
        transform: QTransform = self.deviceTransform(view.viewportTransform())
        if transform.determinant() == 0:
            return None
        return transform

    def _boxes(self, transform: QTransform) -> list[_Box]:
        """Each label's box in view pixels (left, top, width, height; margins included), its
        words and its own colour; worked out once for the labels and the view shown (bounds and
        painting both need them)."""
        key = (
            transform.m11(),
            transform.m12(),
            transform.m21(),
            transform.m22(),
            transform.dx(),
            transform.dy(),
        )
        cached = self._cached_boxes
        if cached is not None and cached[0] == key and cached[1] is self._labels:
            return cached[2]
        m11, m12, m21, m22, dx, dy = key
        affine = transform.isAffine()
        margin = self.MARGIN
        height = self._metrics.height() + 2 * margin
        anchor_x, anchor_y = self._anchor
        boxes: list[_Box] = []
        for x, y, text, own_anchor, colour, backed in self._labels:
            if affine:  # the view's scale and offset, without a Qt call per label
                px, py = m11 * x + m21 * y + dx, m12 * x + m22 * y + dy
            else:
                point = transform.map(QPointF(x, y))
                px, py = point.x(), point.y()
            width = self.text_width(text) + 2 * margin
            left = px - (anchor_x if own_anchor is None else own_anchor) * width
            boxes.append((left, py - anchor_y * height, width, height, text, colour, backed))
        self._cached_boxes = (key, self._labels, boxes)
        return boxes

    def viewTransformChanged(self) -> None:  # noqa: N802
        # Labels keep their pixel size: their extent in data coordinates moves with the view.
        self.prepareGeometryChange()
        self._bounds = None
        super().viewTransformChanged()

    def boundingRect(self) -> QRectF:  # noqa: N802
        if self._bounds is None:
            transform = self._device_transform()
            bounds = QRectF()
            if transform is not None and self._labels:
                inverse, invertible = transform.inverted()
                if invertible:
                    boxes = self._boxes(transform)
                    left = min(box[0] for box in boxes)
                    top = min(box[1] for box in boxes)
                    right = max(box[0] + box[2] for box in boxes)
                    bottom = max(box[1] + box[3] for box in boxes)
                    bounds = inverse.mapRect(QRectF(left, top, right - left, bottom - top))
            self._bounds = bounds
        return QRectF(self._bounds)

    def paint(self, painter: QPainter, *args: Any) -> None:
        if not self._labels:
            return
        transform = self._device_transform()
        if transform is None:
            return
        inverse, invertible = transform.inverted()
        if not invertible:
            return
        painter.save()
        # From view pixels to the painter's device: the identity on screen, a scale when the
        # chart is exported larger.
        painter.setTransform(inverse * painter.transform())
        painter.setFont(self._font)
        painter.setPen(self._colour)
        pen: str | None = None
        margin = self.MARGIN
        # A long drag meets many strings: forget old layouts. Each prepared one holds its glyph
        # run (about 1.6 KB), so 4,096 per chart cost some 6.5 MB each (measured) and took the
        # window past its memory budget; a chart shows at most a few dozen labels at once.
        if len(self._static) > 512:
            self._static.clear()
        if len(self._met) > 4_096:
            self._met.clear()
        backing = self._backing
        ascent = self._metrics.ascent()
        for left, top, width, height, text, colour, backed in self._boxes(transform):
            if backed and backing is not None:
                # Just behind the words (half the margin around them): the bar shows round it.
                half = margin / 2
                painter.fillRect(
                    QRectF(left + half, top + half, width - margin, height - margin), backing
                )
            if colour != pen:
                painter.setPen(self._colour if colour is None else self._qcolour(colour))
                pen = colour
            # Words seen before are laid out once and drawn from that layout: most labels keep
            # their words on a step. Words met for the first time (a score that a slider has
            # just moved) are drawn as they are, at the same pixels: laying them out for later
            # cost twice as much, and most are never shown again.
            static = self._static.get(text)
            if static is None:
                if text not in self._met:
                    self._met.add(text)
                    painter.drawText(QPointF(left + margin, top + margin + ascent), text)
                    continue
                static = self._static[text] = QStaticText(text)
                static.setTextFormat(Qt.TextFormat.PlainText)
                static.prepare(QTransform(), self._font)
            painter.drawStaticText(QPointF(left + margin, top + margin), static)
        painter.restore()


Slot = tuple[float, float, bool]
"""A place for a label inside the scale: its right end, where the room for it starts (both in
data) and whether it is drawn over the backing (words over a bar of many colours)."""


def place_beside_or_inside(
    plot_px: float,
    top: float,
    ends: Sequence[float],
    widths: Sequence[float],
    slots: Sequence[Sequence[Slot]],
    *,
    pad_px: float = 24.0,
    step: float = 0.1,
) -> tuple[float, list[Slot | None]]:
    """Where each bar's label goes on a scale from 0: the scale's right end and, per label, the
    slot it takes inside the scale, or None for beside its bar (its left end at `ends`).

    A label goes beside its bar when it fits there on a scale from 0 to `top` (plus `pad_px`
    for the last tick's text); else in the first of its `slots` with room for it; else beside
    it, and the scale grows by `step` x `top` at a time until it fits. Reserving room beside
    every bar for the widest label left the score bars of a 1024-pixel window a quarter of the
    plot; growing the scale only in steps keeps it, and so the axis, put during a drag.
    `widths` are in pixels, everything else in data.
    """
    plot_px = max(plot_px, 1.0)
    pad = min(pad_px, plot_px / 2)
    high = top * plot_px / (plot_px - pad)
    limit = top / 0.15  # the bars keep at least 15% of the plot whatever the labels
    while True:
        scale = plot_px / high
        chosen: list[Slot | None] = []
        needed = high
        for end, width, options in zip(ends, widths, slots, strict=True):
            if end * scale + width <= plot_px:
                chosen.append(None)
                continue
            slot = next((o for o in options if (o[0] - o[1]) * scale >= width), None)
            chosen.append(slot)
            if slot is None:
                # Beside it on a scale long enough: the bar's end, then its label, fill the plot.
                wanted = end * plot_px / (plot_px - width) if width < plot_px else limit
                needed = max(needed, wanted)
        if needed <= high or high >= limit:
            return high, chosen
        grown = top * (1 + step * math.ceil((needed / top - 1) / step - 1e-9))
        high = min(max(grown, high * (1 + 1e-9)), limit)
