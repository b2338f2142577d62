"""The verdict strip's height: as tall as its longest detail, but never shorter for the words that
stand in for figures the background searches are still finding (every slider release shows them
for a moment; shrinking for them and growing back re-laid out the whole window twice)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from offer_eval.core.evaluate import evaluate, evaluate_searches, with_tie_salaries
from offer_eval.gui.verdict import VerdictPart, VerdictStrip, verdict_parts
from offer_eval.persistence.examples import demo_scenario

LONG = " ".join(["A detail long enough to wrap onto several lines of the card."] * 6)


def _parts(detail: str, *, awaiting: bool) -> tuple[VerdictPart, ...]:
    return (
        VerdictPart("winner", "Best offer", "Offer A", LONG[:60]),
        VerdictPart("counter", "Counter-offer", "…", detail, "pending", awaiting=awaiting),
    )


def _strip(qtbot: Any) -> VerdictStrip:
    strip = VerdictStrip()
    qtbot.addWidget(strip)
    strip.resize(700, 200)
    strip.show()
    strip._show(_parts("Short.", awaiting=False))
    QApplication.processEvents()  # the cards are shown (queued by their layout)
    strip._fit_height()
    return strip


def test_words_awaiting_a_figure_never_shrink_the_strip(qtbot: Any) -> None:
    strip = _strip(qtbot)
    strip._show(_parts(LONG, awaiting=False))
    tall = strip.height()
    strip._show(_parts("Working it out.", awaiting=True))
    QApplication.processEvents()
    assert strip.height() == tall
    strip._show(_parts("Short final words.", awaiting=False))  # the figure came: fit it
    QApplication.processEvents()
    assert strip.height() < tall


def test_words_awaiting_a_figure_may_grow_the_strip(qtbot: Any) -> None:
    strip = _strip(qtbot)
    strip._show(_parts("Short.", awaiting=False))
    short = strip.height()
    strip._show(_parts(LONG, awaiting=True))
    QApplication.processEvents()
    assert strip.height() > short  # every word is still shown


def test_a_wider_window_fits_the_strip_again(qtbot: Any) -> None:
    strip = _strip(qtbot)
    strip._show(_parts(LONG, awaiting=True))
    QApplication.processEvents()
    tall = strip.height()
    strip.resize(2400, strip.height())
    QApplication.processEvents()
    assert strip.height() < tall


def test_the_searches_placeholders_are_marked_awaiting() -> None:
    """A result before its searches: the lowest offer and the counter-offer await them; with the
    searches' figures in, nothing does."""
    evaluation = evaluate(demo_scenario(), resolution="full")
    awaiting = {part.key for part in verdict_parts(evaluation) if part.awaiting}
    assert awaiting == {"reservation", "counter"}
    searched = with_tie_salaries(evaluation)
    assert not any(
        part.awaiting for part in verdict_parts(searched, evaluate_searches(searched.scenario))
    )
