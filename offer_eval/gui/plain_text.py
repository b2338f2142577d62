"""User text is shown as the characters typed, never as markup.

A QLabel, a message box and a tooltip each guess whether their text is HTML ("Qt::AutoText"): an
offer named `<b style="color:red">X</b>` would be drawn as a red X, and a name with an unclosed
tag could hide the rest of a sentence. Every label the window makes that can hold user text is a
`PlainLabel`; tooltips built from user text go through `plain_tooltip`; the few places that use
rich text on purpose (a bold heading inside a sentence) escape the user's words with `escape`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


class PlainLabel(QLabel):
    """A label that shows its text exactly as given (no HTML, no entities)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)


def escape(text: str) -> str:
    """User text made safe to put inside rich text that is HTML on purpose."""
    return html.escape(text, quote=False)


def plain_tooltip(text: str) -> str:
    """A tooltip that reads as typed.

    Qt shows a tooltip as HTML when it looks like HTML and as plain text otherwise, so text
    without anything tag-like is returned unchanged (and wraps as before); text that would be
    taken for HTML is escaped inside a paragraph that keeps its line breaks.
    """
    if not text or not GuiQt.mightBeRichText(text):
        return text
    return f"{_RICH_OPEN}{escape(text)}{_RICH_CLOSE}"


_RICH_OPEN = '<p style="white-space:pre-wrap">'
_RICH_CLOSE = "</p>"


def tooltip_text(tooltip: str) -> str:
    """The words of a tooltip made by `plain_tooltip`, to add a line to before making it again."""
    if tooltip.startswith(_RICH_OPEN) and tooltip.endswith(_RICH_CLOSE):
        return html.unescape(tooltip[len(_RICH_OPEN) : -len(_RICH_CLOSE)])
    return tooltip


def plain_message_box(box: QMessageBox) -> QMessageBox:
    """Every text of a message box (main and informative) shown as plain text."""
    box.setTextFormat(Qt.TextFormat.PlainText)
    for label in box.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)
    return box
