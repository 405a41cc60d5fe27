"""Print how drafter's checker does on the shared corpus of real reports: per file, and in total.

Run: python benchmarks/corpus_score.py   (the shared corpus ../shared/corpus/real is used when it sits beside the
repository; tests/corpus/found, the reports we found ourselves, always)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.corpus_real import CORPUS, corpora, recall, score_corpus


def main() -> int:
    if CORPUS not in corpora():
        print(f"(the shared corpus is not at {CORPUS}; scoring our own finds only)")
    scores = score_corpus()
    for s in scores:
        tag = "clean" if s.clean else f"firm {sum(s.found)}/{len(s.firm)}"
        bad = " NOISY" if s.clean and s.flagged else ""
        print(f"{s.name:48} {tag:10}{bad}  {' '.join(s.flagged) or '-'}  [{' '.join(sorted(set(s.codes)))}]")
        for fault, ok in zip(s.firm, s.found, strict=True):
            if not ok:
                print(f"    missed: {fault['quote']}")
    found, total = recall(scores)
    noisy = sum(1 for s in scores if s.clean and s.flagged)
    rd = sum(1 for s in scores if s.codes == ["RD001"])
    print(
        f"firm faults found: {found}/{total} ({found / total:.0%}); noisy clean controls: {noisy}; RD001-only: {rd}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
