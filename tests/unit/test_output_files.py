"""Outputs as one transaction, and reading only regular files of a bounded size.

Nothing the user owns is lost: an output never replaces an input (through links too), a failed
set of outputs leaves none of them, special files and folders are refused as outputs, and saving
through a symbolic link updates the file it points to. Inputs that never end (/dev/zero), block
(a FIFO) or are too large are refused quickly, judged on the bytes actually read.
"""

from __future__ import annotations

import os
import stat
import threading
import time
from pathlib import Path

import pytest

from offer_eval.core.models import Scenario
from offer_eval.persistence.document import DocumentError, load, save
from offer_eval.persistence.inputs import InputError, read_regular_file
from offer_eval.persistence.outputs import (
    STALE_AFTER,
    OutputError,
    OutputTransaction,
    remove_stale_temporaries,
    resolve_output,
)


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


# --- outputs --------------------------------------------------------------------------------


def test_saving_through_a_symlink_writes_the_file_it_points_to(
    demo: Scenario, tmp_path: Path
) -> None:
    real_folder = tmp_path / "real"
    real_folder.mkdir()
    real = real_folder / "plan.offers.json"
    save(demo, real)
    link = tmp_path / "link.offers.json"
    link.symlink_to(real)
    save(demo.replace(name="changed"), link)
    assert link.is_symlink()
    assert load(real).name == "changed"
    assert _names(real_folder) == ["plan.offers.json"]  # the temporary went beside the target
    assert _names(tmp_path) == ["link.offers.json", "real"]


def test_a_fifo_is_refused_as_an_output_and_stays_a_fifo(demo: Scenario, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.offers.json"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError, match="not a regular file"):
        save(demo, fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert _names(tmp_path) == ["pipe.offers.json"]


def test_a_device_is_refused_as_an_output() -> None:
    with pytest.raises(OutputError, match="not a regular file"):
        resolve_output("/dev/null")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_a_folder_or_a_path_under_a_file_is_refused(demo: Scenario, tmp_path: Path) -> None:
    """Refusals that hold for every user (root included, who may write anywhere else)."""
    with pytest.raises(DocumentError, match="is a folder"):
        save(demo, tmp_path)
    plain = tmp_path / "plain.txt"
    plain.write_text("keep me")
    with pytest.raises(DocumentError, match="cannot write"):
        save(demo, plain / "child.offers.json")
    with pytest.raises(DocumentError, match="does not exist"):
        save(demo, tmp_path / "missing" / "child.offers.json")
    assert plain.read_text() == "keep me"
    assert _names(tmp_path) == ["plain.txt"]


def test_an_output_that_is_an_input_is_refused_through_links(tmp_path: Path) -> None:
    source = tmp_path / "plan.offers.json"
    source.write_bytes(b"original")
    symbolic = tmp_path / "symbolic.csv"
    symbolic.symlink_to(source)
    hard = tmp_path / "hard.csv"
    os.link(source, hard)
    for output in (source, symbolic, hard, f"{tmp_path}/./plan.offers.json"):
        with (
            pytest.raises(OutputError, match="is the input file"),
            OutputTransaction(inputs=[source]) as outputs,
        ):
            outputs.write(output, b"overwritten")
    assert source.read_bytes() == b"original"
    assert _names(tmp_path) == ["hard.csv", "plan.offers.json", "symbolic.csv"]


def test_one_bad_output_leaves_none_of_them(tmp_path: Path) -> None:
    first = tmp_path / "ok.csv"
    first.write_bytes(b"old")
    (tmp_path / "folder").mkdir()
    with pytest.raises(OutputError, match="is a folder"), OutputTransaction() as outputs:
        outputs.write(first, b"new")
        outputs.write(tmp_path / "second.csv", b"new")
        outputs.write(tmp_path / "folder", b"new")
    assert first.read_bytes() == b"old"
    assert _names(tmp_path) == ["folder", "ok.csv"]


def test_a_failure_in_the_work_leaves_no_output(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), OutputTransaction() as outputs:
        outputs.write(tmp_path / "a.csv", b"a")
        path = outputs.temporary(tmp_path / "b.pdf")
        path.write_bytes(b"%PDF")
        raise RuntimeError("the work failed half-way")
    assert _names(tmp_path) == []


def test_the_same_output_twice_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="same file"), OutputTransaction() as outputs:
        outputs.check(tmp_path / "a.csv")
        outputs.check(f"{tmp_path}/./a.csv")
    with pytest.raises(OutputError, match="same file"), OutputTransaction() as outputs:
        outputs.write(tmp_path / "b.csv", b"b")
        outputs.write(tmp_path / "b.csv", b"b")
    assert _names(tmp_path) == []


def test_all_outputs_arrive_together_with_their_modes(tmp_path: Path) -> None:
    kept = tmp_path / "kept.csv"
    kept.write_bytes(b"old")
    kept.chmod(0o644)
    with OutputTransaction() as outputs:
        outputs.write(kept, b"new")
        outputs.write(tmp_path / "fresh.xlsx", b"fresh")
        assert not (tmp_path / "fresh.xlsx").exists()  # nothing moves before the end
        assert kept.read_bytes() == b"old"
    assert kept.read_bytes() == b"new"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "fresh.xlsx").stat().st_mode) == 0o600
    assert _names(tmp_path) == ["fresh.xlsx", "kept.csv"]


def test_stale_temporaries_of_a_killed_save_are_removed_at_the_next_save(
    demo: Scenario, tmp_path: Path
) -> None:
    old = time.time() - STALE_AFTER - 60
    stale = tmp_path / ".plan.offers.json.k2j4_x9a.tmp"
    fresh = tmp_path / ".plan.offers.json.abcdefgh.tmp"  # maybe a save running right now
    theirs = tmp_path / ".notes.txt.abcdefgh.tmp"  # not a name the app writes
    mine = tmp_path / "data.abcdefgh.tmp"  # not hidden: not ours
    for path in (stale, fresh, theirs, mine):
        path.write_bytes(b"x")
    for path in (stale, theirs, mine):
        os.utime(path, (old, old))
    save(demo, tmp_path / "plan.offers.json")
    assert not stale.exists()
    assert fresh.exists() and theirs.exists() and mine.exists()
    os.utime(fresh, (old, old))
    assert remove_stale_temporaries(tmp_path) == 1
    assert not fresh.exists()


# --- inputs ---------------------------------------------------------------------------------


def test_an_endless_device_is_refused_quickly() -> None:
    started = time.monotonic()
    with pytest.raises(DocumentError, match="not a regular file"):
        load("/dev/zero")
    assert time.monotonic() - started < 2


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.offers.json"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            load(fifo)
        except BaseException as error:
            outcome.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(2)
    if reader.is_alive():  # let the stuck reader go before failing
        with fifo.open("wb"):
            pass
        pytest.fail("reading a FIFO blocked")
    assert len(outcome) == 1 and isinstance(outcome[0], DocumentError)
    assert "not a regular file" in str(outcome[0])


def test_the_size_is_judged_on_the_bytes_read(tmp_path: Path) -> None:
    big = tmp_path / "big.offers.json"
    with big.open("wb") as stream:
        stream.truncate(30 * 1024 * 1024)
    with pytest.raises(DocumentError, match="larger than 20 MB"):
        load(big)
    limit = tmp_path / "limit.bin"
    limit.write_bytes(b"x" * 1000)
    assert read_regular_file(limit, 1000) == b"x" * 1000
    with pytest.raises(InputError, match="larger than"):
        read_regular_file(limit, 999)


def test_input_errors_that_hold_for_every_user(tmp_path: Path) -> None:
    """Root reads any file, so "permission denied" cannot be tested as root; these can."""
    with pytest.raises(DocumentError, match="is a folder"):
        load(tmp_path)
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    with pytest.raises(DocumentError, match="cannot read"):
        load(plain / "child.offers.json")
    with pytest.raises(DocumentError, match="no such file"):
        load(tmp_path / "missing.offers.json")
