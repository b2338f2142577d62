"""The text report and error lines never pass the user's control or bidi characters through."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from offer_eval import cli
from offer_eval.core.models import Scenario
from offer_eval.persistence.document import save
from offer_eval.present.terminal import terminal_safe

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "\x1b[2J\x1b[31mRed\rOver\u202eevil\u2066x\x07"
RAW = ("\x1b", "\r", "\u202e", "\u2066", "\x07")


def test_terminal_safe_escapes_controls_and_bidi_but_keeps_lines() -> None:
    assert terminal_safe("a\nb") == "a\nb"
    assert terminal_safe("tab\there") == "tab\\x09here"
    assert terminal_safe(HOSTILE) == ("\\x1b[2J\\x1b[31mRed\\x0dOver\\u202eevil\\u2066x\\x07")
    assert terminal_safe("Café £45,000 – 東京") == "Café £45,000 – 東京"


def test_report_escapes_a_hostile_name_also_when_piped(tmp_path: Path, demo: Scenario) -> None:
    hostile = demo.replace(current=dataclasses.replace(demo.current, name=HOSTILE))
    path = tmp_path / "hostile.offers.json"
    save(hostile, path)
    result = subprocess.run(
        [sys.executable, "-m", "offer_eval", "report", str(path)],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")
    assert not any(character in text for character in RAW)
    assert "\\x1b[31mRed\\x0dOver\\u202eevil" in text


def test_error_lines_escape_what_the_user_typed(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["take-home", "4\x1b[2J5"]) == 2
    error = capsys.readouterr().err
    assert "\x1b" not in error and "\\x1b[2J" in error
