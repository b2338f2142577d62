"""The internal-error log: appended with a dated header, or a reason when it cannot be written."""

from __future__ import annotations

from pathlib import Path

import pytest

from offer_eval import __version__, crash_log


def _raised() -> ValueError:
    try:
        raise ValueError("the detail")
    except ValueError as error:
        return error


def test_each_error_is_appended_with_version_and_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "logs" / "offer-eval.log"
    monkeypatch.setattr(crash_log, "log_path", lambda: log)
    assert crash_log.log_internal_error(_raised()) == str(log)
    assert crash_log.log_internal_error(_raised()) == str(log)
    text = log.read_text(encoding="utf-8")
    assert text.count(f" offer-eval {__version__}\n") == 2
    assert text.count("ValueError: the detail") == 2
    assert "Traceback (most recent call last)" in text


def test_an_unwritable_log_says_why_instead_of_failing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(crash_log, "log_path", lambda: blocker / "offer-eval.log")
    assert crash_log.log_internal_error(_raised()).startswith("(log not written: ")


def test_the_log_lives_in_the_users_log_folder() -> None:
    path = crash_log.log_path()
    assert path.name == "offer-eval.log" and "offer-eval" in str(path.parent)
