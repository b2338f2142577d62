"""The project's one atomic writer: a failed or interrupted write leaves the old file intact.

A single output is a transaction of one (see `outputs`): written beside its target, fsynced,
then moved into place; symbolic links are written through, folders and special files refused.
"""

from __future__ import annotations

import os

from offer_eval.persistence.outputs import PRIVATE_MODE, write_atomically

__all__ = ["PRIVATE_MODE", "atomic_write"]


def atomic_write(path: str | os.PathLike[str], data: bytes, *, mode: int | None = None) -> None:
    """Write `data` to `path` through a temporary file in the same folder, fsync, then replace.

    The new file keeps the mode of the file it replaces; a new file is readable only by its owner
    (pay data is private) unless `mode` says otherwise. Raises `OSError` (an `OutputError` for a
    path that must not be written).
    """
    write_atomically(path, data, mode=mode)
