"""Checks on an .xlsx archive before any XML in it is parsed: size, zip bombs, XML entities.

An .xlsx is a zip of XML parts. The checks decompress every part with a running limit (the sizes
a zip declares can lie), refuse encrypted or oversized parts, and refuse any part that declares
a DOCTYPE (entity expansion and external entities need one; real workbooks never have one).

They also refuse a run of text longer than a cell can hold (32,767 characters, Excel's own
limit): the XML parser's time grows with the square of one token's length, so a 45 kB file with
one long comment took seconds and a 19 MB part half a minute. Streaming, the check costs one
pass over the bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Final

from offer_eval.persistence.progress import CancelCheck, check_cancel

MAX_WORKBOOK_BYTES: Final = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES: Final = 200 * 1024 * 1024
MAX_PART_BYTES: Final = 32 * 1024 * 1024
MAX_TEXT_CHARACTERS: Final = 32_767
# A run of bytes between XML delimiters at least this long might hold too many characters; only
# such runs are decoded and counted. Bytes never undercount characters, so nothing slips by.
_LONG_RUN: Final = re.compile(rb"(?<![^<>])[^<>]{%d,}" % (MAX_TEXT_CHARACTERS + 1))
_REFERENCE: Final = re.compile(r"&[#\w]{1,10};")
MAX_PARTS: Final = 2_000
_READ: Final = 1024 * 1024
_DOCTYPE: Final = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_REQUIRED: Final = ("[Content_Types].xml", "xl/workbook.xml")


class ArchiveError(Exception):
    """The file is not a workbook that is safe to open; the message says why, in plain words."""


def check_archive(data: bytes, *, cancelled: CancelCheck | None = None) -> None:
    """Raise `ArchiveError` unless `data` is a sane, bounded .xlsx archive.

    `cancelled()` is asked between chunks; when it says so, `Cancelled` is raised.
    """
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
                raise ArchiveError(_too_large(info))
            total += _check_part(archive, info, MAX_UNCOMPRESSED_BYTES - total, cancelled)


def _too_large(info: zipfile.ZipInfo) -> str:
    return (
        f"part {info.filename} is larger than {MAX_PART_BYTES // (1024 * 1024)} MB "
        "uncompressed (too large to open safely)"
    )


def _characters(run: bytes) -> int:
    """Characters in a run of XML text: UTF-8 decoded, each entity or reference one character."""
    return len(_REFERENCE.sub("x", run.decode("utf-8", errors="ignore")))


def _check_text(info: zipfile.ZipInfo, complete: bytes) -> None:
    for match in _LONG_RUN.finditer(complete):
        if _characters(match.group()) > MAX_TEXT_CHARACTERS:
            raise ArchiveError(
                f"part {info.filename} holds a text over {MAX_TEXT_CHARACTERS:,} characters "
                "(more than a cell can hold; refused)"
            )


def _check_part(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, cancelled: CancelCheck | None
) -> int:
    """Decompress one part with a running limit; returns its real size."""
    size = 0
    tail = b""
    carry = b""  # an unfinished run of text at the end of the last chunk
    is_xml = info.filename.endswith((".xml", ".rels", ".vml"))
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_READ):
                check_cancel(cancelled)
                size += len(chunk)
                if size > MAX_PART_BYTES:
                    raise ArchiveError(_too_large(info))
                if size > budget:
                    raise ArchiveError(
                        "the workbook expands to more than "
                        f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB (a zip bomb?)"
                    )
                if not is_xml:
                    continue
                if _DOCTYPE.search(tail + chunk):
                    raise ArchiveError(f"part {info.filename} declares a DOCTYPE (refused)")
                tail = chunk[-16:]
                text = carry + chunk
                cut = max(text.rfind(b"<"), text.rfind(b">")) + 1
                _check_text(info, text[:cut])
                carry = text[cut:]
                if len(carry) > MAX_TEXT_CHARACTERS:
                    _check_text(info, carry)  # already too long, though not finished
            if carry:
                _check_text(info, carry)
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
