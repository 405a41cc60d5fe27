"""The parallel batch's stopping: signals are deferred to a safe point, and workers stop between files.

A Ctrl-C that lands inside the process pool's own locking, or a second Ctrl-C while the first is stopping the
workers, used to leave ``drafter check 文件夹`` waiting forever for a worker's half-sent results.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from drafter.check import run
from drafter.check.run import Checker, _check_chunk, _DeferredSignals

REPORT = Path(__file__).resolve().parent.parent / "examples" / "yangxi-2023" / "report.txt"


def _until(condition, seconds: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    # a signal sent to the process may be taken by another thread first: its handler runs a moment later
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.005)


def test_signals_inside_the_block_are_remembered_and_raised_on_leaving() -> None:
    before = signal.getsignal(signal.SIGINT)
    with pytest.raises(KeyboardInterrupt), _DeferredSignals() as deferred:
        os.kill(os.getpid(), signal.SIGINT)
        os.kill(os.getpid(), signal.SIGINT)  # a second Ctrl-C while stopping changes nothing
        _until(lambda: deferred.signum)
        assert deferred.signum == signal.SIGINT
    assert signal.getsignal(signal.SIGINT) is before


def test_sigterm_is_raised_again_under_the_handler_from_before() -> None:
    seen: list[int] = []

    def handler(signum: int, frame: object) -> None:  # the CLI's: SIGTERM ends the run like Ctrl-C
        seen.append(signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        with pytest.raises(KeyboardInterrupt), _DeferredSignals() as deferred:
            os.kill(os.getpid(), signal.SIGTERM)
            _until(lambda: deferred.signum)
            assert seen == []  # nothing raised inside the block
        assert seen == [signal.SIGTERM]
        assert signal.getsignal(signal.SIGTERM) is handler
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_an_ignored_signal_stays_ignored() -> None:
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with _DeferredSignals() as deferred:
            os.kill(os.getpid(), signal.SIGINT)
        assert deferred.signum == 0
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


def test_outside_the_main_thread_signals_are_left_alone() -> None:
    seen: list[object] = []

    def body() -> None:
        with _DeferredSignals():
            seen.append(signal.getsignal(signal.SIGINT))

    before = signal.getsignal(signal.SIGINT)
    worker = threading.Thread(target=body)
    worker.start()
    worker.join()
    assert seen == [before]


def test_a_worker_stops_between_files_once_the_batch_is_stopped(monkeypatch) -> None:
    checker = Checker.prepare()
    stop = threading.Event()
    monkeypatch.setattr(run, "_worker_stop", stop)
    assert len(_check_chunk(checker, [str(REPORT)] * 2, frozenset())) == 2
    stop.set()
    assert _check_chunk(checker, [str(REPORT)] * 2, frozenset()) == []
