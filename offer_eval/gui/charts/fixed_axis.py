"""An axis whose fixed tick labels (names, "0%, 50%, 100%") are measured once and drawn as static
text.

pyqtgraph redraws an axis from scratch whenever its ticks change: it measures every label with a
painter, records the drawing into a picture and replays it, laying every label's words out twice.
The weight-stability chart re-sorts its rows as a weight moves, so a drag re-labelled its axis on
nearly half the steps, for about 3 ms each. This axis works out the same lines, ticks and label
boxes with pyqtgraph's own `generateDrawSpecs`, but remembers each label's measure and its laid
out words (`QStaticText`), so a re-labelling costs a few draw calls. Axes with computed ticks
(no `setTicks`) are drawn by pyqtgraph as before.
"""

from __future__ import annotations

from typing import Any, Final

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPicture, QStaticText

from offer_eval.gui.charts.bounds import BoundedAxis

_LEFT_FLAGS: Final = (
    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextDontClip
)
_BOTTOM_FLAGS: Final = (
    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextDontClip
)
_TOP: Final = int(Qt.AlignmentFlag.AlignTop)
_BOTTOM: Final = int(Qt.AlignmentFlag.AlignBottom)
_RIGHT: Final = int(Qt.AlignmentFlag.AlignRight)
_HCENTER: Final = int(Qt.AlignmentFlag.AlignHCenter)
_REMEMBERED: Final = 512
"""Labels remembered per axis before the memory is cleared (a long drag meets few new ones)."""


class _Measure:
    """Stands in for the painter `generateDrawSpecs` measures labels with: each label's box is
    measured once, with a real painter in the same font, and then remembered."""

    def __init__(self, axis: FixedTicksAxis) -> None:
        self._axis = axis
        self._font: QFont | None = None
        self._key = ""

    def setFont(self, font: QFont) -> None:  # noqa: N802  (the painter's name)
        self._font = QFont(font)
        self._key = self._font.key()

    def boundingRect(self, rect: QRectF, flags: Any, text: str) -> QRectF:  # noqa: N802
        return self._axis.measure(self._font, rect, flags, text)

    def label_box(self, text: str) -> QRectF:
        """`boundingRect(QRectF(0, 0, 100, 100), AlignCenter, text)`, as pyqtgraph measures a
        tick label, remembered by font and words alone (the box and flags never change)."""
        boxes = self._axis._label_boxes
        key = (self._key, text)
        found = boxes.get(key)
        if found is None:
            if len(boxes) > _REMEMBERED:
                boxes.clear()
            found = boxes[key] = self.boundingRect(
                QRectF(0, 0, 100, 100), Qt.AlignmentFlag.AlignCenter, text
            )
        return QRectF(found)


class FixedTicksAxis(BoundedAxis):
    """A pyqtgraph axis drawing fixed ticks (set with `setTicks`) from remembered measures."""

    def __init__(self, orientation: str, **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self._specs: tuple[Any, Any, Any] | None = None
        self._measures: dict[tuple[str, tuple[float, ...], int, str], QRectF] = {}
        self._static: dict[tuple[str, str], QStaticText] = {}
        self._label_boxes: dict[tuple[str, str], QRectF] = {}

    def measure(self, font: QFont | None, rect: QRectF, flags: Any, text: str) -> QRectF:
        """`QPainter.boundingRect(rect, flags, text)` of a painter on a picture (as pyqtgraph's
        own), in `font`; remembered by font, box, flags and words."""
        used = font if font is not None else QFont()
        key = (used.key(), (rect.x(), rect.y(), rect.width(), rect.height()), int(flags), text)
        found = self._measures.get(key)
        if found is None:
            if len(self._measures) > _REMEMBERED:
                self._measures.clear()
            picture = QPicture()
            painter = QPainter(picture)
            try:
                painter.setFont(used)
                found = self._measures[key] = QRectF(painter.boundingRect(rect, flags, text))
            finally:
                painter.end()
        return QRectF(found)  # pyqtgraph scales the box it is given

    def _static_text(self, font: QFont, text: str) -> QStaticText:
        """One line's words laid out once, remembered by font and words."""
        key = (font.key(), text)
        found = self._static.get(key)
        if found is None:
            if len(self._static) > _REMEMBERED:
                self._static.clear()
            found = QStaticText(text)
            found.setTextFormat(Qt.TextFormat.PlainText)
            found.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
            found.prepare(font=font)
            self._static[key] = found
        return found

    def generateDrawSpecs(self, p: Any) -> tuple[Any, Any, Any] | None:  # noqa: N802
        """pyqtgraph's specs for one level of fixed ticks on a left or bottom axis, worked out
        with its own arithmetic but without its per-tick overheads (a `Point`, an enum union
        and an axis bounding box for every label): the weight-stability chart re-labels its
        left axis on about a third of a drag's steps, at about 0.35 ms each in pyqtgraph.
        Anything else (computed ticks, several levels, right or top axes, styles this chart
        never sets) is pyqtgraph's own."""
        style = self.style
        levels = self._tickLevels
        if (
            levels is None
            or len(levels) != 1
            or self.orientation not in ("left", "bottom")
            or tuple(style["stopAxisAtTick"]) != (False, False)
            or style["tickAlpha"] is not None
            or not style["showValues"]
            or style["maxTextLevel"] < 0
        ):
            return super().generateDrawSpecs(p)  # type: ignore[no-any-return]
        if style["tickFont"] is not None:
            p.setFont(style["tickFont"])
        bounds = self.mapRectFromParent(self.geometry())
        linked = self.linkedView()
        if linked is None or self.grid is False:
            tick_bounds = bounds
        else:
            tick_bounds = linked.mapRectToItem(self, linked.boundingRect())
        left = self.orientation == "left"
        if left:
            span = (
                bounds.topRight() + pg.Point(-1.0, -1.0),
                bounds.bottomRight() + pg.Point(-1.0, 1.0),
            )
            tick_start, tick_stop, tick_dir, axis = tick_bounds.right(), bounds.right(), -1, 0
        else:
            span = (
                bounds.topLeft() + pg.Point(-1.0, 1.0),
                bounds.topRight() + pg.Point(1.0, 1.0),
            )
            tick_start, tick_stop, tick_dir, axis = tick_bounds.top(), bounds.top(), 1, 1
        points = [self.mapToDevice(point) for point in span]
        if None in points:
            return None
        length = pg.Point(points[1] - points[0]).length()
        if length == 0:
            return None
        values = [value for value, _text in levels[0]]
        low, high = self.range[0], self.range[1]
        dif = high - low
        if dif == 0:
            scale, offset = 1, 0
        elif axis == 0:
            scale = -bounds.height() / dif
            offset = low * scale - bounds.height()
        else:
            scale = bounds.width() / dif
            offset = low * scale
        ends = [low * scale - offset, high * scale - offset]
        x_min, x_max = min(ends), max(ends)
        tick_length = style["tickLength"] / 1.0
        alpha = 255 / 1
        if self.grid is not False:
            alpha *= (
                self.grid
                / 255.0
                * pg.functions.clip_scalar((0.05 * length / (len(values) + 1)), 0.0, 1.0)
            )
        pen = self.tickPen()
        if pen.brush().style() == Qt.BrushStyle.SolidPattern:
            pen = QPen(pen)
            colour = QColor(pen.color())
            colour.setAlpha(int(alpha))
            pen.setColor(colour)
        positions: list[float | None] = []
        tick_specs = []
        for value in values:
            x = (value * scale) - offset
            if x < x_min or x > x_max:
                positions.append(None)
                continue
            positions.append(x)
            end = tick_stop if self.grid is not False else tick_stop + tick_length * tick_dir
            if axis == 0:
                tick_specs.append((pen, QPointF(tick_start, x), QPointF(end, x)))
            else:
                tick_specs.append((pen, QPointF(x, tick_start), QPointF(x, end)))
        axis_spec = (self.pen(), span[0], span[1])
        strings = [
            text if at is not None else None
            for (_v, text), at in zip(levels[0], positions, strict=True)
        ]
        rects: list[QRectF | None] = []
        for text in strings:
            if text is None:
                rects.append(None)
                continue
            if isinstance(p, _Measure):
                box = p.label_box(text)
            else:
                box = p.boundingRect(QRectF(0, 0, 100, 100), Qt.AlignmentFlag.AlignCenter, text)
            box.setHeight(box.height() * 0.8)
            rects.append(box)
        measured = [box for box in rects if box is not None]
        # The widest label (left) or tallest (bottom): pyqtgraph reserves room for it.
        size2 = max((r.width() if axis == 0 else r.height() for r in measured), default=0)
        text_offset = max(0, style["tickLength"]) + style["tickTextOffset"][axis]
        flags = _LEFT_FLAGS if left else _BOTTOM_FLAGS
        box_of_axis = self.boundingRect()
        text_specs = []
        for text, at, measure in zip(strings, positions, rects, strict=True):
            if text is None or at is None or measure is None:
                continue
            height, width = measure.height(), measure.width()
            if left:
                rect = QRectF(tick_stop - text_offset - width, at - (height / 2), width, height)
            else:
                rect = QRectF(at - width / 2.0, tick_stop + text_offset, width, height)
            if box_of_axis & rect != rect:
                continue
            text_specs.append((rect, flags, text))
        self._updateMaxTextSize(size2)
        return axis_spec, tick_specs, text_specs

    def paint(self, p: QPainter, opt: Any, widget: Any) -> None:
        if self._tickLevels is None:  # computed ticks: pyqtgraph's own drawing
            self._specs = None
            super().paint(p, opt, widget)
            return
        # pyqtgraph forgets its picture whenever anything the axis shows changes (ticks, range,
        # size, pens, fonts): the same signal says the remembered specs are out of date.
        if getattr(self, "picture", None) is None or self._specs is None:
            specs = self.generateDrawSpecs(_Measure(self))
            if specs is not None:
                font = self.style["tickFont"] if self.style["tickFont"] is not None else QFont()
                specs = (specs[0], specs[1], self._without_overlaps(font, specs[2]))
            self._specs = specs
            self.picture = QPicture()  # not None: "drawn", until pyqtgraph forgets it again
        if self._specs is None:
            return
        axis_spec, tick_specs, text_specs = self._specs
        p.save()
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            pen, start, stop = axis_spec
            p.setPen(pen)
            p.drawLine(start, stop)
            for pen, start, stop in tick_specs:
                p.setPen(pen)
                p.drawLine(start, stop)
            font = self.style["tickFont"] if self.style["tickFont"] is not None else QFont()
            p.setFont(font)
            p.setPen(self.textPen())
            p.setClipRect(self.boundingRect().toAlignedRect(), Qt.ClipOperation.IntersectClip)
            for rect, flags, text in text_specs:
                self._draw_text(p, font, rect, int(flags), text)
        finally:
            p.restore()

    def _without_overlaps(self, font: QFont, text_specs: Any) -> list[tuple[QRectF, Any, str]]:
        """The labels of a horizontal axis that do not run into the one drawn before them.

        Fixed ticks (0, 2, ..., 10 points) are the same at any width; in a narrow chart their
        labels ran together ("2468 10", seen at 1024x700). pyqtgraph thins out the labels of
        ticks it works out itself, never fixed ones: here, left to right, a label that would
        touch the previous one shown is left out (its tick is still drawn).
        """
        specs = list(text_specs)
        if self.orientation not in ("bottom", "top"):
            return specs
        gap = QFontMetricsF(font).horizontalAdvance(" ")
        shown: list[tuple[QRectF, Any, str]] = []
        right_edge = float("-inf")
        for rect, flags, text in sorted(specs, key=lambda spec: spec[0].center().x()):
            width = max(self._static_text(font, line).size().width() for line in text.split("\n"))
            left = rect.center().x() - width / 2
            if int(flags) & int(Qt.AlignmentFlag.AlignLeft):
                left = rect.left()
            elif int(flags) & int(Qt.AlignmentFlag.AlignRight):
                left = rect.right() - width
            if left < right_edge + gap:
                continue
            shown.append((rect, flags, text))
            right_edge = left + width
        return shown

    def _draw_text(self, p: QPainter, font: QFont, rect: QRectF, flags: int, text: str) -> None:
        """`p.drawText(rect, flags, text)` from remembered laid-out lines: the block (its height
        as measured for pyqtgraph, which shrank the box to 80% of it) placed in the box, and
        each line aligned across the box, as the flags say."""
        lines = text.split("\n")
        height = rect.height() / 0.8
        bits = flags  # a plain number: each test of an enum flag cost microseconds
        if bits & _TOP:
            top = rect.top()
        elif bits & _BOTTOM:
            top = rect.bottom() - height
        else:
            top = rect.top() + (rect.height() - height) / 2
        line_height = QFontMetricsF(font).height()
        pitch = (height - line_height) / (len(lines) - 1) if len(lines) > 1 else 0.0
        for number, line in enumerate(lines):
            static = self._static_text(font, line)
            width = static.size().width()
            if bits & _RIGHT:
                left = rect.right() - width
            elif bits & _HCENTER:
                left = rect.left() + (rect.width() - width) / 2
            else:
                left = rect.left()
            p.drawStaticText(QPointF(left, top + number * pitch), static)
