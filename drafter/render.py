"""One renderer for findings: ``drafter check``, ``drafter validate`` and ``drafter suggest`` use it.

``text`` — grouped by file::

    report.txt 第12行  CN002  错误  内设机构中没有“国土规划局”……
        > 国土规划局。组织编制并监督实施……
        应为：…… / 实际：……
        建议：……

then one summary line (and, for a batch, a per-file table). Colour only when asked (the CLI asks
when :func:`wants_colour`: a terminal, ``NO_COLOR`` unset); plain ANSI codes, no import cost.

``json`` — the stable contract::

    {"version": 1, "reports": [{"path": …, "findings": [Finding.to_json()…],
                                "summary": {"error": n, "warning": n, "info": n}}]}

an unreadable file appears as ``{"path": …, "error": "<中文说明>"}``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from drafter.findings import Finding, Severity, summarize

if TYPE_CHECKING:  # drafter.review loads only for a batch summary
    from drafter.review import BatchReview

__all__ = [
    "JSON_VERSION",
    "SEVERITY_NAMES",
    "Report",
    "render_json",
    "render_text",
    "report_json",
    "summary_line",
    "wants_colour",
]

JSON_VERSION = 1
QUOTE_MAX = 160  # characters of a quote shown in text output; JSON always carries it whole

#: How each severity is named in text output.
SEVERITY_NAMES = {s.value: s.label for s in Severity}

_COLOURS = {"error": "31;1", "warning": "33;1", "info": "36", "path": "1", "code": "35", "dim": "2"}


class Report(Protocol):
    """What the renderer needs of one file's result (``drafter.check.run.CheckedReport`` fits)."""

    path: str
    findings: Sequence[Finding]
    error: str | None


def wants_colour(stream: object) -> bool:
    """Whether output to ``stream`` may be coloured: a terminal, ``NO_COLOR`` unset, ``TERM`` not dumb."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _paint(text: str, style: str, colour: bool) -> str:
    return f"\x1b[{_COLOURS[style]}m{text}\x1b[0m" if colour else text


def _clip(text: str, limit: int = QUOTE_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _finding_lines(path: str, f: Finding, colour: bool) -> list[str]:
    if f.line is not None and f.path and "!" in f.path:  # a workbook's cell: book.xlsx 单元格 Sheet1!G22
        where = f"{path} 单元格 {f.path}"
    elif f.line is not None:
        where = f"{path} 第{f.line}行"
    elif f.path:  # a data finding without a line (a workbook's data) names its field in Chinese
        from drafter.data.fields import field_name

        where = f"{path}（{field_name(f.path)}）"
    else:  # a whole-report finding names the file
        where = path
    sev = f.severity.value
    name = SEVERITY_NAMES.get(sev, sev)
    head = f"{_paint(where, 'path', colour)}  {_paint(f.code, 'code', colour)}  {_paint(name, sev, colour)}  {f.message}"
    out = [head]
    if f.origin == "model":
        out[0] += "（模型提示，请人工核实）"
    if f.quote:
        span = f"第{f.line}–{f.end_line}行 " if f.end_line and f.line and f.end_line != f.line else ""
        out.append(f"    > {span}{_clip(f.quote)}")
    if f.expected is not None or f.found is not None:
        out.append(
            f"    应为：{f.expected if f.expected is not None else '—'}    实际：{f.found if f.found is not None else '—'}"
        )
    if f.hint:
        out.append(_paint(f"    建议：{f.hint}", "dim", colour))
    return out


def summary_line(reports: Sequence[Report], *, reviewer: bool = False) -> str:
    """``共检查 3 个文件：错误 2 个，警告 1 个，提示 0 个；1 个文件无法读取。``, and how many
    findings the reports' own suppressions hid (or, for a reviewer, tried to hide)."""
    counts = summarize([f for r in reports for f in r.findings])
    unread = sum(1 for r in reports if r.error)
    checked = len(reports) - unread
    line = f"共检查 {checked} 个文件：错误 {counts['error']} 个，警告 {counts['warning']} 个，提示 {counts['info']} 个"
    if unread:
        line += f"；{unread} 个文件无法读取"
    hidden = sum(len(getattr(r, "suppressed", ()) or ()) for r in reports)
    if hidden:
        line += (
            f"；其中 {hidden} 个是报告中标注忽略的（审核模式照常列出）"
            if reviewer
            else f"；另有 {hidden} 个被报告中的忽略标注或 drafter.yaml 隐藏（--reviewer 可列出）"
        )
    if not any(r.findings for r in reports) and not unread:
        line += "。未发现问题"
    return line + "。"


def render_text(
    reports: Sequence[Report],
    *,
    colour: bool = False,
    table: bool | None = None,
    review: BatchReview | None = None,
) -> str:
    """Findings grouped by file, a summary line, and for several files the batch summary
    (:mod:`drafter.review.text`: the table with 结论, the reports to send back; ``review`` is the
    :class:`~drafter.review.BatchReview` of ``reports``, made here when not given)."""
    out: list[str] = []
    for r in reports:
        if r.error:
            out.append(f"{_paint(r.path, 'path', colour)}  {_paint('无法读取', 'error', colour)}：{r.error}")
            out.append("")
            continue
        if not r.findings:
            continue
        for f in r.findings:
            out.extend(_finding_lines(r.path, f, colour))
        out.append("")
    if table if table is not None else len(reports) > 1:
        from drafter.review import review_batch
        from drafter.review.text import review_lines

        out.extend(review_lines(review if review is not None else review_batch(reports)))
        out.append("")
    out.append(summary_line(reports, reviewer=bool(getattr(review, "reviewer", False))))
    return "\n".join(out) + "\n"


def report_json(r: Report) -> dict[str, Any]:
    """One file's entry of the JSON contract."""
    if r.error:
        return {"path": r.path, "error": r.error}
    entry: dict[str, Any] = {
        "path": r.path,
        "findings": [f.to_json() for f in r.findings],
        "summary": summarize(list(r.findings)),
    }
    suppressed = getattr(r, "suppressed", None)
    if suppressed:  # what the report's own suppressions cover (CheckedReport.suppressed)
        entry["suppressed_findings"] = [f.to_json() for f in suppressed]
    return entry


def render_json(reports: Iterable[Report], *, review: BatchReview | None = None, **extra: Any) -> str:
    """The stable JSON document: ``{"version": 1, "reports": [...]}``.

    With ``review`` (the :class:`~drafter.review.BatchReview` of ``reports``) each report's entry
    gains unit, year, kind, totals, verdict, reasons and the suppressed count, and the document a
    ``"review"`` part (verdict counts, the reports to send back, near-identical text)."""
    entries = [report_json(r) for r in reports]
    if review is not None:
        for entry, item in zip(entries, review.in_order(), strict=True):
            entry.update(item.to_json())
    doc: dict[str, Any] = {"version": JSON_VERSION, "reports": entries}
    if review is not None:
        doc["review"] = review.to_json()
    doc.update(extra)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
