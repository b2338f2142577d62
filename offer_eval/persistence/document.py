"""Scenario documents (``*.offers.json``): versioned JSON in, validated `Scenario` out, and back.

Decoding goes through msgspec into the frozen domain dataclasses, which run their own checks, so a
document that loads is a valid scenario. Every problem becomes one `DocumentError` naming the file,
the JSON path and the rule; nothing in a document is ever executed.
"""

from __future__ import annotations

import codecs
import dataclasses
import json
import os
import re
import types
import typing
from typing import Any, Final

import msgspec

from offer_eval import __version__
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.limits import COUNTED, MAX_DOCUMENT_BYTES, over_limit
from offer_eval.core.models import SCHEMA_VERSION, Scenario
from offer_eval.persistence.inputs import InputError, megabytes, read_regular_file
from offer_eval.persistence.migrations import MIGRATIONS as _MIGRATIONS
from offer_eval.persistence.migrations import Migration
from offer_eval.persistence.outputs import OutputError, write_atomically

SUFFIX: Final = ".offers.json"
__all__ = ["MAX_DOCUMENT_BYTES", "SUFFIX", "DocumentError", "dumps", "load", "loads", "save"]

# MIGRATIONS[n] turns a version-n document into a version n+1 document (see that module).
MIGRATIONS: dict[int, Migration] = dict(_MIGRATIONS)


class DocumentError(Exception):
    """A document cannot be read or written: `source` (file), `path` (JSON path) and `rule`."""

    def __init__(self, source: str, path: str, rule: str) -> None:
        super().__init__(f"{source}: {path}: {rule}")
        self.source = source
        self.path = path
        self.rule = rule

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str, str]]:
        # Survives pickling whole, so an error raised in a worker process keeps its rule.
        return (DocumentError, (self.source, self.path, self.rule))


# --- encoding ------------------------------------------------------------------------------------


def _encode_hook(value: object) -> object:
    if isinstance(value, FrozenMap):
        return dict(value)
    raise NotImplementedError(f"cannot encode {type(value).__name__}")


def to_builtins(scenario: Scenario) -> dict[str, Any]:
    """The document as plain JSON-ready values, `schema_version` first."""
    body = msgspec.to_builtins(scenario, enc_hook=_encode_hook)
    return {"schema_version": SCHEMA_VERSION, **body}


def dumps(scenario: Scenario) -> bytes:
    """The document as indented UTF-8 JSON with a final newline."""
    raw = msgspec.json.encode(to_builtins(scenario))
    return msgspec.json.format(raw, indent=2) + b"\n"


def save(
    scenario: Scenario,
    path: str | os.PathLike[str],
    *,
    inputs: typing.Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Write `scenario` to `path` atomically (the project's one writer of documents).

    A symbolic link is written through (the file it points to is replaced); a folder, a special
    file, or one of `inputs` (the files the scenario was made from) is refused.
    """
    try:
        write_atomically(path, dumps(scenario), inputs=inputs)
    except OutputError as error:
        raise DocumentError(str(path), "$", error.rule) from None
    except OSError as error:
        raise DocumentError(str(path), "$", f"cannot write: {error.strerror or error}") from error


# --- decoding ------------------------------------------------------------------------------------

_MSGSPEC_AT = re.compile(r"^(?P<message>.*?)(?: - at `(?P<path>\$[^`]*)`)?$", re.DOTALL)
_TYPE_WORDS: Final = {
    "int": "a whole number",
    "float": "a number",
    "str": "text",
    "bool": "true or false",
    "array": "a list",
    "object": "an object",
    "null": "null",
}


def _decode_hook(kind: type, value: object) -> object:
    origin = typing.get_origin(kind) or kind
    if origin is FrozenMap:
        args = typing.get_args(kind) or (str, object)
        return FrozenMap(msgspec.convert(value, dict[args[0], args[1]]))  # type: ignore[valid-type]
    raise NotImplementedError(f"cannot decode {kind}")


def _join(path: str, field: str) -> str:
    if not field:
        return path
    if path in ("", "$"):
        return field
    return f"{path}.{field}"


def _plain(message: str) -> str:
    """msgspec's wording in plain words."""
    expected = re.match(r"Expected `([^`]+)`, got `([^`]+)`", message)
    if expected:
        wanted = " or ".join(
            _TYPE_WORDS.get(part.strip(), part.strip()) for part in expected.group(1).split("|")
        )
        got = _TYPE_WORDS.get(expected.group(2), expected.group(2))
        return f"must be {wanted}, not {got}"
    if message.startswith("Invalid enum value"):
        return message.replace("Invalid enum value", "invalid value", 1)
    if message == "Number out of range":
        return "number out of range"
    return message


def _allowed_values(path: str) -> tuple[str, ...]:
    """Allowed values of the Literal-typed field at a JSON path, for a helpful message."""
    kind: Any = Scenario
    for part in re.findall(r"[A-Za-z_]\w*|\[\d+\]", path):
        kind = _unwrap(kind)
        if part.startswith("["):
            args = typing.get_args(kind)
            kind = args[0] if args else Any
        elif dataclasses.is_dataclass(kind):
            kind = typing.get_type_hints(kind).get(part, Any)
        else:
            return ()
    kind = _unwrap(kind)
    if typing.get_origin(kind) is typing.Literal:
        return tuple(str(arg) for arg in typing.get_args(kind))
    return ()


def _unwrap(kind: Any) -> Any:
    """Strip `X | None` down to X."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        if len(args) == 1:
            return args[0]
    return kind


def _translate(error: msgspec.MsgspecError, source: str) -> DocumentError:
    match = _MSGSPEC_AT.match(str(error))
    message = match.group("message") if match else str(error)
    at = (match.group("path") if match else None) or "$"
    at = at.removeprefix("$.") if at.startswith("$.") else at
    field_error = re.match(r"^(?P<field>[A-Za-z_][\w.\[\]]*): (?P<rule>.+)$", message, re.DOTALL)
    if field_error and not message.startswith(("Expected", "Object missing")):
        return DocumentError(
            source, _join(at, field_error.group("field")), field_error.group("rule")
        )
    missing = re.match(r"Object missing required field `([^`]+)`", message)
    if missing:
        return DocumentError(source, _join(at, missing.group(1)), "is required")
    rule = _plain(message)
    if rule.startswith("invalid value"):
        allowed = _allowed_values(at)
        if allowed:
            rule += f" (allowed: {', '.join(allowed)})"
    return DocumentError(source, at, rule)


def _unknown_keys(raw: object, known: object, path: str = "$") -> str | None:
    """The first key in `raw` that the decoded document does not have (typos, stray fields)."""
    if isinstance(raw, dict) and isinstance(known, dict):
        for key, value in raw.items():
            child = _join(path, str(key))
            if key not in known:
                return child
            found = _unknown_keys(value, known[key], child)
            if found:
                return found
    elif isinstance(raw, list) and isinstance(known, list | tuple):
        for index, (value, other) in enumerate(zip(raw, known, strict=False)):
            found = _unknown_keys(value, other, f"{path}[{index}]")
            if found:
                return found
    return None


def _migrate(document: dict[str, Any], source: str) -> dict[str, Any]:
    version = document.get("schema_version")
    if version is None:
        raise DocumentError(
            source, "schema_version", "is required (this is not an Offer Eval scenario file)"
        )
    if isinstance(version, bool) or not isinstance(version, int):
        raise DocumentError(source, "schema_version", "must be a whole number")
    if version > SCHEMA_VERSION:
        raise DocumentError(
            source,
            "schema_version",
            f"this file is version {version}, newer than this Offer Eval ({__version__}) reads "
            f"(up to {SCHEMA_VERSION}); please update Offer Eval",
        )
    if version < 1:
        raise DocumentError(source, "schema_version", f"unknown version {version}")
    while version < SCHEMA_VERSION:
        try:
            document = MIGRATIONS[version](dict(document))
        except InvalidValueError as error:
            raise DocumentError(source, error.field or "$", error.rule) from None
        version += 1
        document["schema_version"] = version
    return document


def loads(data: bytes | bytearray | memoryview, *, source: str = "<document>") -> Scenario:
    """Decode a document from bytes; raises only `DocumentError`."""
    try:
        return _loads(bytes(data), source)
    except DocumentError:
        raise
    except (RecursionError, MemoryError):
        raise DocumentError(
            source, "$", "the document is nested too deeply or is too large"
        ) from None
    except Exception as error:  # anything else from decoding is still a bad document, never a crash
        raise DocumentError(
            source, "$", f"cannot be read ({type(error).__name__}: {error})"
        ) from None


def _loads(data: bytes, source: str) -> Scenario:
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(source, "$", f"the file is larger than {megabytes(MAX_DOCUMENT_BYTES)}")
    data = data.removeprefix(codecs.BOM_UTF8)  # editors on Windows write one
    if not data.strip():
        raise DocumentError(source, "$", "the file is empty")
    try:
        raw = msgspec.json.decode(data)
    except msgspec.DecodeError as error:
        raise DocumentError(source, "$", _describe_syntax_error(str(error), data)) from None
    if not isinstance(raw, dict):
        raise DocumentError(source, "$", "must be a JSON object with schema_version at the top")
    duplicate = _duplicate_key(data)
    if duplicate:
        raise DocumentError(source, duplicate, "this key appears twice in the same object")
    document = _migrate(raw, source)
    body = {key: value for key, value in document.items() if key != "schema_version"}
    for key in COUNTED:
        items = body.get(key)
        problem = over_limit(key, len(items)) if isinstance(items, list) else None
        if problem:
            raise DocumentError(source, key, problem)
    try:
        scenario = msgspec.convert(body, Scenario, dec_hook=_decode_hook)
    except msgspec.ValidationError as error:
        raise _translate(error, source) from None
    except InvalidValueError as error:
        raise DocumentError(source, error.field or "$", error.rule) from None
    stray = _unknown_keys(body, msgspec.to_builtins(scenario, enc_hook=_encode_hook))
    if stray:
        raise DocumentError(source, stray, "unknown field (misspelt, or from a newer version?)")
    return scenario


class _DuplicateKeyError(Exception):
    """Raised inside the JSON decoder at the first object with a repeated key."""


class _Pairs(list[tuple[str, Any]]):
    """An object's members in file order, repeats kept (to find where a repeat is)."""


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    if len({key for key, _ in pairs}) != len(pairs):
        raise _DuplicateKeyError
    return dict(pairs)


def _duplicate_key(data: bytes) -> str | None:
    """The JSON path of the first repeated key, or None.

    JSON decoders keep the last of two equal keys, silently dropping the first: a hand-edited
    file with a pasted block would load with the wrong values. The quick pass finds whether
    there is a repeat; only then a second pass keeps every member to say where.
    """
    try:
        json.loads(data, object_pairs_hook=_no_repeats)
    except _DuplicateKeyError:
        return _find_repeat(json.loads(data, object_pairs_hook=_Pairs), "$")
    except ValueError:  # msgspec read it: anything json refuses is not a repeat
        return None
    return None


def _find_repeat(node: object, path: str) -> str | None:
    if isinstance(node, _Pairs):
        seen: set[str] = set()
        for key, _value in node:
            if key in seen:
                return _join(path, key)
            seen.add(key)
        for key, value in node:
            found = _find_repeat(value, _join(path, key))
            if found:
                return found
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found = _find_repeat(value, f"{path}[{index}]")
            if found:
                return found
    return None


def _describe_syntax_error(message: str, data: bytes) -> str:
    if "malformed" in message or "truncated" in message:
        offset = re.search(r"byte (\d+)", message)
        if offset:
            position = int(offset.group(1))
            line = data.count(b"\n", 0, position) + 1
            column = position - (data.rfind(b"\n", 0, position) + 1) + 1
            return f"not valid JSON (line {line}, column {column})"
        if "truncated" in message:
            return "not valid JSON (the file ends too early: truncated?)"
    return "not valid JSON"


def load(path: str | os.PathLike[str]) -> Scenario:
    """Read and validate a scenario file; raises only `DocumentError`."""
    source = str(path)
    try:
        data = read_regular_file(path, MAX_DOCUMENT_BYTES, what="scenario file")
    except InputError as error:
        raise DocumentError(source, "$", error.rule) from None
    return loads(data, source=source)
