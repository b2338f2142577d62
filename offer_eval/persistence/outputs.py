"""Output files as one transaction: all of a command's outputs appear together, or none does.

Every output is first written to a temporary file in the folder of the file it will replace,
flushed and fsynced; only when every output is ready are they moved into place. A failure (or a
cancel) before that removes the temporaries, so the user's files are never half-written and a
failed command leaves nothing behind.

An output path is checked before anything is written: it must not be, or resolve to, one of the
command's inputs (through symbolic or hard links), and it must be a regular file or not exist
yet (writing "to" a folder, a FIFO or a device would replace it with a regular file). Writing
through a symbolic link writes the file the link points to, so the link survives and the real
file is the one brought up to date.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Final

PRIVATE_MODE: Final = 0o600
# A temporary left by a save that was killed is removed once it is this old (seconds): long
# enough that a save still running in another process is never touched.
STALE_AFTER: Final = 300.0
# The app's own temporaries: ".<name>.<8 random characters>.tmp" beside an output the app
# writes (mkstemp's pattern with our prefix and suffix). Nothing else is ever removed.
_OUR_TEMPORARY: Final = re.compile(
    r"^\.(?P<name>.+\.(?:json|xlsx|csv|pdf))\.[a-z0-9_]{8}\.tmp$", re.IGNORECASE
)


class OutputError(OSError):
    """An output cannot be written: `path` as the user gave it and the `rule`, in plain words.

    An `OSError`, so code that already guards a write against the system's errors is safe.
    """

    def __init__(self, path: str, rule: str) -> None:
        super().__init__(rule)
        self.strerror = rule
        self.path = path
        self.rule = rule

    def __str__(self) -> str:
        return f"{self.path}: $: {self.rule}"


def _same_file(first: os.stat_result, second: os.stat_result) -> bool:
    return (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)


def resolve_output(
    path: str | os.PathLike[str], *, inputs: Iterable[str | os.PathLike[str]] = ()
) -> Path:
    """The file a write to `path` really replaces; `OutputError` if it must not be written.

    Symbolic links are followed to their target (the file the user means). A folder, FIFO,
    device or socket is refused, and so is any path that is one of `inputs` (compared by
    device and inode, so a symbolic or hard link to an input is caught as well).
    """
    given = os.fspath(path)
    if not given:
        raise OutputError(given, "no file name given")
    target = Path(os.path.realpath(given))
    try:
        status: os.stat_result | None = target.stat()
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise OutputError(given, f"cannot write: {error.strerror or error}") from None
    if status is not None:
        if stat.S_ISDIR(status.st_mode):
            raise OutputError(given, "is a folder; give a file name")
        if not stat.S_ISREG(status.st_mode):
            raise OutputError(
                given, "is not a regular file (a pipe, device or socket); give a file name"
            )
        for source in inputs:
            try:
                same = _same_file(status, Path(source).stat())
            except OSError:
                continue  # an input that cannot be found cannot be overwritten
            if same:
                raise OutputError(
                    given, f"is the input file {os.fspath(source)}; give another file name"
                )
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(given, f"the folder {folder} does not exist")
    return target


@dataclass
class _Staged:
    given: str
    target: Path
    temporary: Path
    mode: int


class OutputTransaction:
    """A set of output files that replace their targets together when the work succeeded.

    Use as a context manager: the outputs are moved into place when the block ends normally, and
    their temporaries removed when it raises (a cancel included)::

        with OutputTransaction(inputs=[scenario_path]) as outputs:
            outputs.check(csv_path)               # refuse bad paths before any work
            outputs.write(csv_path, csv_bytes)
            pdf_temporary = outputs.temporary(pdf_path)   # for writers that want a path
            printer.write_to(pdf_temporary)
    """

    def __init__(self, *, inputs: Iterable[str | os.PathLike[str]] = ()) -> None:
        self._inputs = [os.fspath(source) for source in inputs]
        self._staged: list[_Staged] = []
        self._targets: dict[Path, str] = {}

    def check(self, path: str | os.PathLike[str]) -> Path:
        """Refuse `path` now, before the work is done, if it cannot be an output.

        Each output is checked once: a second path that lands on the same file (the same name
        given twice, or a link to it) is refused, since one of the two would be lost.
        """
        target = resolve_output(path, inputs=self._inputs)
        earlier = self._targets.get(target)
        if earlier is not None:
            raise OutputError(os.fspath(path), f"is the same file as the output {earlier}")
        self._targets[target] = os.fspath(path)
        return target

    def temporary(self, path: str | os.PathLike[str], *, mode: int | None = None) -> Path:
        """A new empty temporary file that will replace `path` at commit; the caller fills it.

        The new file keeps the mode of the file it replaces; a new file is readable only by its
        owner (pay data is private) unless `mode` says otherwise.
        """
        given = os.fspath(path)
        target = resolve_output(path, inputs=self._inputs)  # again: the disk may have changed
        if any(staged.target == target for staged in self._staged):
            raise OutputError(given, f"is the same file as the output {self._targets[target]}")
        self._targets.setdefault(target, given)
        if mode is None:
            try:
                mode = stat.S_IMODE(target.stat().st_mode)
            except OSError:
                mode = PRIVATE_MODE
        try:
            handle, name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
            )
        except OSError as error:
            raise OutputError(given, f"cannot write: {error.strerror or error}") from None
        os.close(handle)
        self._staged.append(_Staged(given, target, Path(name), mode))
        return Path(name)

    def write(self, path: str | os.PathLike[str], data: bytes, *, mode: int | None = None) -> None:
        """Stage `data` as the new content of `path`."""
        temporary = self.temporary(path, mode=mode)
        try:
            with temporary.open("wb") as stream:
                stream.write(data)
        except OSError as error:
            raise OutputError(os.fspath(path), f"cannot write: {error.strerror or error}") from None

    def commit(self) -> None:
        """Make every staged file durable, then move them all into place.

        Everything that can fail for ordinary reasons (space, permissions, a bad path) fails
        before the first file is moved; the moves themselves are renames within a folder.
        """
        for staged in self._staged:
            try:
                _fsync_file(staged.temporary)
                staged.temporary.chmod(staged.mode)
            except OSError as error:
                self.discard()
                raise OutputError(
                    staged.given, f"cannot write: {error.strerror or error}"
                ) from None
        folders: set[Path] = set()
        while self._staged:
            staged = self._staged[0]
            try:
                staged.temporary.replace(staged.target)
            except OSError as error:
                self.discard()
                raise OutputError(
                    staged.given, f"cannot write: {error.strerror or error}"
                ) from None
            self._staged.pop(0)
            folders.add(staged.target.parent)
        for folder in folders:
            _fsync_folder(folder)
            remove_stale_temporaries(folder)

    def discard(self) -> None:
        """Remove every temporary not yet moved into place."""
        for staged in self._staged:
            with contextlib.suppress(OSError):
                staged.temporary.unlink()
        self._staged.clear()

    def __enter__(self) -> OutputTransaction:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def write_atomically(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
    mode: int | None = None,
) -> None:
    """One output as a transaction of its own: `path` is replaced whole, or not at all."""
    with OutputTransaction(inputs=inputs) as outputs:
        outputs.write(path, data, mode=mode)


def remove_stale_temporaries(folder: str | os.PathLike[str], *, now: float | None = None) -> int:
    """Remove the app's own temporaries in `folder` left by a killed save; returns how many.

    Only regular files named like the app's temporaries, owned by this user where the platform
    says so, and older than `STALE_AFTER` seconds are removed; errors are ignored (this is
    tidying, never a reason for a save to fail).
    """
    removed = 0
    now = time.time() if now is None else now
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries:
        if not _OUR_TEMPORARY.match(entry.name):
            continue
        try:
            status = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(status.st_mode) or now - status.st_mtime < STALE_AFTER:
                continue
            if uid is not None and status.st_uid != uid:
                continue
            Path(entry.path).unlink()
            removed += 1
        except OSError:
            continue
    return removed


def _fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
