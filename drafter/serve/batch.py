"""The batch review as the web page shows it: one summary row per report, the verdict, the
per-report JSON, the review page, and the summary workbook a reviewer files.

The reviewer's side of ``drafter check`` (issue 11, part 0: reviewer mode, verdicts, similarity,
the batch workbook) lives in :mod:`drafter.review` once it is on main; until then this module is
the thin adapter over :func:`drafter.check.run.Checker` that the server uses, with the same
three verdicts: 通过 / 退回修改 / 未能审核.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

__all__ = [
    "VERDICTS",
    "report_extra",
    "report_payload",
    "review_page",
    "reviewer_options",
    "summary_row",
    "summary_xlsx",
    "verdict",
]

PASS, SEND_BACK, UNREVIEWED = "通过", "退回修改", "未能审核"
VERDICTS = (PASS, SEND_BACK, UNREVIEWED)
# Severity of a verdict for sorting: the reports a reviewer must act on first.
VERDICT_RANK = {SEND_BACK: 0, UNREVIEWED: 1, PASS: 2}


def reviewer_options(data_path: str | None) -> Any:
    """Check options of the server: reviewer mode where the checker has it (a report's own
    suppressions hide nothing), never a report's ``drafter.yaml`` (uploads are stored without one
    anyway), and the job's data file, when given, to check against."""
    from drafter.check.run import CheckOptions

    extra = {"reviewer": True} if "reviewer" in CheckOptions.model_fields else {}
    return CheckOptions(data=data_path, discover_config=False, **extra)


def _num(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def report_extra(result: Any, doc: Any) -> dict[str, Any]:
    """Unit, year, kind and totals of a checked report (what the summary and the JSON carry).

    Taken from the result where the checker provides them; else read from the report's facts.
    """
    unit = getattr(result, "unit", None)
    year = getattr(result, "year", None)
    kind = getattr(result, "kind", None)
    if not hasattr(result, "unit") and doc is not None and not result.error:
        from drafter.check.extract import extract_facts

        facts = extract_facts(doc)
        unit, year = facts.dept_full or facts.dept_short, facts.year
    return {
        "unit": unit,
        "year": year,
        "kind": kind,
        "stated_total": _num(getattr(result, "stated_total", None)),
        "computed_total": _num(getattr(result, "computed_total", None)),
        "suppressed": len(getattr(result, "suppressed", ()) or ()),
    }


def verdict(result: Any) -> tuple[str, list[str]]:
    """The verdict on one report and its reasons (Chinese, shown to the reviewer)."""
    if result.error:
        return UNREVIEWED, [result.error]
    codes = [f.code for f in result.findings]
    if "RD001" in codes or (result.stated_total is None and result.computed_total is None):
        return UNREVIEWED, ["报告中未读到自评得分，无法核对，需人工审核。"]
    errors = [f for f in result.findings if f.severity.value == "error"]
    if errors:
        return SEND_BACK, [
            f"{f.code} 第{f.line}行：{f.message}" if f.line else f"{f.code}：{f.message}" for f in errors
        ]
    return PASS, []


def summary_row(
    result: Any, extra: dict[str, Any], *, index: int, notes: Sequence[str] = ()
) -> dict[str, Any]:
    """The summary row of one report (JSON-able; the page and the workbook use it)."""
    from drafter.findings import summarize

    counts = summarize(list(result.findings))
    decided, reasons = verdict(result)
    return {
        "index": index,
        "name": result.path,
        **extra,
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
        "verdict": decided,
        "reasons": reasons,
        "error": result.error,
        "notes": list(notes),
    }


def report_payload(result: Any, extra: dict[str, Any]) -> dict[str, Any]:
    """The JSON of one report: the CLI's stable entry plus unit, year, totals and verdict."""
    from drafter.render import report_json

    decided, reasons = verdict(result)
    return {**report_json(result), **extra, "verdict": decided, "reasons": reasons}


def review_page(result: Any, doc: Any) -> str:
    """The existing review view (:mod:`drafter.office.html`) for one report."""
    from drafter.office.html import render_html

    documents = {result.path: doc} if doc is not None else None
    return render_html([result], documents=documents, title=f"审核：{result.path}")


def summary_xlsx(rows: Sequence[dict[str, Any]], payloads: Sequence[dict[str, Any]]) -> bytes:
    """The batch as a workbook: 汇总 (one row per report), 退回清单, 问题明细."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    head_font = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="ECEFF1")

    def sheet(ws: Any, header: Sequence[str], body: Sequence[Sequence[Any]], widths: Sequence[int]) -> None:
        ws.append(list(header))
        for cell in ws[1]:
            cell.font, cell.fill = head_font, head_fill
        for values in body:
            ws.append(list(values))
        for i, width in enumerate(widths):
            ws.column_dimensions[chr(ord("A") + i)].width = width
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if cell.data_type == "f":  # report text such as "=1+1" stays text, never a formula
                    cell.data_type = "s"
        ws.freeze_panes = "A2"

    ordered = sorted(
        rows, key=lambda r: (VERDICT_RANK.get(r["verdict"], 9), -r["errors"], -r["warnings"], r["index"])
    )
    ws = wb.active
    ws.title = "汇总"
    sheet(
        ws,
        ("序号", "文件", "单位", "年度", "自评总分", "各项合计", "错误", "警告", "提示", "结论", "原因"),
        [
            (
                r["index"],
                r["name"],
                r.get("unit") or "",
                r.get("year") or "",
                r.get("stated_total") or "",
                r.get("computed_total") or "",
                r["errors"],
                r["warnings"],
                r["infos"],
                r["verdict"],
                "\n".join(r["reasons"]),
            )
            for r in ordered
        ],
        (6, 40, 28, 8, 10, 10, 6, 6, 6, 10, 60),
    )
    back = [r for r in ordered if r["verdict"] != PASS]
    sheet(
        wb.create_sheet("退回清单"),
        ("文件", "单位", "结论", "原因"),
        [(r["name"], r.get("unit") or "", r["verdict"], "\n".join(r["reasons"])) for r in back],
        (40, 28, 10, 80),
    )
    details = []
    for p in payloads:
        for f in p.get("findings", []):
            details.append(
                (
                    p["path"],
                    f["line"] or "",
                    f["code"],
                    _SEVERITY.get(f["severity"], f["severity"]),
                    f["message"],
                    f.get("quote") or "",
                    f.get("expected") or "",
                    f.get("found") or "",
                    f.get("hint") or "",
                )
            )
    sheet(
        wb.create_sheet("问题明细"),
        ("文件", "行", "代码", "级别", "问题", "原文", "应为", "实际", "建议"),
        details,
        (36, 6, 8, 6, 50, 40, 14, 14, 40),
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
