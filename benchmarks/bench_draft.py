"""Whole-process time of offline drafting: ``python -m drafter draft examples/yangxi-2023/data.yaml``.

Target (issue 2): under 0.3 s on this machine. Prints the median and spread of N runs for each
output format, the bare interpreter start-up for reference, and whether the target is met.

    python benchmarks/bench_draft.py [-n 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "examples" / "yangxi-2023" / "data.yaml"
TARGET_SECONDS = 0.3


def _time(cmd: list[str], runs: int, env: dict[str, str]) -> list[float]:
    subprocess.run(cmd, env=env, capture_output=True, check=True)  # warm the OS file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    rows = [("python -c pass (start-up)", [sys.executable, "-c", "pass"])]
    with tempfile.TemporaryDirectory() as tmp:
        rows += [
            ("draft → stdout (markdown)", [sys.executable, "-m", "drafter", "draft", str(DATA)]),
            (
                "draft -o report.txt",
                [sys.executable, "-m", "drafter", "draft", str(DATA), "-o", f"{tmp}/r.txt"],
            ),
            (
                "draft -o report.docx",
                [sys.executable, "-m", "drafter", "draft", str(DATA), "-o", f"{tmp}/r.docx"],
            ),
            ("validate", [sys.executable, "-m", "drafter", "validate", str(DATA)]),
        ]
        print(f"{'command':<28} {'median':>8} {'min':>8} {'max':>8}   ({args.runs} runs)")
        medians = {}
        for label, cmd in rows:
            if label.startswith("validate"):
                times = []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    subprocess.run(cmd, env=env, capture_output=True)
                    times.append(time.perf_counter() - start)
            else:
                times = _time(cmd, args.runs, env)
            medians[label] = statistics.median(times)
            print(f"{label:<28} {medians[label]:>7.3f}s {min(times):>7.3f}s {max(times):>7.3f}s")
    main_case = medians["draft → stdout (markdown)"]
    verdict = "met" if main_case < TARGET_SECONDS else "NOT met"
    print(f"target: draft under {TARGET_SECONDS:.1f} s — {verdict} ({main_case:.3f} s median)")
    return 0 if main_case < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
