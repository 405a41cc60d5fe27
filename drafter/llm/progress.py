"""A progress bar on stderr (stdout carries results only), for concurrent model calls."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from typing import Any

__all__ = ["ProgressBar"]


class ProgressBar:
    """``with ProgressBar("大模型润色", n) as advance: ... advance()``; ``advance`` is thread-safe.

    Drawn only when stderr is a terminal (rich's ``Progress`` locks its own state). rich is
    imported only then, and, with ``deferred``, only when :meth:`show` is called: a cold run
    calls it once its first requests are on the wire, so the import does not hold them back
    (the steps already done are shown at once).
    """

    def __init__(self, label: str, total: int, *, enabled: bool = True, deferred: bool = False) -> None:
        self.label = label
        self.total = total
        self.enabled = enabled and total > 0 and _terminal()
        self.deferred = deferred
        self._lock = threading.Lock()
        self._done = 0
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> Callable[[], None]:
        if not self.enabled:
            return lambda: None
        if not self.deferred:
            self.show()
        return self._advance

    def _advance(self) -> None:
        with self._lock:
            self._done += 1
            if self._progress is not None:
                self._progress.advance(self._task)

    def show(self) -> None:
        """Draw the bar now (once), with the steps done so far."""
        if not self.enabled:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with self._lock:
            if self._progress is not None:
                return
            console = Console(stderr=True)
            progress = Progress(
                TextColumn(self.label),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=True,
                disable=not console.is_terminal,
            )
            progress.start()
            self._task = progress.add_task(self.label, total=self.total, completed=self._done)
            self._progress = progress

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            progress, self._progress = self._progress, None
        if progress is not None:
            progress.stop()


def _terminal() -> bool:
    """Whether rich may draw on stderr: a terminal, or one that the environment forces (rich's
    own ``FORCE_COLOR`` / ``TTY_COMPATIBLE``). Anything else is decided without importing rich."""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE"):
        return True
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False
