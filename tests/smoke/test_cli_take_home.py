"""`take-home` contracts without a test before: the pension flags and the newer-year note.

Expected figures come from the published 2026/27 rules, not from the code: on £50,000 a 5%
pension is £2,500; paid from net pay it saves basic-rate tax (20% of £2,500 = £500); by salary
sacrifice it also saves the 8% main National Insurance rate (£200); relief at source leaves tax
and NI alone, and the employee pays 80% of the gross contribution from net pay.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from offer_eval import cli
from offer_eval.core import tax


def _take_home(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert cli.main(["take-home", "50000", "--year", "2026/27", "--json", *args]) == 0
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def test_pension_flags(capsys: pytest.CaptureFixture[str]) -> None:
    none = _take_home(capsys)
    assert none["pension_contribution"] == 0
    net_pay = _take_home(capsys, "--pension", "5")  # net pay is the default method
    assert net_pay["pension_method"] == "net_pay"
    assert net_pay["pension_contribution"] == pytest.approx(2_500)
    assert none["income_tax"] - net_pay["income_tax"] == pytest.approx(500)
    assert net_pay["employee_ni"] == pytest.approx(none["employee_ni"])
    assert none["net"] - net_pay["net"] == pytest.approx(2_000)

    sacrifice = _take_home(capsys, "--pension", "5", "--pension-method", "salary_sacrifice")
    assert none["income_tax"] - sacrifice["income_tax"] == pytest.approx(500)
    assert none["employee_ni"] - sacrifice["employee_ni"] == pytest.approx(200)
    assert none["net"] - sacrifice["net"] == pytest.approx(1_800)

    relief = _take_home(capsys, "--pension", "5", "--pension-method", "relief_at_source")
    assert relief["pension_contribution"] == pytest.approx(2_500)
    assert relief["income_tax"] == pytest.approx(none["income_tax"])
    assert relief["employee_ni"] == pytest.approx(none["employee_ni"])
    assert none["net"] - relief["net"] == pytest.approx(2_000)

    stated_none = _take_home(capsys, "--pension", "5", "--pension-method", "none")
    assert stated_none["pension_contribution"] == 0
    assert stated_none["net"] == pytest.approx(none["net"])


def test_a_bad_pension_method_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["take-home", "50000", "--pension-method", "cash"]) == 2
    error = capsys.readouterr().err
    assert len(error.strip().splitlines()) == 1 and "pension-method" in error


def test_a_current_year_newer_than_the_rules_is_noted(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --year, a date past the shipped rules uses the latest rules and says so."""
    latest = tax.shipped_tax_years()[-1]
    start = int(latest[:4]) + 3
    future = f"{start}/{(start + 1) % 100:02d}"
    monkeypatch.setattr(tax, "current_tax_year", lambda: future)
    monkeypatch.setattr(cli, "current_tax_year", lambda: future, raising=False)
    assert cli.main(["take-home", "50000", "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["tax_year"] == future
    assert json.loads(captured.out)["tax_rules_year"] == latest
    note = captured.err.strip()
    assert note.startswith("offer-eval: note: ")
    assert future in note and latest in note
