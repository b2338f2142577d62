"""Checks on an .xlsx archive before any XML in it is parsed: size, zip bombs, XML entities.

An .xlsx is a zip of XML parts. The checks decompress every part with a running limit (the sizes
a zip declares can lie), refuse encrypted or oversized parts, and refuse any part that declares
a DOCTYPE (entity expansion and external entities need one; real workbooks never have one).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Final

MAX_WORKBOOK_BYTES: Final = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES: Final = 200 * 1024 * 1024
MAX_PART_BYTES: Final = 100 * 1024 * 1024
MAX_PARTS: Final = 2_000
_READ: Final = 1024 * 1024
_DOCTYPE: Final = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_REQUIRED: Final = ("[Content_Types].xml", "xl/workbook.xml")


class ArchiveError(Exception):
    """The file is not a workbook that is safe to open; the message says why, in plain words."""


def check_archive(data: bytes) -> None:
    """Raise `ArchiveError` unless `data` is a sane, bounded .xlsx archive."""
    if len(data) > MAX_WORKBOOK_BYTES:
        raise ArchiveError(f"the file is larger than {MAX_WORKBOOK_BYTES // (1024 * 1024)} MB")
    if not data.startswith(b"PK"):
        raise ArchiveError("not an Excel workbook (.xlsx); is it an old .xls, a CSV or JSON?")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ArchiveError(f"not a readable .xlsx file ({error})") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_PARTS:
            raise ArchiveError(f"the workbook has more than {MAX_PARTS:,} parts")
        names = {info.filename for info in infos}
        for required in _REQUIRED:
            if required not in names:
                raise ArchiveError(f"not an Excel workbook (no {required} inside)")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise ArchiveError("the workbook is encrypted or password-protected")
            if info.file_size > MAX_PART_BYTES:
                raise ArchiveError(f"part {info.filename} is too large to open safely")
            total += _check_part(archive, info, MAX_UNCOMPRESSED_BYTES - total)


def _check_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> int:
    """Decompress one part with a running limit; returns its real size."""
    size = 0
    tail = b""
    is_xml = info.filename.endswith((".xml", ".rels", ".vml"))
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_READ):
                size += len(chunk)
                if size > min(budget, MAX_PART_BYTES):
                    raise ArchiveError(
                        "the workbook expands to more than "
                        f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB (a zip bomb?)"
                    )
                if is_xml and _DOCTYPE.search(tail + chunk):
                    raise ArchiveError(f"part {info.filename} declares a DOCTYPE (refused)")
                tail = chunk[-16:]
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
    ) as error:
        raise ArchiveError(f"part {info.filename} is damaged ({error})") from None
    except NotImplementedError:
        raise ArchiveError(f"part {info.filename} uses an unsupported compression") from None
    return size
