"""Autosave and crash recovery, so a crash loses little work: unsaved work is kept in a folder only
the user can read.

Each running window owns one autosave file and holds a lock file beside it while it runs. At start-up
an autosave whose lock nobody holds was left behind by a session that ended without closing (a
crash, a power cut) and is offered back. Files go through `persistence.document.save`, the
project's one atomic writer, so an autosave is never half-written; new files are mode 0600.
"""

from __future__ import annotations

import contextlib
import json
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from PySide6.QtCore import QLockFile

from offer_eval.core.models import Scenario
from offer_eval.persistence.atomic import atomic_write
from offer_eval.persistence.document import SUFFIX, DocumentError, load, save

FOLDER_MODE: Final = 0o700


def default_folder() -> Path:
    """`autosave/` in the user's state folder (XDG_STATE_HOME on Linux)."""
    from platformdirs import user_state_dir

    return Path(user_state_dir("offer-eval", appauthor=False)) / "autosave"


@dataclass(frozen=True, slots=True)
class Leftover:
    """An autosave from a session that did not close: what it was and when it was written."""

    path: Path
    original: Path | None
    saved_at: float
    name: str

    @property
    def meta_path(self) -> Path:
        return _meta_path(self.path)

    @property
    def lock_path(self) -> Path:
        return _lock_path(self.path)


def _meta_path(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(SUFFIX) + ".meta.json")


def _lock_path(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(SUFFIX) + ".lock")


class AutosaveStore:
    """This session's autosave file, and the leftovers of earlier sessions."""

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        self._name = f"session-{uuid.uuid4().hex[:12]}{SUFFIX}"
        self._lock: QLockFile | None = None

    @property
    def folder(self) -> Path:
        """Where autosaves live (looked up when first needed, to keep start-up lean)."""
        if self._folder is None:
            self._folder = default_folder()
        return self._folder

    @property
    def path(self) -> Path:
        """This session's autosave file."""
        return self.folder / self._name

    def _ensure_folder(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
        with contextlib.suppress(OSError):
            self.folder.chmod(FOLDER_MODE)

    def write(self, scenario: Scenario, original: Path | None) -> None:
        """Write the unsaved scenario; raises DocumentError if the folder cannot be written."""
        try:
            self._ensure_folder()
        except OSError as error:
            raise DocumentError(str(self.folder), "$", f"cannot create: {error}") from error
        if self._lock is None:
            lock = QLockFile(str(_lock_path(self.path)))
            lock.setStaleLockTime(0)
            if lock.tryLock(0):
                self._lock = lock
        save(scenario, self.path)
        meta = {"original": str(original) if original else None, "saved_at": time.time()}
        try:
            atomic_write(_meta_path(self.path), json.dumps(meta).encode())
        except OSError as error:
            raise DocumentError(
                str(_meta_path(self.path)), "$", f"cannot write: {error}"
            ) from error

    def remove(self) -> None:
        """Forget this session's autosave (after a save, or on a clean close)."""
        for path in (self.path, _meta_path(self.path)):
            with contextlib.suppress(OSError):
                path.unlink()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def leftovers(self) -> list[Leftover]:
        """Autosaves of sessions that ended without closing, newest first."""
        if not self.folder.is_dir():
            return []
        found: list[Leftover] = []
        for path in self.folder.glob(f"session-*{SUFFIX}"):
            if path == self.path or self._is_live(path):
                continue
            original: Path | None = None
            saved_at = path.stat().st_mtime
            with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
                meta = json.loads(_meta_path(path).read_text(encoding="utf-8"))
                original = Path(meta["original"]) if meta.get("original") else None
                saved_at = float(meta.get("saved_at", saved_at))
            try:
                name = load(path).name
            except DocumentError:
                name = "(unreadable)"
            found.append(Leftover(path, original, saved_at, name))
        return sorted(found, key=lambda item: item.saved_at, reverse=True)

    @staticmethod
    def _is_live(path: Path) -> bool:
        """True while the session that wrote `path` still runs (it holds the lock)."""
        lock_path = _lock_path(path)
        if not lock_path.exists():
            return False
        probe = QLockFile(str(lock_path))
        probe.setStaleLockTime(0)
        if probe.tryLock(0):
            probe.unlock()
            return False
        return True

    @staticmethod
    def discard(leftover: Leftover) -> None:
        """Delete a leftover autosave for good."""
        for path in (leftover.path, leftover.meta_path, leftover.lock_path):
            with contextlib.suppress(OSError):
                path.unlink()

    def close(self) -> None:
        """End of the session: remove this session's files."""
        self.remove()
        with contextlib.suppress(OSError):
            self.folder.rmdir()  # only when empty: other sessions' files stay
