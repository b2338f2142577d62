"""The eliding label: whole words and an ellipsis when too narrow, every word in its tooltip."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from offer_eval.gui.eliding_label import ElidingLabel


def _label(text: str, room: str) -> ElidingLabel:
    """A shown label exactly as wide as the text `room` (laid out in its own font)."""
    label = ElidingLabel(text)
    label.show()
    label.resize(label.fontMetrics().horizontalAdvance(room), 20)
    QApplication.processEvents()
    return label


def test_a_long_name_ends_at_a_whole_word_with_its_words_in_the_tooltip(qapp: Any) -> None:
    label = _label("ML Engineer (regional)", "ML Engineer (regi")
    assert label.shown_text() == "ML Engineer…"  # not "ML Engineer (regi" nor "ML Engineer (…"
    assert label.text() == "ML Engineer (regional)"
    assert label.toolTip() == "ML Engineer (regional)"


def test_text_that_fits_is_shown_whole_without_a_tooltip(qapp: Any) -> None:
    label = _label("ML Engineer (regional)", "ML Engineer (regional) and more")
    assert label.shown_text() == "ML Engineer (regional)"
    assert label.toolTip() == ""
    label.resize(label.fontMetrics().horizontalAdvance("ML Engineer (re"), 20)
    QApplication.processEvents()
    assert label.shown_text() == "ML Engineer…"  # narrower: the words that still fit
    label.resize(label.fontMetrics().horizontalAdvance("ML Engine"), 20)
    QApplication.processEvents()
    # "ML…" would leave most of the room empty: the word is cut where it must be instead.
    assert label.shown_text().startswith("ML Engi") and label.shown_text().endswith("…")
    label.resize(1000, 20)
    QApplication.processEvents()
    assert label.shown_text() == "ML Engineer (regional)"


def test_a_single_word_too_long_is_cut_where_it_must_be(qapp: Any) -> None:
    label = _label("Geophysicist", "Geophys")
    assert label.shown_text().endswith("…")
    assert "Geophysicist".startswith(label.shown_text()[:-1])
    assert label.toolTip() == "Geophysicist"


def test_a_larger_font_shortens_the_text_again(qapp: Any) -> None:
    label = _label("ML Engineer (regional)", "ML Engineer (regional)")
    assert label.shown_text() == "ML Engineer (regional)"
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    label.setFont(font)
    assert label.shown_text() != "ML Engineer (regional)"
    assert label.shown_text().endswith("…")


def test_markup_in_a_name_is_shown_as_typed(qapp: Any) -> None:
    label = _label("<b>Bold</b> offer name here", "<b>Bold</b> offer nam")
    assert label.shown_text() == "<b>Bold</b> offer…"
    assert label.toolTip() != "<b>Bold</b> offer name here"  # escaped, not read as HTML


def test_the_verdicts_offer_name_ends_at_a_word_in_a_narrow_window(window: Any) -> None:
    window.resize(1024, 700)
    QApplication.processEvents()
    value = window.verdict._cards["winner"][1]
    assert isinstance(value, ElidingLabel)
    assert value.text() == "ML Engineer (regional)"
    # Was drawn "ML Engineer (regiona" at this width: now whole words, every word in the tooltip.
    assert value.shown_text() == "ML Engineer…"
    assert value.toolTip() == "ML Engineer (regional)"
    window.resize(1600, 1000)
    QApplication.processEvents()
    assert value.shown_text() == "ML Engineer (regional)"
    assert value.toolTip() == ""
