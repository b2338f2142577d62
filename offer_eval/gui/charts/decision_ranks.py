"""How sure: each offer's chance of every rank, as one stacked bar per offer (rank acceptability)."""

from __future__ import annotations

import math
from typing import Final

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from offer_eval.core.decision import share_text
from offer_eval.core.evaluate import Evaluation
from offer_eval.gui.charts.base import (
    Bars,
    ChartPanel,
    label_room,
    set_axis_ticks,
    set_bars,
)
from offer_eval.gui.charts.decision import BAR_HEIGHT, ShareAxis, value_labels
from offer_eval.gui.charts.fixed_axis import FixedTicksAxis
from offer_eval.gui.charts.updates import set_view_range
from offer_eval.gui.theme import ChartTheme
from offer_eval.present.labels import display_names

MAX_RANKS_SHOWN: Final = 6
"""Ranks beyond this are drawn together as one grey segment ("6th or lower")."""


def _shown(ranks: tuple[float, ...]) -> tuple[float, ...]:
    """One offer's rank shares as drawn: the first five, then every later rank as one."""
    if len(ranks) <= MAX_RANKS_SHOWN:
        return ranks
    return (*ranks[: MAX_RANKS_SHOWN - 1], math.fsum(ranks[MAX_RANKS_SHOWN - 1 :]))


def _ordinal(rank: int) -> str:
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


class RankChart(ChartPanel):
    """For every offer, the share of the draws (weights, ratings and simulated futures varied
    together) in which it comes 1st, 2nd, ...: rank 1 is the probability of being best."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(
            "How sure",
            left_axis=FixedTicksAxis("left"),
            bottom_axis=ShareAxis("bottom"),
            parent=parent,
        )
        self.plot.showGrid(x=True, y=False, alpha=self.theme.grid_alpha)
        # One bar per offer needs little height: the score chart above keeps its legend.
        self.view.setMinimumHeight(110)
        # Every rank's segment of every offer's bar in one item, coloured per rank: one update a
        # slider step, and brushes set only when the number of ranks (or the theme) changes.
        self.stack = Bars(x0=[], y=[], width=[], height=BAR_HEIGHT)
        self.stack.setOpts(pen=pg.mkPen(self.theme.background, width=1))
        self.plot.addItem(self.stack)
        self._stack_colours: tuple[object, ...] | None = None
        self._labels = value_labels(self.plot, self.theme)
        self._offers: list[str] = []
        self._names: dict[str, str] = {}
        self._ranks: dict[str, tuple[float, ...]] = {}

    def _colour(self, theme: ChartTheme, rank: int, ranks: int) -> pg.QtGui.QColor:
        """Rank 1 in the theme's first series colour; later ranks fade towards the muted colour."""
        if rank == MAX_RANKS_SHOWN - 1 and ranks > MAX_RANKS_SHOWN:
            return pg.mkColor(theme.muted)
        colour = pg.mkColor(theme.series_color(0))
        colour.setAlphaF(max(0.18, 1.0 - rank / max(min(ranks, MAX_RANKS_SHOWN), 1)))
        return colour

    def restyle(self, theme: ChartTheme) -> None:
        self.plot.showGrid(x=True, y=False, alpha=theme.grid_alpha)
        self.stack.setOpts(pen=pg.mkPen(theme.background, width=1))
        self._stack_colours = None
        self._labels.set_colour(theme.foreground)

    def data_key(self, evaluation: Evaluation) -> tuple[object, ...] | None:
        """The segments as drawn (ranks past the sixth as one), names and subtitle: with 12
        offers a step that trades the 9th place for the 10th changes nothing to redraw."""
        decision = evaluation.decision
        if decision is None:
            return ("none", evaluation.scenario.offers)
        return (
            decision.offer_ids,
            tuple(_shown(decision.rank_acceptability[o]) for o in decision.offer_ids)
            if len(decision.rank_acceptability) >= 2
            else None,
            display_names(evaluation.scenario),
            decision.draws,
            decision.rating_noise,
            decision.path_outcomes,
        )

    def update_chart(self, evaluation: Evaluation) -> None:
        decision = evaluation.decision
        if decision is None or len(decision.rank_acceptability) < 2:
            self._clear(
                "Add a second offer to see how sure the ranking is"
                if decision is not None
                else "Add offers and criteria to see how sure the ranking is"
            )
            return
        self.set_empty_message("")
        self._names = display_names(evaluation.scenario)
        self._offers = list(decision.offer_ids)
        self._ranks = dict(decision.rank_acceptability)
        count = len(self._offers)
        # A bar per offer needs only so much height; the score chart above takes the rest.
        self.view.setMaximumHeight(max(130, 60 + 36 * count))
        shown = min(count, MAX_RANKS_SHOWN)
        ys = -np.arange(count, dtype=float)
        # offers × shown ranks; the last shown rank takes every rank after it too.
        widths = np.array([_shown(self._ranks[o]) for o in self._offers], dtype=np.float64)
        lefts = np.zeros_like(widths)  # each segment starts where the one before it ended
        lefts[:, 1:] = np.cumsum(widths, axis=1)[:, :-1]
        self._set_stack(lefts.T.reshape(-1), np.tile(ys, shown), widths.T.reshape(-1), shown, count)
        texts = []
        for offer_id, y in zip(self._offers, ys, strict=True):
            ranks = self._ranks[offer_id]
            text = f" 1st in {share_text(ranks[0])}"
            if len(ranks) == 2:
                text += f" · 2nd in {share_text(ranks[1])}"
            texts.append((1.0, float(y), text))
        self._labels.set_labels(texts)
        self.set_left_ticks(
            [(float(y), self._names[o]) for o, y in zip(self._offers, ys, strict=True)]
        )
        set_axis_ticks(self.plot.getAxis("bottom"), [(v / 100, f"{v}%") for v in (0, 50, 100)])
        label_px = label_room(self._labels.widest() + 16)
        set_view_range(
            self.plot,
            x=self.x_range_with_labels(0.0, 1.0, 0.0, label_px),
            y=(-(count - 1) - 0.7, 0.7),
        )
        varied = ["your weights"]
        if decision.rating_noise:
            varied.append("ratings")
        if decision.path_outcomes:
            varied.append("simulated futures")
        joined = varied[0] if len(varied) == 1 else ", ".join(varied[:-1]) + " and " + varied[-1]
        self.set_subtitle(
            f"Each offer's rank in {decision.draws:,} draws varying {joined}: darkest is 1st."
        )

    def _set_stack(
        self, x0: np.ndarray, y: np.ndarray, width: np.ndarray, shown: int, count: int
    ) -> None:
        """The segments, rank by rank, with new brushes only when the ranks (or theme) change."""
        colours = (shown, count, self.theme)
        if colours != self._stack_colours:
            self._stack_colours = colours
            brushes = [pg.mkBrush(self._colour(self.theme, rank, count)) for rank in range(shown)]
            self.stack._offer_eval_data = None  # the brushes must go with the new geometry
            self.stack.setOpts(brushes=[brush for brush in brushes for _ in range(count)])
        set_bars(self.stack, x0=x0, y=y, width=width)

    def _clear(self, message: str) -> None:
        set_bars(self.stack, x0=np.zeros(0), y=np.zeros(0), width=np.zeros(0))
        self._labels.set_labels([])
        self._offers = []
        self.set_left_ticks([])
        self.set_subtitle("")
        self.set_empty_message(message)

    def readout_at(self, x: float, y: float) -> str | None:
        row = round(-y)
        if not 0 <= row < len(self._offers) or abs(-y - row) > BAR_HEIGHT / 2:
            return None
        offer_id = self._offers[row]
        # Every rank from the newest evaluation: a redraw is skipped when only ranks drawn
        # together (past the sixth) changed.
        ranks = self._ranks[offer_id]
        newest = self._evaluation.decision if self._evaluation is not None else None
        if newest is not None and offer_id in newest.rank_acceptability:
            ranks = newest.rank_acceptability[offer_id]
        lines = [self._names[offer_id]]
        lines.extend(
            f"{_ordinal(rank + 1)}: {share_text(p)}" for rank, p in enumerate(ranks) if p > 0
        )
        return "\n".join(lines)

    def describe(self, evaluation: Evaluation) -> str:
        if not self._offers:
            return "No ranking yet."
        return "How sure. " + "; ".join(
            f"{self._names[o]}: best in {share_text(self._ranks[o][0])}" for o in self._offers
        )
