"""The app's command line, parsed once for `offer-eval` and for `offer_eval.app.main`."""

from __future__ import annotations

from pathlib import Path

import pytest

from offer_eval import cli
from offer_eval.arguments import AppArguments, UsageError, parse_app_arguments


def test_no_arguments_open_the_demo() -> None:
    assert parse_app_arguments([]) == AppArguments(file=None, self_test=False, debug=False)


def test_one_file_and_debug_anywhere() -> None:
    assert parse_app_arguments(["--debug", "mine.offers.json"]) == AppArguments(
        file=Path("mine.offers.json"), debug=True
    )
    assert parse_app_arguments(["mine.offers.json", "--debug"]).file == Path("mine.offers.json")


def test_the_self_test_ignores_files() -> None:
    assert parse_app_arguments(["a.json", "--self-test"]) == AppArguments(self_test=True)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["a.json", "b.json"], "offer-eval: give at most one FILE"),
        (["--bogus"], "offer-eval: unknown option --bogus (see offer-eval --help)"),
        (["a.json", "--bogus"], "offer-eval: unknown option --bogus (see offer-eval --help)"),
    ],
)
def test_bad_arguments_are_named_in_one_line(argv: list[str], message: str) -> None:
    with pytest.raises(UsageError) as raised:
        parse_app_arguments(argv)
    assert str(raised.value) == message


@pytest.mark.parametrize("argv", [["a.json", "b.json"], ["--bogus"]])
def test_the_command_refuses_them_before_opening_a_window(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[AppArguments] = []
    monkeypatch.setattr("offer_eval.app.run", opened.append)
    assert cli.main(argv) == 2
    assert opened == []
    err = capsys.readouterr().err
    assert err.startswith("offer-eval: ") and err.count("\n") == 1


def test_the_command_hands_the_parsed_arguments_to_the_app(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[AppArguments] = []

    def run(arguments: AppArguments) -> int:
        opened.append(arguments)
        return 7

    monkeypatch.setattr("offer_eval.app.run", run)
    assert cli.main(["mine.offers.json", "--debug"]) == 7
    assert opened == [AppArguments(file=Path("mine.offers.json"), debug=True)]
