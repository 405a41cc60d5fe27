"""One renderer for findings: ``drafter check``, ``drafter validate`` and ``drafter suggest`` use it.

``text`` — grouped by file::

    report.txt:12:1  CN002  error  内设机构中没有“国土规划局”……
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
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Protocol

from drafter.findings import Finding, summarize

__all__ = [
    "JSON_VERSION",
    "Report",
    "render_json",
    "render_text",
    "report_json",
    "summary_line",
    "wants_colour",
]

JSON_VERSION = 1
QUOTE_MAX = 160  # characters of a quote shown in text output; JSON always carries it whole

_COLOURS = {"error": "31;1", "warning": "33;1", "info": "36", "path": "1", "code": "35", "dim": "2"}


class Report(Protocol):
    """What the renderer needs of one file's result (``drafter.check.run.ReportResult`` fits)."""

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
    if f.line is not None and f.path and "!" in f.path:  # a workbook's cell: book.xlsx:Sheet1!G22
        where = f"{path}:{f.path}"
    elif f.line is not None:
        where = f"{path}:{f.line}:{f.col if f.col is not None else 1}"
    else:  # a data finding names a field; a whole-report finding names the file
        where = f"{path}:{f.path}" if f.path else path
    sev = f.severity.value
    head = f"{_paint(where, 'path', colour)}  {_paint(f.code, 'code', colour)}  {_paint(sev, sev, colour)}  {f.message}"
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


def summary_line(reports: Sequence[Report]) -> str:
    """``共检查 3 个文件：错误 2 个，警告 1 个，提示 0 个；1 个文件无法读取。``"""
    counts = summarize([f for r in reports for f in r.findings])
    unread = sum(1 for r in reports if r.error)
    checked = len(reports) - unread
    line = f"共检查 {checked} 个文件：错误 {counts['error']} 个，警告 {counts['warning']} 个，提示 {counts['info']} 个"
    if unread:
        line += f"；{unread} 个文件无法读取"
    if not any(r.findings for r in reports) and not unread:
        line += "。未发现问题"
    return line + "。"


def _clip_left(text: str, limit: int) -> str:
    """Keep the end of a long path: the file name is what tells the rows apart."""
    return text if _width(text) <= limit else "…" + text[-(limit // 2) :]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def _num(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


def summary_table(reports: Sequence[Report]) -> list[str]:
    """The per-file table that ends a batch: errors, warnings, score stated vs computed."""
    headers = ("文件", "错误", "警告", "提示", "自评总分", "分项合计")
    rows: list[tuple[str, ...]] = []
    for r in reports:
        if r.error:
            rows.append((r.path, "无法读取", "", "", "", ""))
            continue
        c = summarize(list(r.findings))
        stated = getattr(r, "stated_total", None)
        computed = getattr(r, "computed_total", None)
        rows.append(
            (r.path, str(c["error"]), str(c["warning"]), str(c["info"]), _num(stated), _num(computed))
        )
    widths = [max(_width(h), *(_width(row[i]) for row in rows)) for i, h in enumerate(headers)]
    widths[0] = min(widths[0], 60)

    def fmt(row: tuple[str, ...]) -> str:
        cells = [_pad(_clip_left(row[0], 60), widths[0])]
        cells += [_pad(cell, widths[i], right=True) for i, cell in enumerate(row[1:], start=1)]
        return "  ".join(cells).rstrip()

    sep = "  ".join("-" * w for w in widths)
    return [fmt(headers), sep, *(fmt(row) for row in rows)]


def render_text(reports: Sequence[Report], *, colour: bool = False, table: bool | None = None) -> str:
    """Findings grouped by file, a summary line, and for several files a per-file table."""
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
        out.extend(summary_table(reports))
        out.append("")
    out.append(summary_line(reports))
    return "\n".join(out) + "\n"


def report_json(r: Report) -> dict[str, Any]:
    """One file's entry of the JSON contract."""
    if r.error:
        return {"path": r.path, "error": r.error}
    return {
        "path": r.path,
        "findings": [f.to_json() for f in r.findings],
        "summary": summarize(list(r.findings)),
    }


def render_json(reports: Iterable[Report], **extra: Any) -> str:
    """The stable JSON document: ``{"version": 1, "reports": [...]}``."""
    doc: dict[str, Any] = {"version": JSON_VERSION, "reports": [report_json(r) for r in reports]}
    doc.update(extra)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
