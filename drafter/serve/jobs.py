"""Jobs: each upload gets a folder under an unguessable id, its work runs in a process pool, and
it is deleted after the retention time.

The id (24 random URL-safe characters, 144 bits) is the only key to a job: there is no list of
jobs, so one user cannot reach another's without being given its id. The state a page shows is
kept in memory in the :class:`JobStore` of the running app (no module-level state); the files
are in the job's folder.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import secrets
import shutil
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

__all__ = ["Job", "JobKind", "JobStore", "Runner", "new_pool"]

_ID = re.compile(r"^[A-Za-z0-9_-]{24}$")
JobKind = Literal["review", "draft", "suggest"]


@dataclass
class Job:
    """One upload and its results."""

    id: str
    kind: JobKind
    folder: Path
    created: float
    total: int = 0
    done: int = 0
    #: review: the checked report (drafter.check.run.CheckedReport) per upload, None until checked
    results: list[Any] = field(default_factory=list)
    notes: dict[int, list[str]] = field(default_factory=dict)  # review: per report, e.g. the LLM's
    result: dict[str, Any] | None = None  # draft / suggest
    view: Any = field(default=None, repr=False)  # review: (done, BatchView) made for that many
    options: dict[str, Any] = field(default_factory=dict)
    finished: float | None = None
    task: asyncio.Task[None] | None = field(default=None, repr=False)

    @property
    def running(self) -> bool:
        return self.finished is None

    @property
    def inputs(self) -> Path:
        return self.folder / "in"

    @property
    def outputs(self) -> Path:
        return self.folder / "out"


class JobStore:
    """The jobs of one server, in folders under ``root``."""

    def __init__(self, root: Path, retention_seconds: int, clock: Callable[[], float] = time.time) -> None:
        self.root = root
        self.retention = retention_seconds
        self.clock = clock
        self._jobs: dict[str, Job] = {}
        root.mkdir(parents=True, exist_ok=True)

    def create(self, kind: JobKind) -> Job:
        job_id = secrets.token_urlsafe(18)
        folder = self.root / job_id
        (folder / "in").mkdir(parents=True, mode=0o700)
        (folder / "out").mkdir(mode=0o700)
        job = Job(id=job_id, kind=kind, folder=folder, created=self.clock())
        self._jobs[job_id] = job
        return job

    def get(self, job_id: str, kind: JobKind | None = None) -> Job | None:
        """The job with this id (and kind), unless it does not exist or has expired."""
        if not _ID.match(job_id):
            return None
        job = self._jobs.get(job_id)
        if job is None or (kind is not None and job.kind != kind) or self._expired(job):
            return None
        return job

    def _expired(self, job: Job) -> bool:
        return self.clock() - job.created > self.retention

    def sweep(self) -> int:
        """Delete expired jobs (and folders left by an earlier run of the server); return how many."""
        gone = 0
        for job_id, job in list(self._jobs.items()):
            if self._expired(job):
                if job.task is not None and not job.task.done():
                    job.task.cancel()
                del self._jobs[job_id]
                shutil.rmtree(job.folder, ignore_errors=True)
                gone += 1
        now = self.clock()
        for folder in self.root.iterdir():
            if folder.name in self._jobs or not folder.is_dir():
                continue
            with contextlib.suppress(OSError):
                if now - folder.stat().st_mtime > self.retention:
                    shutil.rmtree(folder, ignore_errors=True)
                    gone += 1
        return gone

    def remove(self, job_id: str) -> None:
        job = self._jobs.pop(job_id, None)
        if job is not None:
            shutil.rmtree(job.folder, ignore_errors=True)

    def remove_all(self) -> None:
        for job in list(self._jobs.values()):
            shutil.rmtree(job.folder, ignore_errors=True)
        self._jobs.clear()


def new_pool(workers: int) -> Executor:
    """A process pool for the checks. Workers come from a fork server started before any thread
    of the server (a plain fork of a threaded process can deadlock), with drafter preloaded."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["drafter.serve.work", "drafter.check.run", "drafter.read"])
    else:
        ctx = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_lower_priority)


#: How much lower the workers' scheduling priority is than the server's: with every core busy
#: checking, the process that answers the pages still gets the CPU first.
WORKER_NICENESS = 10


def _lower_priority() -> None:
    import contextlib
    import os

    with contextlib.suppress(AttributeError, OSError):  # not on Windows; never fatal
        os.nice(WORKER_NICENESS)


class Runner:
    """Runs work in the pool without blocking the event loop, sharing the pool fairly among jobs:
    each job keeps at most ``workers`` tasks waiting, so a 500-report batch does not make a
    one-report upload wait for all of it."""

    def __init__(
        self, pool: Executor, workers: int, pool_factory: Callable[[], Executor] | None = None
    ) -> None:
        self.pool = pool
        self.workers = workers
        self.pool_factory = pool_factory
        self._slots = asyncio.Semaphore(workers * 2)

    async def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        async with self._slots:
            pool = self.pool
            try:
                return await asyncio.get_running_loop().run_in_executor(pool, fn, *args)
            except BrokenProcessPool:
                # A worker died (killed, out of memory on a hostile file): this task fails, the
                # next ones get a fresh pool.
                if self.pool is pool and self.pool_factory is not None:
                    self.pool = self.pool_factory()
                    pool.shutdown(wait=False, cancel_futures=True)
                raise

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    async def map_fair(
        self,
        fn: Callable[..., Any],
        arg_lists: Sequence[tuple[Any, ...]],
        on_result: Callable[[int, Any], None],
        on_error: Callable[[int, BaseException], None],
    ) -> None:
        """``fn(*args)`` for each entry, ``workers`` at a time; results reported as they come."""
        queue: asyncio.Queue[int] = asyncio.Queue()
        for i in range(len(arg_lists)):
            queue.put_nowait(i)

        async def lane() -> None:
            while True:
                try:
                    i = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                try:
                    value = await self.call(fn, *arg_lists[i])
                except (asyncio.CancelledError, KeyboardInterrupt):
                    raise
                except Exception as exc:
                    on_error(i, exc)
                else:
                    on_result(i, value)

        lanes = max(1, min(self.workers, len(arg_lists)))
        await asyncio.gather(*(lane() for _ in range(lanes)))
