"""Progress and cancel for long file work (workbook import and export), free of any GUI toolkit.

The work reports `progress(fraction, what)` as it advances; a caller that may cancel passes
`cancelled()`, checked at each of those steps: when it returns True the work raises `Cancelled`
before anything is written, so a cancelled export or import leaves every file as it was. A GUI
runs the work in a worker (a process, where a library holds the interpreter's lock for long)
and shows the steps.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[float, str], None]
CancelCheck = Callable[[], bool]


class Cancelled(BaseException):
    """The user cancelled the work; nothing was written.

    A BaseException, so code that turns any `Exception` from a hostile file into a "bad input"
    message lets a cancel through.
    """


def checked(progress: Progress | None, cancelled: CancelCheck | None) -> Progress | None:
    """`progress`, also raising `Cancelled` at each step once `cancelled()` says so."""
    if cancelled is None:
        return progress

    def step(fraction: float, what: str) -> None:
        if cancelled():
            raise Cancelled
        if progress is not None:
            progress(fraction, what)

    return step


def check_cancel(cancelled: CancelCheck | None) -> None:
    """Raise `Cancelled` if the user asked for it (for work between progress steps)."""
    if cancelled is not None and cancelled():
        raise Cancelled
