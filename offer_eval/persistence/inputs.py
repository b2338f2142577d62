"""Reading a user's file safely: regular files only, and never more than a stated size.

`stat` before reading is not enough: /dev/zero claims a size of 0 and never ends, a FIFO blocks
the reader until someone writes to it, and a file can grow between the check and the read. So
the file is opened without blocking, checked on the open descriptor (`fstat`), and read up to
one byte past the limit; the size is judged on the bytes actually read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Final

_CHUNK: Final = 1024 * 1024


class InputError(Exception):
    """A file cannot be read as an input; `rule` says why in plain words."""

    def __init__(self, path: str, rule: str) -> None:
        super().__init__(f"{path}: {rule}")
        self.path = path
        self.rule = rule


def megabytes(limit: int) -> str:
    """A byte limit in the words of the messages ("20 MB")."""
    return f"{limit // (1024 * 1024)} MB"


def read_regular_file(path: str | os.PathLike[str], limit: int, *, what: str = "file") -> bytes:
    """The bytes of the regular file at `path`; `InputError` if it is anything else or too big.

    `what` names the expected kind of file in the message for a folder ("a scenario file").
    """
    given = os.fspath(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(given, flags)
    except FileNotFoundError:
        raise InputError(given, "no such file") from None
    except IsADirectoryError:
        raise InputError(given, f"is a folder, not a {what}") from None
    except PermissionError:
        if Path(given).is_dir():  # Windows refuses to open a folder with "permission denied"
            raise InputError(given, f"is a folder, not a {what}") from None
        raise InputError(given, "permission denied") from None
    except OSError as error:
        raise InputError(given, f"cannot read: {error.strerror or error}") from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(given, f"is a folder, not a {what}")
        if not stat.S_ISREG(mode):
            raise InputError(
                given, "is not a regular file (a pipe, device or socket); refusing to read it"
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)  # a regular file: ordinary reads from here on
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(descriptor, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise InputError(given, f"the file is larger than {megabytes(limit)}")
        return b"".join(chunks)
    except InputError:
        raise
    except OSError as error:
        raise InputError(given, f"cannot read: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
