"""Run the real CLI on hostile input in a forked child and measure it.

A fork costs a millisecond (the parent has already imported drafter), unlike a fresh interpreter,
so every hostile case can afford its own process: ``os.wait4`` gives that child's own CPU time
and peak memory, a hang is killed, and a crash cannot take the test runner with it.

Peak memory is the child's high-water resident set less what it shared with the parent at the
fork (the parent's resident set then), so the figure is what the case itself used.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

# The bounds every hostile case must stay within (issue 13).
MAX_CPU_S = 5.0
MAX_MEM_MB = 300.0
# Wall time is bounded too, but more loosely: a shared machine may be busy. A hang still fails.
MAX_WALL_S = float(os.environ.get("DRAFTER_HOSTILE_MAX_WALL", "30"))


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str
    wall: float
    cpu: float
    peak_mb: float
    signalled: int = 0

    def message_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def run_forked(
    args: list[str] | None = None,
    *,
    func: Callable[[], object] | None = None,
    timeout: float = MAX_WALL_S,
    cwd: str | os.PathLike[str] | None = None,
    env: dict[str, str] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Outcome:
    """Run ``drafter <args>`` (or ``func()``) in a forked child; its exit code, output and costs.

    ``func`` returning normally exits 0; a :class:`~drafter.errors.DrafterError` is printed as the
    CLI prints it and exits 2; anything else prints its traceback and exits 99.
    ``on_start(pid)`` runs in the parent right after the fork (to send a signal, say).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        base_mb = _rss_mb()
        sys.stdout.flush()
        sys.stderr.flush()
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # the child
            code = 99
            try:
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
                sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
                signal.signal(signal.SIGINT, signal.default_int_handler)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                if cwd is not None:
                    os.chdir(cwd)
                if env:
                    os.environ.update(env)
                code = _child(args, func)
            except BaseException:  # anything escaping is the failure we look for
                import traceback

                traceback.print_exc()
                code = 99
            finally:
                try:
                    sys.stdout.flush()
                    sys.stderr.flush()
                finally:
                    os._exit(code)
        if on_start is not None:
            on_start(pid)
        status, usage = _wait(pid, timeout)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    return Outcome(
        code=code if code >= 0 else 128 - code,
        stdout=stdout,
        stderr=stderr,
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_mb=max(0.0, usage.ru_maxrss / 1024 - base_mb),
        signalled=-code if code < 0 else 0,
    )


def _child(args: list[str] | None, func: Callable[[], object] | None) -> int:
    if func is not None:
        from drafter.errors import DrafterError

        try:
            func()
        except DrafterError as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return exc.exit_code
        except SystemExit as exc:  # func ran the CLI's main()
            return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        return 0
    from drafter.cli import main

    try:
        main(list(args or []))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


def _wait(pid: int, timeout: float) -> tuple[int, os.struct_rusage]:  # type: ignore[name-defined]
    deadline = time.monotonic() + timeout
    delay = 0.001
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            raise AssertionError(f"hung: killed after {timeout:.0f} s")
        time.sleep(delay)
        delay = min(delay * 2, 0.02)


def digest(paths: Iterable[str | os.PathLike[str]]) -> dict[str, str]:
    """sha256 of each file (following links), to show inputs are unchanged."""
    return {str(p): hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in paths if Path(p).is_file()}


def assert_clean(
    outcome: Outcome,
    *,
    code: int | tuple[int, ...] = 2,
    contains: str | tuple[str, ...] = (),
    one_line: bool | None = None,
) -> None:
    """Exit code as expected, no traceback, within the bounds; an error is one Chinese line."""
    codes = code if isinstance(code, tuple) else (code,)
    detail = f"exit {outcome.code}\nstderr: {outcome.stderr[-3000:]}\nstdout: {outcome.stdout[-1000:]}"
    assert outcome.code in codes, detail
    assert "Traceback" not in outcome.stderr and "Traceback" not in outcome.stdout, detail
    assert outcome.cpu < MAX_CPU_S, f"{outcome.cpu:.2f} s of CPU\n{detail}"
    assert outcome.wall < MAX_WALL_S, f"{outcome.wall:.2f} s\n{detail}"
    assert outcome.peak_mb < MAX_MEM_MB, f"{outcome.peak_mb:.0f} MB\n{detail}"
    if one_line is None:
        one_line = outcome.code == 2
    if one_line:
        lines = outcome.message_lines()
        assert len(lines) == 1, detail
        assert any("\u4e00" <= ch <= "\u9fff" for ch in lines[0]), detail
    for needle in (contains,) if isinstance(contains, str) else contains:
        assert needle in outcome.stderr + outcome.stdout, detail
