"""The crash log: where tracebacks of unexpected errors go, so the user sees one plain message.

Qt-free and free of the domain, so the command line, the window's error hook and the window's
background workers all append to the same file in the same format.
"""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path

from offer_eval import __version__


def log_path() -> Path:
    """The log file in the user's log folder (created on first write)."""
    from platformdirs import user_log_dir

    return Path(user_log_dir("offer-eval", appauthor=False)) / "offer-eval.log"


def log_internal_error(error: BaseException) -> str:
    """Append the traceback to the log; return where it went (or why it could not be written)."""
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(
                f"--- {dt.datetime.now().isoformat(timespec='seconds')} offer-eval {__version__}\n"
            )
            log.write("".join(traceback.format_exception(error)))
        return str(path)
    except OSError as log_error:
        return f"(log not written: {log_error})"
