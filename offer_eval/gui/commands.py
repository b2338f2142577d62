"""Undo commands: each user intent is one `ScenarioEditCommand` holding the scenario before and after."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from offer_eval.core.models import Scenario

MERGE_ID = 0x0FE1  # every mergeable edit shares one id; mergeWith checks the key and the drag


class ScenarioEditCommand(QUndoCommand):
    """Replace the scenario by `after`; undo puts `before` back.

    Commands with the same `merge_key` and `drag` token merge, so one slider drag (or one burst of
    typing into the same field) is one undo step. A merge that returns to the starting scenario
    makes the command obsolete, and the stack drops it.
    """

    def __init__(
        self,
        apply: Callable[[Scenario], None],
        before: Scenario,
        after: Scenario,
        text: str,
        *,
        merge_key: str | None = None,
        drag: int | None = None,
    ) -> None:
        super().__init__(text)
        self._apply = apply
        self.before = before
        self.after = after
        self.merge_key = merge_key
        self.drag = drag

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)

    def id(self) -> int:
        return MERGE_ID if self.merge_key is not None and self.drag is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not isinstance(other, ScenarioEditCommand):
            return False
        if other.merge_key != self.merge_key or other.drag != self.drag or self.drag is None:
            return False
        self.after = other.after
        self.setObsolete(self.after == self.before)
        other.release()
        return True

    def release(self) -> None:
        """Let go of the scenarios: Qt deletes a command merged into another, but PySide6 keeps
        its Python side (a child of the stack, as pushed) until the stack goes; without this,
        every step of every drag kept the scenario it made for as long as the document is open.
        """
        del self._apply, self.before, self.after
