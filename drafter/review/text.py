"""The batch summary as text: the per-report table that ends ``drafter check DIR`` and the lists
a reviewer acts on (to send back, not reviewed, near-identical text).

Names are never cut: a file name or unit wider than its column wraps onto the next lines of the
table, so the unit in "某某市人力资源和社会保障局2024年度…" is always there to read.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from decimal import Decimal

from drafter.review.batch import PASS, SEND_BACK, UNREVIEWED, BatchReview, ReportReview
from drafter.review.columns import COLUMNS, SUMMARY_KEYS
from drafter.text.width import char_width, display_width

__all__ = ["common_folder", "review_lines", "summary_table", "wrap_width"]

#: Display columns (a CJK character takes two) of the file and unit columns before they wrap.
PATH_WIDTH = 44
UNIT_WIDTH = 32
#: Reasons listed per report in the send-back list before "等 N 条".
REASONS_SHOWN = 8


def wrap_width(text: str, width: int) -> list[str]:
    """``text`` in pieces of at most ``width`` display columns, nothing dropped."""
    if display_width(text) <= width:
        return [text]
    out: list[str] = []
    piece, used = "", 0
    for ch in text:
        w = char_width(ch)
        if used + w > width and piece:
            out.append(piece)
            piece, used = "", 0
        piece += ch
        used += w
    if piece:
        out.append(piece)
    return out


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def _num(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


_HEADERS = tuple(COLUMNS[k] for k in SUMMARY_KEYS)
_RIGHT = {2, 4, 5, 6, 7, 8, 9}  # numeric columns


def common_folder(paths: Sequence[str]) -> str:
    """The folder all ``paths`` lie in ('' when they share none, or there is only one)."""
    if len(paths) < 2:
        return ""
    try:
        common = os.path.commonpath([os.path.dirname(p) or "." for p in paths])
    except ValueError:  # relative mixed with absolute, or other drives
        return ""
    return "" if common in ("", ".") else common


def _shown(path: str, folder: str) -> str:
    return os.path.relpath(path, folder) if folder else path


def _cells(r: ReportReview, folder: str) -> tuple[str, ...]:
    if r.error:
        return (_shown(r.path, folder), "", "", "", "", "", "", "", "", "", r.verdict)
    return (
        _shown(r.path, folder),
        r.unit or "—",
        str(r.year) if r.year is not None else "—",
        r.kind or "—",
        str(r.errors),
        str(r.warnings),
        str(r.infos),
        str(r.suppressed),
        _num(r.stated_total),
        _num(r.computed_total),
        r.verdict,
    )


def summary_table(review: BatchReview) -> list[str]:
    """One row per report, sorted by severity (退回修改, 未能审核, 通过), with the 结论 column;
    files are named relative to the folder they all lie in (named above the table)."""
    folder = common_folder([r.path for r in review.reports])
    rows = [_cells(r, folder) for r in review.reports]
    limits = {0: PATH_WIDTH, 1: UNIT_WIDTH}
    widths = [
        min(limits.get(i, 10**6), max(display_width(h), *(display_width(row[i]) for row in rows)))
        for i, h in enumerate(_HEADERS)
    ]

    def fmt(row: tuple[str, ...]) -> list[str]:
        pieces = [wrap_width(cell, limits[i]) if i in limits else [cell] for i, cell in enumerate(row)]
        height = max(len(p) for p in pieces)
        lines = []
        for k in range(height):
            cells = [
                _pad(p[k] if k < len(p) else "", widths[i], right=i in _RIGHT) for i, p in enumerate(pieces)
            ]
            lines.append("  ".join(cells).rstrip())
        return lines

    sep = "  ".join("-" * w for w in widths)
    out = [f"文件夹：{folder}"] if folder else []
    out += [*fmt(_HEADERS), sep]
    for row in rows:
        out.extend(fmt(row))
    return out


def _named(r: ReportReview) -> str:
    return f"{r.path}（{r.unit}）" if r.unit else r.path


def review_lines(review: BatchReview) -> list[str]:
    """The table, then the reports to send back and those not reviewed, each with its reasons,
    and the verdict counts."""
    out = summary_table(review)
    for verdict, items in ((SEND_BACK, review.send_back), (UNREVIEWED, review.unreviewed)):
        if not items:
            continue
        out.append("")
        out.append(f"{verdict}（{len(items)} 份）：")
        for r in items:
            out.append(f"  {_named(r)}")
            shown = r.reasons[:REASONS_SHOWN]
            out.extend(f"    - {reason}" for reason in shown)
            if len(r.reasons) > len(shown):
                out.append(f"    - 等，共 {len(r.reasons)} 条")
            out.extend(f"    · {note}" for note in r.notes)
    counts = review.verdict_counts
    out.append("")
    tally = "，".join(f"{v} {counts[v]} 份" for v in (SEND_BACK, UNREVIEWED, PASS))
    year = ""
    if review.year is not None:
        year = f"；本批年度 {review.year}" + ("（审核人指定）" if review.year_given else "")
    mode = "；审核模式：报告中的忽略标注与 drafter.yaml 不生效" if review.reviewer else ""
    out.append(f"结论：{tally}{year}{mode}。")
    return out
