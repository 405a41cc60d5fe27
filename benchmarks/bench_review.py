"""Speed of the batch review (issue 11): the text sketch per report and the batch summary with its
near-identical-text search, which must stay linear in the number of reports.

    python benchmarks/bench_review.py [-n 1000]

Three batches of ``n`` reports of the sample's length: all different (sharing the genre's
common phrases, as real reports do), all copies of one text, and groups of ten copies. Each
prints the time of ``review_batch`` and the comparisons it made (n²/2 would be 500,000 for 1,000).
Target: ``review_batch`` over 1,000 reports < 1 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "examples" / "yangxi-2023" / "report.txt"
sys.path.insert(0, str(REPO))

BATCH_S = 1.0


def _texts(n: int, mode: str, rng: random.Random) -> list[str]:
    base = SAMPLE.read_text(encoding="utf-8")
    phrases = [p for p in base.replace("\n", "。").split("。") if len(p) > 8]
    pool = sorted({ch for ch in base if "\u4e00" <= ch <= "\u9fff"})

    def one() -> str:
        # a third the genre's phrases, two thirds the unit's own prose
        common = "。".join(rng.sample(phrases, len(phrases) // 3))
        own = "".join(rng.choice(pool) for _ in range(len(base) * 2 // 3))
        return common + own

    if mode == "copies":
        text = one()
        return [text] * n
    if mode == "groups":
        texts = [one() for _ in range(max(1, n // 10))]
        return [texts[i % len(texts)] for i in range(n)]
    return [one() for _ in range(n)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000)
    args = parser.parse_args()

    from drafter.check import similarity as sim
    from drafter.check.run import ReportResult
    from drafter.review import review_batch

    rng = random.Random(7)
    failed = False
    for mode in ("distinct", "copies", "groups"):
        texts = _texts(args.n, mode, rng)
        start = time.process_time()
        sketches = [sim.sketch_text(t) for t in texts]
        per_report = (time.process_time() - start) / len(texts) * 1000
        results = [
            ReportResult(path=f"r{i:04d}.txt", year=2023, kind="部门整体", sketch=s)
            for i, s in enumerate(sketches)
        ]
        calls = 0
        real = sim.similarity

        def counting(a: sim.TextSketch, b: sim.TextSketch, real: object = real) -> float:
            nonlocal calls
            calls += 1
            return real(a, b)  # type: ignore[operator]

        sim.similarity = counting  # type: ignore[assignment]
        try:
            start = time.perf_counter()
            review = review_batch(results)
            elapsed = time.perf_counter() - start
        finally:
            sim.similarity = real  # type: ignore[assignment]
        ok = elapsed < BATCH_S
        failed |= not ok
        print(
            f"{mode:9s} {args.n} 份：草图 {per_report:.2f} 毫秒/份（CPU），review_batch {elapsed:.3f} 秒，"
            f"比较 {calls} 次，相似对 {len(review.pairs)}  {'达标' if ok else '未达标'}（目标 < {BATCH_S:.0f} 秒）"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
