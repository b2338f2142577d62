"""The verdict strip: the answer in plain words, from the evaluation (nothing is computed here).

`verdict_parts` turns an `Evaluation` into captioned sentences so that the wording is testable
without a window; `VerdictStrip` shows them as a row of cards above the tabs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from offer_eval.core.evaluate import Evaluation, Searches
from offer_eval.core.money_text import format_money, format_pct
from offer_eval.gui.eliding_label import ElidingLabel, FittedLabel
from offer_eval.gui.plain_text import PlainLabel, plain_tooltip
from offer_eval.gui.theme import caption_color, cut_gain_colors
from offer_eval.present.labels import LOWEST_OFFER, display_names
from offer_eval.present.pay_terms import day_rate_of, day_rate_text, is_contract

Tone = Literal["good", "bad", "neutral", "pending"]


@dataclass(frozen=True, slots=True)
class VerdictPart:
    """One card: a caption, the figure in words, a line of detail and how it reads."""

    key: str
    caption: str
    value: str
    detail: str
    tone: Tone = "neutral"
    tooltip: str = ""
    # Words standing in for a figure the background work is still finding (the searches that
    # follow each full result): the strip does not shrink for them (see `VerdictStrip`).
    awaiting: bool = False


def _lead_offer(evaluation: Evaluation) -> str | None:
    decision = evaluation.decision
    if decision is not None and decision.leader is not None:
        return decision.leader
    return evaluation.offers[0].position_id if evaluation.offers else None


def verdict_parts(
    evaluation: Evaluation, searches: Searches | None = None
) -> tuple[VerdictPart, ...]:
    """The five answers: winner, take-home change, break-even, the lowest offer worth taking
    (`searches`, when they ran for this scenario), counter-offer."""
    if not evaluation.offers:
        return (
            VerdictPart(
                "winner",
                "Best offer",
                "No offers yet",
                "Add the offer you are weighing up (Offers tab, “Add offer”).",
                "pending",
            ),
        )
    names = display_names(evaluation.scenario)
    lead = _lead_offer(evaluation)
    return (
        _winner(evaluation, names),
        _net_change(evaluation, names, lead),
        _break_even(evaluation, names, lead),
        _lowest_offer(evaluation, names, lead, searches),
        _counter_offer(evaluation, names),
    )


def _winner(evaluation: Evaluation, names: dict[str, str]) -> VerdictPart:
    decision = evaluation.decision
    if decision is None:
        return VerdictPart(
            "winner",
            "Best offer",
            "Not scored",
            "Add criteria and weights on the Decision tab to score the offers.",
            "pending",
        )
    if decision.winner is None:
        tied = [names[o] for o, rank in decision.ranks.items() if rank == 1]
        return VerdictPart(
            "winner",
            "Best offer",
            "A tie",
            " and ".join(tied) + " score the same.",
            "neutral",
            decision.explanation,
        )
    winner = decision.winner
    probability = decision.probability_best.get(winner)
    score = decision.scores[winner]
    detail = f"Scores {score:.1f} out of 10"
    runner = decision.runner_up
    if runner is not None:
        detail += f" against {decision.scores[runner]:.1f}"
    if probability is not None:
        sure = (
            "very sure"
            if probability >= 0.9
            else "fairly sure"
            if probability >= 0.7
            else "a close call"
        )
        detail += f"; best in {probability:.0%} of draws near your weights and ratings ({sure})."
    return VerdictPart("winner", "Best offer", names[winner], detail, "good", decision.explanation)


def _net_change(evaluation: Evaluation, names: dict[str, str], lead: str | None) -> VerdictPart:
    if lead is None:
        return VerdictPart("net", "Take-home change", "–", "", "pending")
    cut = evaluation.pay_cuts[lead]
    change = cut.net_abs
    pct = format_pct(cut.net_pct) if cut.net_pct is not None else "no current take-home"
    word = "less" if change < 0 else "more"
    value = f"{format_money(change, sign=True)} a year"
    detail = (
        f"{names[lead]} pays {format_money(abs(change) / 12)} a month {word} after tax "
        f"than your current job ({pct})."
    )
    return VerdictPart("net", "Take-home change", value, detail, "bad" if change < 0 else "good")


def _break_even(evaluation: Evaluation, names: dict[str, str], lead: str | None) -> VerdictPart:
    trajectory = evaluation.trajectory
    if trajectory is None or lead is None or lead not in trajectory.offers:
        return VerdictPart(
            "break_even",
            "Accepting pays off",
            "–",
            evaluation.trajectory_missing or "Needs the job-search simulation.",
            "pending",
        )
    month = trajectory.offers[lead].break_even_month
    horizon = evaluation.scenario.simulation.months
    if month is None:
        return VerdictPart(
            "break_even",
            "Accepting pays off",
            f"Not within {horizon} months",
            f"Accepting {names[lead]} and searching on trails declining on average "
            "to the end of the horizon.",
            "bad",
        )
    when = "from the start" if month <= 1 else f"from month {month} on"
    return VerdictPart(
        "break_even",
        "Accepting pays off",
        f"Month {month}",
        f"Accepting {'it' if len(names) == 2 else 'the best offer'} and searching on beats "
        f"declining, on average, {when}.",
        "good" if month <= 24 else "neutral",
    )


def _has_job(evaluation: Evaluation) -> bool:
    current = evaluation.scenario.current
    return current.base_salary > 0 and current.ends_after_months is None


def _lowest_offer(
    evaluation: Evaluation, names: dict[str, str], lead: str | None, searches: Searches | None
) -> VerdictPart:
    """With a job, the lowest salary worth taking in work for the leading offer (from the
    background searches); without one, the reservation salary."""
    if not _has_job(evaluation) or lead is None:
        return _reservation(evaluation)
    if evaluation.trajectory is None:
        return VerdictPart(
            "reservation",
            LOWEST_OFFER.label,
            "–",
            evaluation.trajectory_missing or "Needs the job-search simulation.",
            "pending",
        )
    if searches is None or searches.scenario is not evaluation.scenario:
        return VerdictPart(
            "reservation",
            LOWEST_OFFER.label,
            "…",
            "Working it out in the background.",
            "pending",
            awaiting=True,
        )
    value = searches.lowest_salary.get(lead)
    months = evaluation.scenario.simulation.months
    offer = evaluation.scenario.offer(lead)
    if value is None:
        shown, detail = "None", "Declining stays ahead at any salary below £10,000,000."
    elif isinstance(value, str):
        shown = "Any day rate" if is_contract(offer) else "Any salary"
        detail = "Accepting and searching on beats declining at any pay."
    elif is_contract(offer):
        shown = day_rate_text(day_rate_of(offer, value))
        detail = (
            f"From this day rate ({format_money(value)} a year billed), accepting "
            f"{names[lead]} and searching on beats declining ({months} months, valued today)."
        )
    else:
        shown = f"{format_money(value)} a year"
        detail = (
            f"From this pay, accepting and searching on beats declining ({months} months, "
            "valued today)."
        )
    return VerdictPart("reservation", LOWEST_OFFER.label, shown, detail, "neutral")


def _reservation(evaluation: Evaluation) -> VerdictPart:
    trajectory = evaluation.trajectory
    salary = trajectory.reservation_salary if trajectory is not None else None
    if salary is None:
        return VerdictPart(
            "reservation",
            LOWEST_OFFER.label,
            "–",
            evaluation.trajectory_missing or "Needs the job-search simulation.",
            "pending",
        )
    return VerdictPart(
        "reservation",
        LOWEST_OFFER.label,
        f"{format_money(salary)} a year",
        "If you were searching without a job, an offer below this is worth turning down.",
        "neutral",
    )


def _counter_offer(evaluation: Evaluation, names: dict[str, str]) -> VerdictPart:
    # The score's wording brings the decision model: not needed before the first paint.
    from offer_eval.present.decision_report import behind_at_any_pay_text, tie_text

    decision = evaluation.decision
    caption = "Counter-offer that changes the answer"
    if decision is None or decision.leader is None:
        return VerdictPart("counter", caption, "–", "Score the offers first.", "pending")
    if decision.tie_salaries is None:
        return VerdictPart(
            "counter",
            caption,
            "Working it out…",
            "Shown once the full calculation finishes.",
            "pending",
            awaiting=True,
        )
    if len(decision.offer_ids) < 2:
        tie = decision.tie_salaries.get(decision.leader)
        return VerdictPart(
            "counter",
            caption,
            "Only one offer",
            "Add another offer to see what would change the answer.",
            "neutral",
        )
    runner = decision.runner_up
    tie = decision.tie_salaries.get(runner) if runner is not None else None
    if tie is not None and tie.base_salary is not None and runner is not None:
        if tie.base_salary == tie.current_base_salary:
            # Already level: a "+£0" change would read as if the offer were worth nothing.
            pay = "day rate" if tie.is_day_rate else "base salary"
            detail = (
                f"{names[runner]} already ties {names[tie.against]} at its {pay} of "
                f"{tie_text(tie)}."
            )
        elif tie.is_day_rate:
            rate, now = tie.day_rate or 0.0, tie.current_day_rate or 0.0
            detail = (
                f"At a day rate of {day_rate_text(rate)} "
                f"({format_money(rate - now, sign=True)} a day) {names[runner]} would tie "
                f"{names[tie.against]}."
            )
        else:
            change = tie.change or 0.0
            detail = (
                f"At a base salary of {format_money(tie.base_salary)} "
                f"({format_money(change, sign=True)}) {names[runner]} would tie "
                f"{names[tie.against]}."
            )
        return VerdictPart(
            "counter", caption, f"{tie_text(tie)} from {names[runner]}", detail, "neutral"
        )
    leader = names[decision.leader]
    behind = behind_at_any_pay_text(names[runner] if runner else None, leader, tie)
    lead_tie = decision.tie_salaries.get(decision.leader)
    if lead_tie is not None and lead_tie.base_salary is not None:
        return VerdictPart(
            "counter",
            caption,
            f"{leader} below {tie_text(lead_tie)}",
            f"{behind}; {leader} would lose the lead below {tie_text(lead_tie)}.",
            "neutral",
        )
    return VerdictPart("counter", caption, "None would", f"{behind}.", "good")


def _color_text(label: QLabel, color: str) -> None:
    """The label's text in `color` (a palette change: no style sheet to parse on each step)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(color))
    label.setPalette(palette)


def _set(label: QLabel, text: str) -> None:
    """Change a label only when its text changes: every change re-lays out the window."""
    if label.text() != text:
        label.setText(text)


def _shares(room: int, wanted: list[int]) -> list[int]:
    """`room` shared evenly, except that an item wanting more than its share gets what it
    wants (the others sharing the rest): how a box layout shares room between items at least
    `wanted` wide with equal stretch. Every share is at least 1."""
    fixed: dict[int, int] = {}
    while True:
        free = [i for i in range(len(wanted)) if i not in fixed]
        if not free:
            break
        share = (room - sum(fixed.values())) // len(free)
        more = {i: wanted[i] for i in free if wanted[i] > share}
        if not more:
            break
        fixed.update(more)
    share = (room - sum(fixed.values())) // max(1, len(wanted) - len(fixed))
    return [max(1, fixed.get(i, share)) for i in range(len(wanted))]


MIN_DETAIL_LINES: Final = 3
MAX_DETAIL_LINES: Final = 6


class VerdictStrip(QFrame):
    """A row of cards that answers the user's questions in plain words.

    Its height follows the longest detail, except that words standing in for a figure still
    being worked out never make it shorter: every release of a slider brings a full result with
    such words, and the searches' figures a moment later; shrinking for the one and growing back
    for the other re-laid out and repainted the whole window twice a release (the Offers tab
    with 12 offers: 100-150 ms between the full result and the screen).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdict_strip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Verdict")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 6, 8, 6)
        self._layout.setSpacing(14)
        self._cards: dict[str, tuple[FittedLabel, QLabel, QLabel, QWidget]] = {}
        self.parts: tuple[VerdictPart, ...] = ()
        self._tones: dict[str, str] = {}
        self._evaluation: Evaluation | None = None
        self._searches: Searches | None = None
        self.set_dark(False)
        # A fixed height keeps a changed figure from re-laying out the whole window on every
        # slider step: caption, the figure (larger), then the detail's lines. It is set again
        # only when the window is resized or settled results bring new words (`_fit_height`).
        self._detail_lines = MIN_DETAIL_LINES
        self.setFixedHeight(self._height_for(MIN_DETAIL_LINES))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _height_for(self, detail_lines: int) -> int:
        line = self.fontMetrics().lineSpacing()
        return int(line * (detail_lines + 2.4)) + 14

    def _fit_height(self, *, shrink: bool = True) -> None:
        """Tall enough for the longest detail at the cards' current width (3 to 6 lines); no
        shorter than now unless `shrink`."""
        line = self.fontMetrics().lineSpacing()
        needed = MIN_DETAIL_LINES
        for _caption, _value, detail, card in self._cards.values():
            if card.isVisibleTo(self) and detail.text():
                height = detail.heightForWidth(max(card.width(), 1))
                needed = max(needed, -(-height // line))  # whole lines, rounded up
        needed = min(needed, MAX_DETAIL_LINES)
        if not shrink:
            needed = max(needed, self._detail_lines)
        if needed != self._detail_lines:
            self._detail_lines = needed
            self.setFixedHeight(self._height_for(needed))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._share_width()
        self._fit_height()

    def _share_width(self) -> None:
        """The cards' widths for the strip's width, then each caption shortened to its card's.

        Cards share the strip evenly, except that a card whose caption is longer than its share
        gets the room for it, up to an eighth more than the share (the others share the rest):
        as when each card was at least as wide as its caption, but without a long caption
        setting the window's least width. The shares are the cards' stretch factors, set here
        (once per width, or when cards come or go), never by the labels themselves.
        """
        shown = [(caption, card) for caption, _v, _d, card in self._cards.values()]
        shown = [(caption, card) for caption, card in shown if card.isVisibleTo(self)]
        if not shown:
            return
        gap = max(0, self._layout.spacing())
        margins = self._layout.contentsMargins()
        room = self.width() - margins.left() - margins.right() - gap * (len(shown) - 1)
        most = room * 9 // (8 * len(shown))
        wanted = [min(caption.sizeHint().width(), most) for caption, _card in shown]
        widths = _shares(max(room, len(shown)), wanted)
        for (_caption, card), width in zip(shown, widths, strict=True):
            if self._layout.stretch(self._layout.indexOf(card)) != width:
                self._layout.setStretchFactor(card, width)
        self._layout.activate()
        for caption, card in shown:
            caption.fit(card.contentsRect().width())

    def _card(self, key: str) -> tuple[FittedLabel, QLabel, QLabel, QWidget]:
        if key in self._cards:
            return self._cards[key]
        card = QWidget()
        column = QVBoxLayout(card)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        # The caption is shortened with "…" (its tooltip whole) once per width by `_share_width`.
        caption, value, detail = FittedLabel(least_chars=8), ElidingLabel(), PlainLabel()
        font = value.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        value.setFont(font)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        detail.setWordWrap(True)
        detail.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        detail.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        _color_text(caption, self._caption_color)
        # A figure that names an offer ("£56,385 from Research Engineer at a large lab") is
        # shortened at a whole word with an ellipsis in a narrow window, its tooltip holding every
        # word (as the card's accessible description does), rather than set the window's least
        # width.
        value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        value.setMinimumWidth(self.fontMetrics().averageCharWidth() * 8)
        for label in (caption, value, detail):
            column.addWidget(label)
        column.addStretch(1)
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._layout.addWidget(card, 1)
        self._cards[key] = (caption, value, detail, card)
        return self._cards[key]

    def set_evaluation(self, evaluation: Evaluation) -> None:
        self._evaluation = evaluation
        parts = verdict_parts(evaluation, self._searches)
        if parts != self.parts:
            self._show(parts)

    def clear(self) -> None:
        """Show nothing until the next complete result: another document is opening, and the
        previous one's verdict must not stand for it (its own follows with the full result).

        The strip keeps its height meanwhile: shrinking it for the empty moment and growing it
        back for the next result re-laid out and repainted the whole window twice while a
        document opened (60 ms without a paint, where the cards' details needed four lines).
        """
        self._evaluation = None
        self._searches = None
        if self.parts:
            self._show((), keep_height=True)

    def set_searches(self, searches: Searches) -> None:
        """The background searches arrived; they count only for the scenario shown."""
        self._searches = searches
        if self._evaluation is not None:
            self.set_evaluation(self._evaluation)

    def _show(self, parts: tuple[VerdictPart, ...], *, keep_height: bool = False) -> None:
        self.parts = parts
        keys = {part.key for part in parts}
        for key, (*_, card) in self._cards.items():
            card.setVisible(key in keys)
        for part in parts:
            caption, value, detail, card = self._card(part.key)
            caption.set_full_text(part.caption)
            _set(value, part.value)
            _set(detail, part.detail)
            if card.toolTip() != plain_tooltip(part.tooltip or part.detail):
                card.setToolTip(plain_tooltip(part.tooltip or part.detail))
                card.setAccessibleName(f"Verdict: {part.caption}")
                card.setAccessibleDescription(f"{part.value}. {part.detail}")
            colour = self._tones.get(part.tone)
            style = f"color: {colour};" if colour else ""
            if value.styleSheet() != style:
                value.setStyleSheet(style)
        self._share_width()
        self._fit_height(shrink=not keep_height and not any(part.awaiting for part in parts))

    def set_dark(self, dark: bool) -> None:
        """Colours for good and bad news that read well on the current background."""
        cut, gain = cut_gain_colors(dark)
        self._tones = {"good": gain.name(), "bad": cut.name()}
        self._caption_color = caption_color(dark)
        for caption, *_ in self._cards.values():
            _color_text(caption, self._caption_color)
        parts, self.parts = self.parts, ()
        if parts:
            self._show(parts)

    def text(self) -> str:
        """Every card in words, one a line (tests and screen readers)."""
        return "\n".join(f"{p.caption}: {p.value}. {p.detail}" for p in self.parts)
