"""Whole-process time of offline drafting: ``python -m drafter draft examples/yangxi-2023/data.yaml``.

Target (issue 2): under 0.3 s on this machine. Prints, for each output format, the median and
spread of N runs' wall time and the median CPU time (user + sys of the child, which other load
on the machine disturbs much less than wall time), the bare interpreter start-up for
reference, the load average, and whether the target is met.

    python benchmarks/bench_draft.py [-n 15]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "examples" / "yangxi-2023" / "data.yaml"
TARGET_SECONDS = 0.3


def _time(
    cmd: list[str], runs: int, env: dict[str, str], check: bool = True
) -> tuple[list[float], list[float]]:
    """(wall times, CPU times) of ``runs`` runs, after one warm-up run (file cache, jinja cache)."""
    subprocess.run(cmd, env=env, capture_output=True, check=check)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=check)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return walls, cpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # Children keep compiled bytecode (in a temporary folder), as an installed package has it:
        # some shells set PYTHONDONTWRITEBYTECODE, which would time the compiler instead.
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""),
            "PYTHONPYCACHEPREFIX": f"{tmp}/pycache",
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        rows = [("python -c pass (start-up)", [sys.executable, "-c", "pass"])]
        rows += [
            ("draft → stdout (markdown)", [sys.executable, "-m", "drafter", "draft", str(DATA)]),
            (
                "draft -o report.txt",
                [sys.executable, "-m", "drafter", "draft", str(DATA), "--force", "-o", f"{tmp}/r.txt"],
            ),
            (
                "draft -o report.docx",
                [sys.executable, "-m", "drafter", "draft", str(DATA), "--force", "-o", f"{tmp}/r.docx"],
            ),
            ("validate", [sys.executable, "-m", "drafter", "validate", str(DATA)]),
        ]
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"{os.cpu_count()} CPUs, load average {load:.2f}; {args.runs} runs each")
        print(f"{'command':<28} {'wall median':>11} {'min':>7} {'max':>7} {'CPU median':>11}")
        medians = {}
        for label, cmd in rows:
            walls, cpus = _time(cmd, args.runs, env, check=not label.startswith("validate"))
            medians[label] = (statistics.median(walls), min(walls), statistics.median(cpus))
            print(
                f"{label:<28} {medians[label][0]:>10.3f}s {min(walls):>6.3f}s {max(walls):>6.3f}s"
                f" {medians[label][2]:>10.3f}s"
            )
    wall, best, cpu = medians["draft → stdout (markdown)"]
    verdict = "met" if wall < TARGET_SECONDS else "NOT met"
    print(
        f"target: draft under {TARGET_SECONDS:.1f} s — {verdict} "
        f"(wall median {wall:.3f} s, best {best:.3f} s, CPU median {cpu:.3f} s)"
    )
    return 0 if wall < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
