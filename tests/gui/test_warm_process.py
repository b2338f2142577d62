"""The warm worker process: prepared once, reused by each job, ended by a cancel or a close."""

from __future__ import annotations

import os
import threading
import time
from typing import Any

import pytest

from offer_eval.gui.worker_process import Cancelled, JobControl, WarmProcess
from offer_eval.persistence.document import DocumentError

_prepared: list[str] = []  # in the worker process: what `prepare` was given


def _prepare(word: str) -> None:
    _prepared.append(word)


def _report(value: int, *, progress: Any) -> tuple[int, int, list[str]]:
    progress(0.5, "halfway")
    return os.getpid(), value * 2, list(_prepared)


def _refuse(path: str, *, progress: Any) -> None:
    raise DocumentError(path, "$", "not valid JSON")


def _sleep(seconds: float, *, progress: Any) -> None:
    time.sleep(seconds)


def test_jobs_run_in_one_prepared_process_until_it_is_closed() -> None:
    worker = WarmProcess(_prepare)
    try:
        assert worker.start("ready")
        seen: list[tuple[float, str]] = []
        control = JobControl()
        control.on_progress(lambda fraction, what: seen.append((fraction, what)))
        first_pid, doubled, prepared = worker.run(control, _report, 21)
        assert doubled == 42
        assert prepared == ["ready"]  # prepared before the job, in the same process
        assert first_pid != os.getpid()
        assert seen == [(0.5, "halfway")]
        with pytest.raises(DocumentError):  # an error comes back as itself; the process lives on
            worker.run(JobControl(), _refuse, "a.json")
        assert worker.start("again")
        second_pid, _, prepared = worker.run(JobControl(), _report, 1)
        assert second_pid == first_pid
        assert prepared == ["ready", "again"]
    finally:
        worker.close()
    assert not worker.alive


def test_a_cancel_ends_the_process_and_the_next_job_gets_a_new_one() -> None:
    worker = WarmProcess()
    try:
        first_pid, _, _ = worker.run(JobControl(), _report, 1)
        control = JobControl()
        threading.Timer(0.5, control.cancel).start()
        started = time.monotonic()
        with pytest.raises(Cancelled):
            worker.run(control, _sleep, 60.0)
        assert time.monotonic() - started < 10
        assert not worker.alive
        second_pid, _, _ = worker.run(JobControl(), _report, 1)
        assert second_pid != first_pid
    finally:
        worker.close()


def test_a_job_cancelled_while_waiting_for_the_process_leaves_it_running() -> None:
    worker = WarmProcess()
    try:
        first_pid, _, _ = worker.run(JobControl(), _report, 1)
        busy = threading.Thread(target=worker.run, args=(JobControl(), _sleep, 1.0))
        busy.start()
        time.sleep(0.2)  # the first job has the process
        waiting = JobControl()
        waiting.cancel()
        with pytest.raises(Cancelled):
            worker.run(waiting, _report, 2)
        busy.join()
        assert worker.alive
        second_pid, _, _ = worker.run(JobControl(), _report, 3)
        assert second_pid == first_pid  # the same process, not a new one
    finally:
        worker.close()


def test_started_in_the_background_without_waiting_for_the_spawn() -> None:
    worker = WarmProcess(_prepare)
    try:
        thread = worker.start_in_background("early")
        thread.join(30)
        assert worker.alive
        _, _, prepared = worker.run(JobControl(), _report, 1)
        assert prepared == ["early"]
    finally:
        worker.close()
