"""Charts redrawn together paint together: one window repaint for a slider step, not one a chart.

Each chart is a graphics view with a scene of its own. A scene gathers its items' changes and
works them out later, in a queued call; at the end of that call Qt dispatches the window's
pending update request on the spot, so the window repaints (and syncs its backing store) then
and there. With three charts redrawn by one step, the first scene's call repaints the window
before the second scene has said what changed: three repaints of the window for one step.

Here the first chart that redraws queues one call ahead of its scene's own; that call works
out the changes of every scene redrawn meanwhile, holding back the window's update request
while it does, and then sends that request once: one repaint shows every redrawn chart.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QGraphicsView, QWidget
from shiboken6 import isValid


class _HoldUpdateRequests(QObject):
    """An event filter on a window that swallows its update requests, noting that it did."""

    def __init__(self) -> None:
        super().__init__()
        self.held: set[QWidget] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.UpdateRequest and isinstance(watched, QWidget):
            self.held.add(watched)
            return True
        return False


class ScenePainter(QObject):
    """Works out the changes of every scene redrawn in one turn of the event loop at once."""

    _flush_wanted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._views: list[QGraphicsView] = []
        self._hold = _HoldUpdateRequests()
        # Queued: the call is posted now, ahead of the scene's own call that the redraw posts.
        self._flush_wanted.connect(self.flush, Qt.ConnectionType.QueuedConnection)

    def redrawing(self, view: QGraphicsView) -> None:
        """A chart is about to redraw into `view`: its scene's changes wait for `flush`."""
        if not self._views:
            self._flush_wanted.emit()
        if view not in self._views:
            self._views.append(view)

    @Slot()
    def flush(self) -> None:
        """Work out the changes of the scenes redrawn so far; the window repaints them once."""
        # A chart closed since it redrew (its window gone) has nothing left to paint.
        views = [view for view in self._views if isValid(view)]
        self._views = []
        windows = {view.window() for view in views}
        for window in windows:
            window.installEventFilter(self._hold)
        try:
            for view in views:
                scene = view.scene()
                if scene is not None:
                    QCoreApplication.sendPostedEvents(scene, QEvent.Type.MetaCall)
        finally:
            for window in windows:
                window.removeEventFilter(self._hold)
        held, self._hold.held = self._hold.held, set()
        for window in held:
            # Now, as each scene's call would have done: posted instead, the repaint waited for
            # the next turn of the event loop, after whatever else was queued by then.
            QCoreApplication.sendEvent(window, QEvent(QEvent.Type.UpdateRequest))


_painter: ScenePainter | None = None


def scene_painter() -> ScenePainter:
    """The one painter of this (GUI) thread, made when a chart first redraws."""
    global _painter  # noqa: PLW0603  (one per application, made once a QApplication exists)
    if _painter is None:
        _painter = ScenePainter()
    return _painter
