"""The parallel batch's stopping: signals are deferred to a safe point, and workers stop between files.

A Ctrl-C that lands inside the process pool's own locking, or a second Ctrl-C while the first is stopping the
workers, used to leave ``drafter check 文件夹`` waiting forever for a worker's half-sent results.
"""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

from drafter.check import run
from drafter.check.run import Checker, _check_chunk, _DeferredSignals

REPORT = Path(__file__).resolve().parent.parent / "examples" / "yangxi-2023" / "report.txt"


def test_signals_inside_the_block_are_remembered_and_raised_on_leaving() -> None:
    before = signal.getsignal(signal.SIGINT)
    with pytest.raises(KeyboardInterrupt), _DeferredSignals() as deferred:
        os.kill(os.getpid(), signal.SIGINT)
        os.kill(os.getpid(), signal.SIGINT)  # a second Ctrl-C while stopping changes nothing
        os.kill(os.getpid(), signal.SIGTERM)
        assert deferred.signum == signal.SIGINT  # the first one is the one raised again
    assert signal.getsignal(signal.SIGINT) is before


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
