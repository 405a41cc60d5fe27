"""Reading speed: the sample report as .txt and as a generated .docx, plus number scanning.

    python benchmarks/bench_read.py [N]

Prints files per second for read_document (+ outline) and quantities per report. The checker's
targets (issue 3) are 500 .txt and 100 .docx reports per second *including* all checks, in one
process on a 2-core machine, so reading must stay well above those figures.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from drafter.read import read_document  # noqa: E402
from drafter.read.outline import build_outline  # noqa: E402
from drafter.text.numbers import find_quantities, normalize  # noqa: E402

SAMPLE = REPO / "examples" / "yangxi-2023" / "report.txt"


def _make_docx(folder: Path) -> Path:
    import docx

    d = docx.Document()
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    for raw in lines[:40]:
        d.add_paragraph(raw)
    table = d.add_table(rows=11, cols=5)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = ["一级指标", "二级指标", "分值", "自评得分", "说明"][c] if r == 0 else f"{r}-{c}"
    for raw in lines[40:]:
        d.add_paragraph(raw)
    path = folder / "sample.docx"
    d.save(path)
    return path


def _rate(label: str, n: int, fn) -> float:
    fn()  # warm up (imports, regex caches)
    start = time.perf_counter()
    cpu_start = time.process_time()
    for _ in range(n):
        fn()
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    per_s = n / elapsed
    # CPU time per call is the figure to compare when other processes share the machine
    print(f"{label:<44} {per_s:9.0f} /s wall   {n / cpu:9.0f} /s cpu   ({cpu / n * 1000:.3f} ms cpu each)")
    return per_s


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"machine: {os.cpu_count()} cores, load average {load:.2f} (wall figures drop when it exceeds the cores)"
    )
    text = SAMPLE.read_text(encoding="utf-8")
    print(f"sample: {len(text)} characters, {len(text.splitlines())} lines; N = {n}")
    _rate("normalize(sample text)", n, lambda: normalize(text))
    _rate("find_quantities(sample text)", n, lambda: find_quantities(text))
    _rate("read_document(.txt)", n, lambda: read_document(SAMPLE))
    _rate("read_document(.txt) + build_outline", n, lambda: build_outline(read_document(SAMPLE)))
    _rate(
        "read + outline + find_quantities per line",
        n,
        lambda: [find_quantities(line.text) for line in build_outline_doc(SAMPLE)],
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = _make_docx(Path(tmp))
        _rate("read_document(.docx, 62 paragraphs + table)", n, lambda: read_document(path))


def build_outline_doc(path: Path):
    doc = read_document(path)
    build_outline(doc)
    return doc.lines


if __name__ == "__main__":
    main()
