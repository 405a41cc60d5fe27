"""In-process timings of the office features, on the bundled examples.

    python benchmarks/bench_office.py [-n 20]

Prints the median of N runs for: importing a 自评表 workbook (yangxi, exported from its data),
writing the template workbook, writing the 公文-styled .docx of a drafted report, annotating the
sample report with its findings (.txt → reviewed .docx), and rendering the HTML review page.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DATA = REPO / "examples" / "yangxi-2023" / "data.yaml"
REPORT = REPO / "examples" / "yangxi-2023" / "report.txt"


def _median_ms(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()  # warm caches and lazy imports
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="runs per measurement")
    args = parser.parse_args()

    from drafter.check.run import CheckOptions, check_paths
    from drafter.data.load import load_data
    from drafter.data.xlsx_import import import_workbook
    from drafter.draft.gongwen import report_docx_bytes
    from drafter.draft.report import draft_report
    from drafter.office.annotate import annotate_docx
    from drafter.office.html import render_html
    from drafter.office.xlsx_template import write_template

    data = load_data(DATA)
    report = draft_report(data)
    (result,) = check_paths([str(REPORT)], options=CheckOptions())
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        book = write_template(work / "yangxi.xlsx", data=data)
        rows = [
            ("import_workbook (yangxi .xlsx)", lambda: import_workbook(book)),
            ("write_template (部门整体, empty)", lambda: write_template(work / "t.xlsx", "部门整体")),
            ("公文 .docx of the drafted report", lambda: report_docx_bytes(report)),
            (
                f"annotate_docx (sample .txt, {len(result.findings)} findings)",
                lambda: annotate_docx(REPORT, result.findings, work / "reviewed.docx"),
            ),
            ("render_html (sample, findings highlighted)", lambda: render_html([result])),
        ]
        print(f"{'step':<48} {'median ms':>10} {'max ms':>8}   (n={args.n})")
        for name, fn in rows:
            median, worst = _median_ms(fn, args.n)
            print(f"{name:<48} {median:>10.1f} {worst:>8.1f}")


if __name__ == "__main__":
    main()
