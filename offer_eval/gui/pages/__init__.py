"""The window's tabs, one module each, and `Page`: all the window needs to know about a tab.

The window themes and exports a page's charts and hands it every new evaluation; anything else a
page shows (tables, forms) it keeps current itself from the controller's signals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from offer_eval.core.evaluate import Evaluation
    from offer_eval.gui.charts.base import ChartPanel


class Page(Protocol):
    """A tab's page as the window sees it."""

    @property
    def charts(self) -> tuple[ChartPanel, ...]:
        """The page's charts, for the window to theme, export and watch for the first paint."""
        ...

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """Take a new evaluation (interactive or full resolution): cheap, called on every edit."""
        ...
