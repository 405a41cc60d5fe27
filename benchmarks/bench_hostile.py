"""Hostile and absurd input: how many cases end cleanly, and the worst time and memory they cost.

    python benchmarks/bench_hostile.py [--family yaml|numbers|files] [-v]

Runs the generated cases of the hostile-input suite (tests/test_hostile_*.py: alias bombs,
absurd numbers, zip bombs, encrypted and truncated Office files, a million rows, a thousand PDF
pages, a line of a million digits …) each through the real CLI in a forked child, and prints
cases tried, cases handled (expected exit code, no traceback, CPU < 5 s, peak memory < 300 MB),
and the worst CPU time, wall time and peak memory with the case that caused each.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from _hostile import MAX_CPU_S, MAX_MEM_MB, Outcome, run_forked  # noqa: E402


def _cases() -> list[tuple[str, str, object, tuple[int, ...]]]:
    """(family, name, make(folder) -> argv, allowed exit codes)."""
    import test_hostile_files as files
    import test_hostile_yaml as data

    out: list[tuple[str, str, object, tuple[int, ...]]] = []

    def draft_of(text: str):  # type: ignore[no-untyped-def]
        def make(folder: Path) -> list[str]:
            src = folder / "data.yaml"
            src.write_text(text, encoding="utf-8")
            return ["draft", str(src), "-o", str(folder / "out.md")]

        return make

    for name, (text, _word) in data.STRUCTURE.items():
        out.append(("yaml", name, draft_of(text), (2,)))
    for name, (old, new, _word) in data.NUMBERS.items():
        out.append(("numbers", name, draft_of(data.DATA.replace(old, new, 1)), (2,)))
    for name, (maker, codes, _word) in files.CASES.items():

        def make(folder: Path, maker=maker) -> list[str]:  # type: ignore[no-untyped-def]
            return ["check", str(maker(folder))]

        out.append(("files", name, make, codes))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--family", choices=["yaml", "numbers", "files"], default=None)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    cases = [c for c in _cases() if args.family in (None, c[0])]
    results: list[tuple[str, Outcome, bool]] = []
    start = time.perf_counter()
    for family, name, make, codes in cases:
        with tempfile.TemporaryDirectory() as tmp:
            argv = make(Path(tmp))  # type: ignore[operator]
            try:
                outcome = run_forked(argv)
            except AssertionError:  # hung and killed
                outcome = Outcome(code=-1, stdout="", stderr="hung", wall=99.0, cpu=99.0, peak_mb=0.0)
        handled = (
            outcome.code in codes
            and "Traceback" not in outcome.stderr
            and outcome.cpu < MAX_CPU_S
            and outcome.peak_mb < MAX_MEM_MB
        )
        results.append((f"{family}/{name}", outcome, handled))
        if args.verbose or not handled:
            mark = "ok " if handled else "BAD"
            print(
                f"{mark} {family}/{name:<36} exit {outcome.code}  cpu {outcome.cpu:5.2f} s  "
                f"wall {outcome.wall:5.2f} s  peak {outcome.peak_mb:6.1f} MB",
                flush=True,
            )
    handled = sum(1 for _, _, ok in results if ok)
    worst_cpu = max(results, key=lambda r: r[1].cpu)
    worst_wall = max(results, key=lambda r: r[1].wall)
    worst_mem = max(results, key=lambda r: r[1].peak_mb)
    print(f"hostile cases tried: {len(results)}, handled cleanly: {handled}")
    print(f"worst CPU time:  {worst_cpu[1].cpu:.2f} s ({worst_cpu[0]}); bound {MAX_CPU_S:.0f} s")
    print(f"worst wall time: {worst_wall[1].wall:.2f} s ({worst_wall[0]})")
    print(f"worst peak memory: {worst_mem[1].peak_mb:.1f} MB ({worst_mem[0]}); bound {MAX_MEM_MB:.0f} MB")
    print(f"total: {time.perf_counter() - start:.1f} s")
    return 0 if handled == len(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
