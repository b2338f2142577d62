"""The chart subtitle's label: sized and drawn as a word-wrapped QLabel, re-laid out only when
its new words need another height."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QSizePolicy, QVBoxLayout, QWidget

from offer_eval.gui.plain_text import PlainLabel
from offer_eval.gui.wrapped_label import WrappedLabel

WORDS = (
    "At £60,000 a year you keep £580 of the next £1,000: income tax at 40%, National "
    "Insurance at 2% and the student loan at 9% take the rest."
)


def _qlabel(text: str) -> PlainLabel:
    label = PlainLabel(text)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


def test_it_measures_and_draws_as_a_word_wrapped_qlabel(qtbot: Any) -> None:
    for words in (WORDS, "Short.", "", "Averyveryverylongwordthatcannotwrap at all"):
        ours, theirs = WrappedLabel(words), _qlabel(words)
        assert ours.text() == theirs.text() == words
        assert ours.sizeHint() == theirs.sizeHint()
        assert ours.minimumSizeHint() == theirs.minimumSizeHint()
        for width in (0, 40, 120, 300, 700, 2_000):
            assert ours.heightForWidth(width) == theirs.heightForWidth(width), (words, width)
        ours.resize(300, theirs.heightForWidth(300))
        theirs.resize(300, theirs.heightForWidth(300))
        assert ours.grab().toImage() == theirs.grab().toImage()


class _LayoutRequests(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_new_words_of_the_same_height_leave_the_layout_be(qtbot: Any) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    label = WrappedLabel(WORDS)
    layout = QVBoxLayout(page)
    layout.addWidget(label)
    layout.addWidget(QWidget(), 1)
    page.resize(420, 300)
    page.show()
    QApplication.processEvents()
    requests = _LayoutRequests()
    page.installEventFilter(requests)
    height = label.height()
    label.setText(WORDS.replace("£580", "£590"))  # the same lines, other figures
    QApplication.processEvents()
    assert requests.count == 0
    assert label.text() == WORDS.replace("£580", "£590")
    assert label.accessibleName() == label.text()  # what a screen reader reads

    label.setText(WORDS + " " + WORDS)  # twice the lines: the layout gives it the room
    QApplication.processEvents()
    assert requests.count >= 1
    assert label.height() == label.heightForWidth(label.width()) > height
