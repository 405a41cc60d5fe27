"""Speed of extraction (Document → Facts) and of the score and figure rules, in one process.

CPU time per call (time.process_time), so other load on the machine does not distort it.
Targets (issue 3): 500 .txt reports of the sample's size per second in one process for the
whole check, so extraction plus the SC/FG rules must stay well under 2 ms per report.

    python benchmarks/bench_extract.py [-n 500]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from drafter.check.extract import extract_facts  # noqa: E402
from drafter.check.facts import CheckContext  # noqa: E402
from drafter.check.rules import figures, scores  # noqa: E402
from drafter.read import read_document  # noqa: E402

SAMPLE = REPO / "examples" / "yangxi-2023" / "report.txt"
TARGET_MS = 2.0


def _per_call_ms(fn: Callable[[], object], n: int, rounds: int = 5) -> list[float]:
    fn()
    out = []
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(n):
            fn()
        out.append((time.process_time() - start) / n * 1000)
    return out


def _check(doc: object, rules: tuple, ctx: CheckContext) -> list:
    facts = extract_facts(doc)  # type: ignore[arg-type]
    return [f for r in rules for f in r.run(facts, ctx)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=500, help="calls per round (5 rounds)")
    args = parser.parse_args()
    doc = read_document(SAMPLE)
    facts = extract_facts(doc)
    ctx = CheckContext()
    rules = scores.RULES + figures.RULES
    rows = [
        ("read_document (.txt)", lambda: read_document(SAMPLE)),
        ("extract_facts", lambda: extract_facts(doc)),
        ("SC+FG rules on Facts", lambda: [r.run(facts, ctx) for r in rules]),
        ("extract + SC+FG rules", lambda: _check(doc, rules, ctx)),
    ]
    print(f"{'step':<24} {'median ms':>10} {'min ms':>8} {'per second':>11}   ({args.n} calls × 5 rounds)")
    medians = {}
    for label, fn in rows:
        times = _per_call_ms(fn, args.n)
        med = statistics.median(times)
        medians[label] = med
        print(f"{label:<24} {med:>10.3f} {min(times):>8.3f} {1000 / med:>11.0f}")
    ok = medians["extract + SC+FG rules"] < TARGET_MS
    print(f"target extract + SC/FG rules < {TARGET_MS} ms per report: {'met' if ok else 'NOT met'}")
    _stages(doc, args.n)
    return 0 if ok else 1


def _stages(doc: object, n: int) -> None:
    """Where extract_facts spends its time: each stage timed by CPU over ``n`` calls."""
    from drafter.check.extract import _common, entities, figures, grades, scores, tables

    def fresh() -> list:
        return _common.prepare(doc)  # type: ignore[arg-type]

    stages: list[tuple[str, Callable[[list], object]]] = [
        ("build_score_tree", scores.build_score_tree),
        ("extract_tables", tables.extract_tables),
        ("extract_figures", figures.extract_figures),
        ("extract_claims", figures.extract_claims),
        ("extract_entities", entities.extract_entities),
        ("years + names", lambda lines: entities.extract_names(lines, entities.extract_years(lines)[0])),
        (
            "extract_grades + bands",
            lambda lines: (grades.extract_grades(lines), grades.extract_grade_bands(lines)),
        ),
    ]
    prep = min(_per_call_ms(fresh, n, rounds=3))
    print("stages of extract_facts (min ms of 3 rounds; each on freshly prepared lines, clause cache cold):")
    print(f"  {'prepare (normalise, headings, zones)':<38} {prep:>7.3f}")
    for label, fn in stages:
        both = min(_per_call_ms(lambda fn=fn: fn(fresh()), n, rounds=3))
        print(f"  {label:<38} {max(both - prep, 0):>7.3f}")


if __name__ == "__main__":
    raise SystemExit(main())
