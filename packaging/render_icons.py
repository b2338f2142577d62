"""Render the application icon's PNGs from its hand-written SVGs (a developer tool; the PNGs are
committed). Run after editing an SVG: `python packaging/render_icons.py` (needs PySide6).

Sizes up to 32 px come from resources/icons/offer-eval-small.svg (thicker strokes), the rest from
resources/icons/offer-eval.svg. Qt's own SVG renderer draws them, the same one the app uses.
"""

from __future__ import annotations

import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SMALL_UP_TO = 32


def render(svg: Path, size: int, out: Path) -> None:
    """Draw `svg` into a transparent size × size PNG at `out`."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"render_icons: cannot write {out}")


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(["render_icons", "-platform", "offscreen"])
    for size in SIZES:
        source = ICONS / ("offer-eval-small.svg" if size <= SMALL_UP_TO else "offer-eval.svg")
        out = ICONS / f"offer-eval-{size}.png"
        render(source, size, out)
        sys.stdout.write(f"{out.relative_to(ICONS.parents[1])} from {source.name}\n")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
