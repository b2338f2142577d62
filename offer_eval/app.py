"""Builds the QApplication and the main window: `offer-eval [FILE]` and `offer-eval --self-test`.

`run(arguments)` is what the `offer-eval` command calls, once it has parsed its arguments, for
anything that is not a headless subcommand. `main(argv)` (argv without the program name) parses
argv the same way and runs it; tests and automation call it directly:

* When no QApplication exists yet, `main` creates one, opens the window and runs the event loop;
  it returns the loop's exit code when the last window closes.
* When a QApplication already exists (pytest-qt, an embedding program), `main` opens and shows the
  window and returns 0 at once without running a loop; the window stays open (kept alive by this
  module) until it is closed, and `open_windows()` returns it. Dialogs the window shows at start-up
  (a bad FILE, a crash-recovery offer) go through `offer_eval.gui.dialogs`, which tests replace.
* A FILE that cannot be opened gives a dialog naming the file and the reason; the window opens on
  the built-in demo instead, so the user is never left without a window.
* `--self-test` opens the demo window without a screen (offscreen when there is no display),
  renders every chart to an image, prints one JSON line and returns 0 when every chart drew data
  and fonts were found, else 1.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from offer_eval.arguments import AppArguments, UsageError, parse_app_arguments

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from offer_eval.core.evaluate import Evaluation
    from offer_eval.gui.main_window import MainWindow

_open_windows: list[MainWindow] = []  # main() may return before its window closes (see above)


def open_windows() -> tuple[MainWindow, ...]:
    """Windows opened by `main` that are still open."""
    return tuple(_open_windows)


def _application() -> tuple[QApplication, bool]:
    """The running QApplication, or a new one; True when this call created it."""
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing, False
    _quiet_offscreen_notice()
    application = QApplication(["offer-eval"])
    application.setApplicationName("offer-eval")
    application.setOrganizationName("offer-eval")
    application.setDesktopFileName("offer-eval")
    from offer_eval import __version__

    application.setApplicationVersion(__version__)
    application.setWindowIcon(_icon())
    return application, True


OFFSCREEN_NOTICE = "This plugin does not support propagateSizeHints()"


def _quiet_offscreen_notice() -> None:
    """Drop the one message Qt's offscreen platform prints whenever a window is shown.

    It says nothing about the app; every other message goes to stderr as Qt would print it.
    """
    from PySide6.QtCore import QtMsgType, qFormatLogMessage, qInstallMessageHandler

    def handler(kind: QtMsgType, context: Any, message: str) -> None:
        if message != OFFSCREEN_NOTICE:
            sys.stderr.write(qFormatLogMessage(kind, context, message) + "\n")

    qInstallMessageHandler(handler)


def _icon() -> QIcon:
    """The app's icon from resources/icons (files are read only when an icon is drawn)."""
    from PySide6.QtGui import QIcon

    from offer_eval.core.build_info import icon_files

    icon = QIcon()
    for path in icon_files():
        if path.is_file():
            icon.addFile(str(path))
    return icon


def _install_excepthook() -> None:
    """An unexpected error in an event handler becomes a dialog and a log entry, never a crash."""

    def hook(kind: type[BaseException], error: BaseException, trace: Any) -> None:
        from offer_eval.crash_log import log_internal_error
        from offer_eval.gui import dialogs

        where = log_internal_error(error)
        details = "".join(traceback.format_exception(kind, error, trace))
        sys.stderr.write(details)
        with contextlib.suppress(Exception):  # if even the dialog fails, stderr has the details
            dialogs.show_error(
                None,
                "Something went wrong",
                f"Offer Eval hit an unexpected problem ({type(error).__name__}: {error}). "
                f"Your work is autosaved. Details are in {where}.",
                details,
            )

    sys.excepthook = hook


def _pause_collector() -> Callable[[], None]:
    """Pause Python's cyclic garbage collector; returns the call that resumes it.

    Opening a window makes objects that live as long as it does (modules, classes, widgets,
    pyqtgraph's Qt enums): the collector walked them over and over before the first paint and
    found next to no garbage (90 ms of collections in a start-up of 1.4 s, measured). Resuming
    first puts every object alive then out of its reach for good (`gc.freeze`, as the first
    background job does too), so no full collection walks them all just after the first paint.
    """
    if not gc.isenabled():
        return lambda: None  # paused already (a drag, a caller): leave it to whoever paused it
    gc.disable()
    resumed = [False]

    def resume() -> None:
        if not resumed[0]:
            resumed[0] = True
            gc.freeze()
            gc.enable()

    return resume


def open_window(path: Path | None, *, check_recovery: bool = True) -> MainWindow:
    """Open FILE (or the demo) in a new window and show it; a bad FILE falls back to the demo.

    The garbage collector pauses until the window has first painted (see `_pause_collector`).
    """
    resume_collector = _pause_collector()
    try:
        window = _open_window(path, check_recovery=check_recovery)
    except BaseException:
        resume_collector()
        raise
    window.first_painted.connect(resume_collector)
    window.destroyed.connect(lambda *_: resume_collector())  # closed before it ever painted
    return window


def _open_window(path: Path | None, *, check_recovery: bool) -> MainWindow:
    from PySide6.QtCore import Qt, QTimer

    from offer_eval.gui import dialogs
    from offer_eval.gui.autosave import AutosaveStore
    from offer_eval.gui.controller import DocumentController
    from offer_eval.gui.main_window import MainWindow
    from offer_eval.gui.settings import Preferences, WindowState
    from offer_eval.persistence.document import DocumentError, load
    from offer_eval.persistence.examples import demo_scenario

    problem: DocumentError | None = None
    scenario = None
    if path is not None:
        try:
            scenario = load(path)
        except DocumentError as error:
            problem = error
    opened = scenario is not None
    if scenario is None:
        scenario = demo_scenario()
    preferences = Preferences()
    controller = DocumentController(
        scenario,
        file_path=path if opened else None,
        autosave=AutosaveStore(),
        autosave_seconds=preferences.autosave_seconds,
    )
    # Money is all the first paint needs; the window asks for the rest once it has painted.
    controller.evaluate_now(refine=False, money_only=True)
    window = MainWindow(
        controller,
        preferences=preferences,
        window_state=WindowState(),
        check_recovery=check_recovery and problem is None,
    )
    if opened and path is not None:
        window.window_state.add_recent_file(path)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open_windows.append(window)
    window.destroyed.connect(lambda *_: _forget(window))
    window.show()
    if problem is not None:
        message = (
            f"{Path(problem.source).name} could not be opened, so the built-in example is shown "
            f"instead.\n\n{problem.path}: {problem.rule}"
        )
        QTimer.singleShot(0, lambda: dialogs.show_error(window, "Cannot open the file", message))
    return window


def _forget(window: MainWindow) -> None:
    if window in _open_windows:
        _open_windows.remove(window)


def main(argv: Sequence[str] | None = None) -> int:
    """Open the app as `offer-eval [FILE] [--self-test]` would (argv without the program name).

    See the module docstring for what happens with an existing QApplication. Bad arguments give
    one line on stderr and 2, as on the command line.
    """
    try:
        arguments = parse_app_arguments(list(sys.argv[1:] if argv is None else argv))
    except UsageError as error:
        sys.stderr.write(f"{error}\n")
        return 2
    except SystemExit as exit_request:  # --help printed the usage
        return exit_request.code if isinstance(exit_request.code, int) else 0
    return run(arguments)


def run(arguments: AppArguments) -> int:
    """Do what the parsed arguments ask: the self-test, or the window on FILE or the demo."""
    if arguments.self_test:
        return run_self_test()
    application, created = _application()
    if created:
        _install_excepthook()
    open_window(arguments.file)
    if created:
        return application.exec()
    return 0


# --- self-test -----------------------------------------------------------------------------------


def _force_offscreen_without_display() -> None:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _real_font_loads() -> bool:
    """True when the default font has real glyphs: Qt can list families with no font file at all."""
    from PySide6.QtGui import QFont, QRawFont

    raw = QRawFont.fromFont(QFont())
    return raw.isValid() and all(glyph != 0 for glyph in raw.glyphIndexesForString("£0Aa"))


def run_self_test() -> int:
    """Open the demo without a screen, draw every chart, print one JSON line; 0 when all drew."""
    started = time.perf_counter()
    _force_offscreen_without_display()
    import tempfile

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QFontDatabase

    from offer_eval.gui.controller import DocumentController
    from offer_eval.gui.main_window import MainWindow
    from offer_eval.gui.self_test import render_charts
    from offer_eval.gui.settings import Preferences, WindowState
    from offer_eval.persistence.examples import demo_scenario

    application, created = _application()
    with tempfile.TemporaryDirectory(prefix="offer-eval-self-test-") as folder:
        store = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        controller = DocumentController(demo_scenario())
        controller.evaluate_now()
        window = MainWindow(
            controller,
            preferences=Preferences(store),
            window_state=WindowState(store),
            check_recovery=False,
        )
        window.resize(1400, 900)
        window.show()
        ok_full = controller.wait_for_full()
        charts, problems = render_charts(window)
        if not ok_full:
            problems.append("the full-resolution evaluation did not finish in time")
        fonts = len(QFontDatabase.families())
        if fonts == 0 or not _real_font_loads():
            problems.append("no usable font: text would draw as boxes (install fonts-dejavu-core)")
        if application.windowIcon().isNull():
            problems.append("the application icon did not load")
        window.close()
        controller.shutdown()
        window.deleteLater()
    result: dict[str, object] = {
        "self_test": "fail" if problems else "ok",
        "charts": charts,
        "fonts": fonts,
        "platform": application.platformName(),
        "seconds": round(time.perf_counter() - started, 3),
    }
    if problems:
        result["problems"] = problems
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    if created:
        application.processEvents()
    return 1 if problems else 0


# --- the PDF summary -------------------------------------------------------------------------------


def write_summary_pdf(evaluation: Evaluation, path: Path) -> None:
    """Draw the A4 summary of `evaluation` into `path` (the command line's `report --pdf`).

    The charts are the window's own widgets, so this needs a QApplication: the running one, or a
    new one on the offscreen platform (unless QT_QPA_PLATFORM says otherwise). Nothing is shown,
    so a report never needs a display, and a DISPLAY that is set but unreachable (ssh without X
    forwarding) cannot abort it.
    """
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _application()
    from offer_eval.gui.summary_pdf import write_summary_pdf as draw

    searches = None
    if evaluation.resolution == "full":
        # Paper is read after the fact: the answers the window works out in the background (tie
        # salaries, the lowest salary worth taking) are printed, memoised with the report's.
        from offer_eval.core.evaluate import evaluate_searches, with_tie_salaries

        evaluation = with_tie_salaries(evaluation)
        searches = evaluate_searches(evaluation.scenario)
    draw(evaluation, path, searches=searches)
