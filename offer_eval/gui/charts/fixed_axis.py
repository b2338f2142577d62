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
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPicture, QStaticText

_REMEMBERED: Final = 512
"""Labels remembered per axis before the memory is cleared (a long drag meets few new ones)."""


class _Measure:
    """Stands in for the painter `generateDrawSpecs` measures labels with: each label's box is
    measured once, with a real painter in the same font, and then remembered."""

    def __init__(self, axis: FixedTicksAxis) -> None:
        self._axis = axis
        self._font: QFont | None = None

    def setFont(self, font: QFont) -> None:  # noqa: N802  (the painter's name)
        self._font = QFont(font)

    def boundingRect(self, rect: QRectF, flags: Any, text: str) -> QRectF:  # noqa: N802
        return self._axis.measure(self._font, rect, flags, text)


class FixedTicksAxis(pg.AxisItem):  # type: ignore[misc]
    """A pyqtgraph axis drawing fixed ticks (set with `setTicks`) from remembered measures."""

    def __init__(self, orientation: str, **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self._specs: tuple[Any, Any, Any] | None = None
        self._measures: dict[tuple[str, tuple[float, ...], int, str], QRectF] = {}
        self._static: dict[tuple[str, str], QStaticText] = {}

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
                self._draw_text(p, font, rect, Qt.AlignmentFlag(int(flags)), text)
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

    def _draw_text(
        self, p: QPainter, font: QFont, rect: QRectF, flags: Qt.AlignmentFlag, text: str
    ) -> None:
        """`p.drawText(rect, flags, text)` from remembered laid-out lines: the block (its height
        as measured for pyqtgraph, which shrank the box to 80% of it) placed in the box, and
        each line aligned across the box, as the flags say."""
        lines = text.split("\n")
        height = rect.height() / 0.8
        if flags & Qt.AlignmentFlag.AlignTop:
            top = rect.top()
        elif flags & Qt.AlignmentFlag.AlignBottom:
            top = rect.bottom() - height
        else:
            top = rect.top() + (rect.height() - height) / 2
        line_height = QFontMetricsF(font).height()
        pitch = (height - line_height) / (len(lines) - 1) if len(lines) > 1 else 0.0
        for number, line in enumerate(lines):
            static = self._static_text(font, line)
            width = static.size().width()
            if flags & Qt.AlignmentFlag.AlignRight:
                left = rect.right() - width
            elif flags & Qt.AlignmentFlag.AlignHCenter:
                left = rect.left() + (rect.width() - width) / 2
            else:
                left = rect.left()
            p.drawStaticText(QPointF(left, top + number * pitch), static)
