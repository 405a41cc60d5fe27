"""The batch summary as a workbook a reviewer can file (``drafter check DIR -f xlsx -o 汇总.xlsx``).

Sheets: 汇总 (one row per report, sorted by severity, the same columns as the text table plus
the reasons), 退回修改 (the reports to send back, with their reasons), 问题清单 (every finding),
已忽略 (the findings the reports' own suppressions cover), 相似正文 (near-identical pairs).
Report text never becomes a formula: every cell that starts like one is written as text.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from drafter.review.batch import SEND_BACK, UNREVIEWED, BatchReview
from drafter.review.columns import COLUMNS, SEVERITY_LABELS

__all__ = ["SHEETS", "review_workbook", "write_review_xlsx", "xlsx_target"]

SHEETS = ("汇总", "退回修改", "问题清单", "已忽略", "相似正文")

_SUMMARY_KEYS = (
    "index",
    "path",
    "unit",
    "year",
    "kind",
    "stated_total",
    "computed_total",
    "error",
    "warning",
    "info",
    "suppressed",
    "verdict",
    "reasons",
    "notes",
)
_FINDING_HEADERS = (
    COLUMNS["path"],
    COLUMNS["unit"],
    "行",
    "代码",
    "级别",
    "问题",
    "原文",
    "应为",
    "实际",
    "建议",
)
_FINDING_WIDTHS = (36, 24, 6, 8, 6, 50, 40, 14, 14, 40)


def _number(value: Any) -> Any:
    if value is None:
        return None
    from decimal import Decimal

    if isinstance(value, Decimal):  # a score: exact as written (96, 95.5), not a binary float's tail
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _finding_rows(review: BatchReview, results: Sequence[Any], attr: str) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for item in review.reports:
        result = results[item.index - 1]
        for f in getattr(result, attr, ()) or ():
            rows.append(
                (
                    item.path,
                    item.unit,
                    f.line,
                    f.code,
                    SEVERITY_LABELS[f.severity.value],
                    f.message,
                    f.quote or None,
                    f.expected,
                    f.found,
                    f.hint,
                )
            )
    return rows


def review_workbook(review: BatchReview, results: Sequence[Any]) -> bytes:
    """The workbook's bytes. ``results`` are the checked reports in the order the review was made
    from (their findings fill the finding sheets)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="ECEFF1")
    wrap = Alignment(wrap_text=True, vertical="top")

    def sheet(ws: Any, header: Sequence[str], body: Sequence[Sequence[Any]], widths: Sequence[int]) -> None:
        from openpyxl.utils import get_column_letter

        ws.append(list(header))
        for cell in ws[1]:
            cell.font, cell.fill = bold, fill
        for values in body:
            ws.append(list(values))
        for i, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = wrap
                if cell.data_type == "f":  # report text such as "=1+1" stays text, never a formula
                    cell.data_type = "s"
        ws.freeze_panes = "A2"
        if body:
            ws.auto_filter.ref = ws.dimensions

    summary = wb.active
    summary.title = SHEETS[0]
    sheet(
        summary,
        [COLUMNS[k] for k in _SUMMARY_KEYS],
        [
            (
                r.index,
                r.path,
                r.unit,
                r.year,
                r.kind,
                _number(r.stated_total),
                _number(r.computed_total),
                r.errors,
                r.warnings,
                r.infos,
                r.suppressed,
                r.verdict,
                "\n".join(r.reasons) or None,
                "\n".join(r.notes) or None,
            )
            for r in review.reports
        ],
        (6, 40, 26, 7, 9, 9, 9, 6, 6, 6, 7, 10, 60, 40),
    )
    back = [r for r in review.reports if r.verdict in (SEND_BACK, UNREVIEWED)]
    sheet(
        wb.create_sheet(SHEETS[1]),
        [COLUMNS[k] for k in ("path", "unit", "verdict", "reasons")],
        [(r.path, r.unit, r.verdict, "\n".join(r.reasons)) for r in back],
        (40, 26, 10, 80),
    )
    sheet(
        wb.create_sheet(SHEETS[2]),
        _FINDING_HEADERS,
        _finding_rows(review, results, "findings"),
        _FINDING_WIDTHS,
    )
    sheet(
        wb.create_sheet(SHEETS[3]),
        _FINDING_HEADERS,
        _finding_rows(review, results, "suppressed"),
        _FINDING_WIDTHS,
    )
    units = {r.path: r.unit for r in review.reports}
    sheet(
        wb.create_sheet(SHEETS[4]),
        ("文件甲", "单位甲", "文件乙", "单位乙", "相同比例"),
        [(a, units.get(a), b, units.get(b), f"{int(share * 100 + 0.5)}%") for a, b, share in review.pairs],
        (40, 26, 40, 26, 10),
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_review_xlsx(
    review: BatchReview,
    results: Sequence[Any],
    path: str | os.PathLike[str],
    *,
    inputs: Sequence[str] = (),
    overwrite: bool = False,
) -> None:
    """Write the workbook to ``path`` atomically (see :func:`xlsx_target`)."""
    from drafter.fileio import write_atomic

    write_atomic(xlsx_target(path, inputs, overwrite=overwrite), review_workbook(review, results))


def xlsx_target(path: str | os.PathLike[str], inputs: Sequence[str] = (), *, overwrite: bool = False) -> Path:
    """``path`` when a workbook may be written there: an .xlsx name, not one of ``inputs``, not an
    existing file unless ``overwrite`` (a DrafterError in Chinese otherwise)."""
    from drafter.errors import DrafterError
    from drafter.fileio import check_output_path

    target = check_output_path(path, inputs)
    if target.suffix.lower() != ".xlsx":
        raise DrafterError("汇总表应保存为 .xlsx 文件（例如 汇总.xlsx）。", path=str(target))
    if not overwrite and target.exists():
        raise DrafterError("文件已存在，未覆盖；请换一个文件名，或加 --force 覆盖。", path=str(target))
    return target
