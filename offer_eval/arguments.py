"""The app's own command line (`offer-eval [FILE] [--self-test]`) and the parser both entry points use.

`cli` parses every argument: a headless COMMAND with its own parser there, anything else here,
before Qt is loaded. `app.main(argv)`, the entry point for Python callers, parses with the same
function, so the two can never read the same arguments differently. Qt-free and below both.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn


class UsageError(Exception):
    """Bad command-line input: reported in one line, exit 2."""


class Parser(argparse.ArgumentParser):
    """argparse, but errors are one line and never exit by themselves."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def add_debug(parser: argparse.ArgumentParser) -> None:
    """`--debug`: show tracebacks of internal errors (accepted by every form of the command)."""
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")


@dataclass(frozen=True)
class AppArguments:
    """What the desktop app was asked to do."""

    file: Path | None = None  # the comparison to open; None: the built-in demo
    self_test: bool = False  # draw every chart offscreen, print one JSON line, exit
    debug: bool = False


def _app_parser() -> Parser:
    parser = Parser(
        prog="offer-eval",
        usage="offer-eval [FILE] [--self-test] [--debug]",
        description="Open the desktop app on FILE (a *.offers.json comparison) or on the "
        "built-in demo. Headless commands: see offer-eval --help.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="the comparison to open")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="draw every chart without a screen, print one JSON line, exit 0 when all drew",
    )
    add_debug(parser)
    return parser


def parse_app_arguments(argv: Sequence[str]) -> AppArguments:
    """The app's arguments (argv without the program name); UsageError names the first bad one."""
    parser = _app_parser()
    namespace, unknown = parser.parse_known_args(list(argv))
    if unknown:
        raise UsageError(f"offer-eval: unknown option {unknown[0]} (see offer-eval --help)")
    files: list[str] = namespace.files
    if len(files) > 1 and not namespace.self_test:
        raise UsageError("offer-eval: give at most one FILE")
    return AppArguments(
        file=Path(files[0]) if files and not namespace.self_test else None,
        self_test=namespace.self_test,
        debug=namespace.debug,
    )
