"""Scenario documents: round trips, atomic saves, migrations and clear refusals."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from offer_eval.core.models import Scenario
from offer_eval.persistence import document
from offer_eval.persistence.document import DocumentError, dumps, load, loads, save


def _demo_json(demo: Scenario) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(dumps(demo))
    return body


def test_round_trip_is_exact(demo: Scenario, tmp_path: Path) -> None:
    path = tmp_path / "demo.offers.json"
    save(demo, path)
    assert load(path) == demo
    assert path.read_bytes() == dumps(demo)


def test_schema_version_comes_first(demo: Scenario) -> None:
    assert dumps(demo).startswith(b'{\n  "schema_version": 2,')


def test_new_files_are_private_and_replacements_keep_their_mode(
    demo: Scenario, tmp_path: Path
) -> None:
    path = tmp_path / "plan.offers.json"
    save(demo, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o640)
    save(demo, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_failed_save_leaves_the_old_file_intact(
    demo: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.offers.json"
    save(demo, path)
    before = path.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(DocumentError, match="No space left on device"):
        save(demo.replace(name="changed"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.offers.json"]  # no temporary left behind


def _error(data: bytes | str) -> DocumentError:
    payload = data.encode() if isinstance(data, str) else data
    with pytest.raises(DocumentError) as raised:
        loads(payload, source="plan.offers.json")
    return raised.value


def _mutated(demo: Scenario, path: list[str | int], value: object) -> str:
    body = _demo_json(demo)
    node: Any = body
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return json.dumps(body)


@pytest.mark.parametrize(
    ("path", "value", "json_path", "rule"),
    [
        (["offers", 1, "base_salary"], -5, "offers[1].base_salary", "between 0 and 10,000,000"),
        (["offers", 1, "base_salary"], 1e300, "offers[1].base_salary", "between 0 and 10,000,000"),
        (
            ["offers", 0, "base_salary"],
            "45k",
            "offers[0].base_salary",
            "must be a number, not text",
        ),
        (["offers", 0, "hours_per_week"], 0, "offers[0].hours_per_week", "between 1 and 100"),
        (["tax", "region"], "wales", "tax.region", "allowed: rUK, scotland"),
        (["tax", "year"], "2019/20", "tax.year", "no rules for 2019/20"),
        (
            ["tax", "student_loans"],
            ["plan1", "plan2"],
            "tax.student_loans",
            "at most one undergraduate plan",
        ),
        (["offers", 1, "id"], "ml-engineer", "offers[1].id", "duplicate id"),
        (["offers", 0, "ratings", "team"], 12, "offers[0].ratings.team", "between 0 and 10"),
        (
            ["offers", 0, "pension_method"],
            "cash",
            "offers[0].pension_method",
            "allowed: none, net_pay",
        ),
        (["simulation", "months"], 12, "simulation.months", "between 36 and 60"),
        (["current"], None, "current", "must be an object, not null"),
    ],
)
def test_bad_values_name_the_json_path(
    demo: Scenario, path: list[str | int], value: object, json_path: str, rule: str
) -> None:
    error = _error(_mutated(demo, path, value))
    assert error.path == json_path
    assert rule in error.rule
    assert str(error).startswith(f"plan.offers.json: {json_path}: ")


def test_nan_is_refused(demo: Scenario) -> None:
    text = _mutated(demo, ["offers", 0, "base_salary"], 1.5).replace(
        '"base_salary": 1.5', '"base_salary": NaN', 1
    )
    assert _error(text).rule.startswith("not valid JSON")


def test_missing_rating_names_the_criterion(demo: Scenario) -> None:
    body = _demo_json(demo)
    del body["offers"][1]["ratings"]["manager"]
    error = _error(json.dumps(body))
    assert (error.path, error.rule) == ("offers[1].ratings.manager", "missing rating (0 to 10)")


def test_missing_required_field(demo: Scenario) -> None:
    body = _demo_json(demo)
    del body["offers"][0]["base_salary"]
    error = _error(json.dumps(body))
    assert (error.path, error.rule) == ("offers[0].base_salary", "is required")


def test_unknown_field_is_refused(demo: Scenario) -> None:
    body = _demo_json(demo)
    body["offers"][0]["base_salry"] = 1
    assert _error(json.dumps(body)).path == "offers[0].base_salry"


@pytest.mark.parametrize(
    ("data", "rule"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b'{"schema_version": 1, "name": ', "not valid JSON"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not valid JSON"),
        (b"[1, 2]", "must be a JSON object"),
        (b'{"name": "x"}', "schema_version: is required"),
        (b'{"schema_version": "1"}', "must be a whole number"),
        (b'{"schema_version": 99}', "newer than this Offer Eval"),
        (b"[" * 100_000, "nested too deeply"),
    ],
)
def test_unreadable_documents(data: bytes, rule: str) -> None:
    assert rule in str(_error(data))


def test_truncated_document_reports_where(demo: Scenario) -> None:
    data = dumps(demo)
    error = _error(data[: len(data) // 2])
    assert error.path == "$"
    assert "not valid JSON" in error.rule


def test_migrations_run_in_order(demo: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    """A version-2 file read by a version-3 app goes through MIGRATIONS[2] only."""
    calls: list[int] = []

    def rename_field(body: dict[str, Any]) -> dict[str, Any]:
        calls.append(body["schema_version"])
        body["name"] = body.pop("title_v2")
        return body

    def never(body: dict[str, Any]) -> dict[str, Any]:
        raise AssertionError("a version-2 file must not go through the version-1 migration")

    body = _demo_json(demo)
    assert body["schema_version"] == 2
    body["title_v2"] = body.pop("name")
    monkeypatch.setattr(document, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(document, "MIGRATIONS", {1: never, 2: rename_field})
    assert loads(json.dumps(body).encode()) == demo
    assert calls == [2]


def test_load_errors_for_paths(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        load(tmp_path / "missing.offers.json")
    with pytest.raises(DocumentError, match="is a folder"):
        load(tmp_path)
    # Root reads anything (and CI runs as root), so an unreadable file is also made another way
    # that no user can read: a path through a regular file.
    plain = tmp_path / "plain.offers.json"
    plain.write_text("{}")
    with pytest.raises(DocumentError, match="cannot read: Not a directory"):
        load(plain / "inner.offers.json")
    if os.geteuid() != 0:
        locked = tmp_path / "locked.offers.json"
        locked.write_text("{}")
        locked.chmod(0)
        with pytest.raises(DocumentError, match="permission denied"):
            load(locked)


def test_a_byte_order_mark_is_accepted(demo: Scenario) -> None:
    assert loads(b"\xef\xbb\xbf" + dumps(demo)) == demo


@pytest.mark.parametrize(
    ("edit", "path"),
    [
        (lambda text: text.replace('"name":', '"name": "first", "name":', 1), "name"),
        (
            lambda text: text.replace('"base_salary":', '"base_salary": 1, "base_salary":', 2),
            "current.base_salary",
        ),
    ],
)
def test_a_repeated_key_is_refused_with_its_path(demo: Scenario, edit: Any, path: str) -> None:
    text = dumps(demo).decode()
    error = _error(edit(text))
    assert (error.path, error.rule) == (path, "this key appears twice in the same object")


def test_a_repeated_key_deeper_down_is_placed(demo: Scenario) -> None:
    body = _demo_json(demo)
    text = json.dumps(body)
    second = body["offers"][1]["id"]
    text = text.replace(f'"id": "{second}"', f'"id": "{second}", "id": "x"', 1)
    assert _error(text).path == "offers[1].id"


@pytest.mark.parametrize(("key", "limit"), [("offers", 100), ("benchmarks", 1_000)])
def test_too_many_items_are_refused_quickly(demo: Scenario, key: str, limit: int) -> None:
    body = _demo_json(demo)
    item = body[key][0]
    body[key] = [{**item, "id": f"item-{index}"} for index in range(limit + 1)]
    error = _error(json.dumps(body))
    assert error.path == key
    assert error.rule == f"at most {limit:,} {key} (this has {limit + 1:,})"


def test_loading_executes_nothing(tmp_path: Path, demo: Scenario) -> None:
    """Strings that look like code stay data."""
    payload = "__import__('os').system('touch pwned')"
    scenario = demo.replace(name=payload, notes="=cmd|' /C calc'!A0")
    loaded = loads(dumps(scenario))
    assert loaded.name == payload
    assert not (Path.cwd() / "pwned").exists()
