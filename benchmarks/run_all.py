"""Run every benchmark and print its figures: ``python benchmarks/run_all.py [--quick]``.

Each benchmark is its own script (so it can be run alone with more options); this runs them one
after another with modest sizes, in a clean interpreter each, and prints their output as is.
``--quick`` uses smaller sizes (a figure for each target in about a minute).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (script, normal arguments, quick arguments)
BENCHMARKS: tuple[tuple[str, list[str], list[str]], ...] = (
    ("bench_draft.py", ["-n", "15"], ["-n", "5"]),
    ("bench_read.py", ["500"], ["100"]),
    ("bench_extract.py", ["-n", "500"], ["-n", "100"]),
    (
        "bench_check.py",
        ["--docx-folder", "1000"],
        ["--docx-folder", "200", "--runs", "3", "--skip-crossover"],
    ),
    ("bench_office.py", ["-n", "20"], ["-n", "5"]),
    ("bench_review.py", ["-n", "1000"], ["-n", "300"]),
    ("bench_llm.py", [], ["--runs", "2"]),
    ("bench_hostile.py", [], ["--family", "yaml"]),
)


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    failed = []
    for script, normal, short in BENCHMARKS:
        args = short if quick else normal
        print(f"\n===== {script} {' '.join(args)}", flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, str(HERE / script), *args])
        print(f"----- {script}: exit {code}, {time.perf_counter() - start:.1f} s", flush=True)
        if code:
            failed.append(script)
    print("\n全部基准已运行" + (f"；未正常结束：{', '.join(failed)}" if failed else "。"))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
