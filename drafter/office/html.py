"""A review as one self-contained HTML page: the report text with every finding highlighted.

``drafter check … --format html -o review.html`` writes this page. It has no external assets
(inline CSS, no scripts, no fonts or images to fetch), so it can be mailed or archived as is.
Every piece of report text and every message is HTML-escaped.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from drafter.document import Document, Line, LineKind
from drafter.errors import DrafterError
from drafter.findings import Finding, Severity, summarize
from drafter.office._locate import locate
from drafter.review import BatchReview, ReportReview, review_batch
from drafter.review.columns import COLUMNS, SUMMARY_KEYS

__all__ = ["ResultLike", "render_html"]


class ResultLike(Protocol):
    """What the page needs of a checked report (``drafter.check.run.CheckedReport`` fits)."""

    path: str
    findings: Sequence[Finding]
    error: str | None


_CSS = """
:root { --err:#c62828; --warn:#b26a00; --info:#1565c0; }
body { font-family: "Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif; margin: 0;
  color:#222; background:#f6f6f4; line-height:1.7; }
header.page { background:#263238; color:#fff; padding:12px 24px; }
header.page h1 { font-size:20px; margin:0; }
main { max-width: 1100px; margin: 0 auto; padding: 16px 24px 48px; }
table.summary, table.findings { border-collapse: collapse; width:100%; background:#fff; margin:8px 0 16px; }
table.summary th, table.summary td, table.findings th, table.findings td {
  border:1px solid #ccc; padding:4px 8px; text-align:left; vertical-align:top; font-size:14px; }
th { background:#eceff1; }
td.num { text-align:right; font-variant-numeric: tabular-nums; }
section.report { background:#fff; border:1px solid #ddd; border-radius:4px; padding:12px 16px; margin:24px 0; }
section.report h2 { font-size:17px; margin:4px 0 8px; word-break: break-all; }
.doc { font-family: "Noto Serif CJK SC","FangSong","SimSun",serif; font-size:15px; }
.ln { display:flex; gap:10px; border-bottom:1px dotted #eee; }
.ln .no { flex:0 0 3.5em; color:#999; text-align:right; user-select:none; font-size:12px; padding-top:3px; }
.ln .tx { flex:1; white-space:pre-wrap; word-break:break-all; }
.ln.noise .tx { color:#aaa; }
.ln.row .tx { font-family: monospace, "Noto Sans CJK SC"; font-size:13px; }
.ln.flagged { background:#fff8e1; }
mark { padding:0 1px; border-radius:2px; }
mark.error { background:#ffcdd2; box-shadow: inset 0 -2px 0 var(--err); }
mark.warning { background:#ffe0b2; box-shadow: inset 0 -2px 0 var(--warn); }
mark.info { background:#bbdefb; box-shadow: inset 0 -2px 0 var(--info); }
aside.finding { margin:2px 0 6px 4.5em; padding:4px 10px; border-left:4px solid; font-size:13px;
  font-family: "Noto Sans CJK SC",sans-serif; background:#fafafa; }
aside.finding.error { border-color: var(--err); } aside.finding.warning { border-color: var(--warn); }
aside.finding.info { border-color: var(--info); }
.code { font-family: monospace; font-weight:bold; }
.sev { display:inline-block; white-space:nowrap; padding:0 6px; border-radius:3px; color:#fff; font-size:12px; }
.sev.error { background: var(--err); } .sev.warning { background: var(--warn); } .sev.info { background: var(--info); }
.verdict { display:inline-block; white-space:nowrap; padding:0 6px; border-radius:3px; color:#fff; font-size:12px; }
.verdict.pass { background:#2e7d32; } .verdict.back { background: var(--err); } .verdict.unread { background:#616161; }
td.reasons ul { margin:0; padding-left:1.2em; } td.reasons li.note { color:#666; }
.detail { color:#555; } .origin { color:#777; font-size:12px; } .error-msg { color: var(--err); font-weight:bold; }
@media print { aside.finding { break-inside: avoid; } header.page { background:none; color:#000; } }
"""


@dataclass
class _Located:
    index: int  # finding number within the report, 1-based
    finding: Finding
    line: int | None = None
    span: tuple[int, int] | None = None


@dataclass
class _LinePlan:
    spans: list[_Located] = field(default_factory=list)
    notes: list[_Located] = field(default_factory=list)
    flagged: bool = False


def _score(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _text_index(line: Line, col: int | None) -> int | None:
    """Map a 1-based column of ``line.raw`` to a 1-based column of ``line.text``."""
    if col is None or not line.offsets:
        return col
    for i, off in enumerate(line.offsets):
        if off + 1 >= col:
            return i + 1
    return len(line.text)


def _plan(doc: Document | None, findings: Sequence[Finding]) -> tuple[dict[int, _LinePlan], list[_Located]]:
    plans: dict[int, _LinePlan] = {}
    unplaced: list[_Located] = []
    n_lines = len(doc.lines) if doc else 0
    for i, finding in enumerate(findings, 1):
        item = _Located(i, finding)
        no = finding.line
        if doc is not None and doc.cell_refs and finding.path:  # a workbook's cell: back to its line
            from drafter.read.xlsx import line_of_cell

            no = line_of_cell(doc, finding.path)
        if doc is None or no is None or not 1 <= no <= n_lines:
            unplaced.append(item)
            continue
        line = doc.line(no)
        item.line = line.no
        item.span = locate(line.text, finding.quote, _text_index(line, finding.col))
        plan = plans.setdefault(line.no, _LinePlan())
        plan.notes.append(item)
        if item.span is not None:
            plan.spans.append(item)
        else:
            end = min(max(finding.end_line or line.no, line.no), n_lines)
            for no in range(line.no, end + 1):
                plans.setdefault(no, _LinePlan()).flagged = True
    return plans, unplaced


def _worst(items: Iterable[_Located]) -> Severity:
    return max((it.finding.severity for it in items), key=lambda s: s.rank)


def _highlight(text: str, spans: list[_Located], prefix: str) -> str:
    """``text`` escaped, with each finding's span in a <mark>; overlapping spans are split."""
    if not spans:
        return _e(text)
    cuts = sorted({0, len(text), *(b for it in spans for b in it.span)})  # type: ignore[union-attr]
    out: list[str] = []
    for start, end in itertools.pairwise(cuts):
        piece = text[start:end]
        covering = [it for it in spans if it.span[0] <= start and end <= it.span[1]]  # type: ignore[index]
        if not covering:
            out.append(_e(piece))
            continue
        tip = "\n".join(f"{it.finding.code} {it.finding.message}" for it in covering)
        ids = " ".join(f"{prefix}-f{it.index}" for it in covering)
        codes = " ".join(it.finding.code for it in covering)
        out.append(
            f'<mark class="{_worst(covering).value}" title="{_e(tip)}" data-codes="{_e(codes)}" '
            f'data-findings="{_e(ids)}">{_e(piece)}</mark>'
        )
    return "".join(out)


def _aside(item: _Located, prefix: str) -> str:
    f = item.finding
    parts = [
        f'<aside class="finding {f.severity.value}" id="{prefix}-f{item.index}" data-code="{_e(f.code)}">',
        f'<span class="code">{_e(f.code)}</span> <span class="sev {f.severity.value}">{_e(f.severity.label)}</span> ',
        f'<span class="msg">{_e(f.message)}</span>',
    ]
    if f.origin == "model":
        parts.append(' <span class="origin">（模型复核意见，供参考）</span>')
    if f.quote and item.span is None:
        parts.append(f'<div class="detail">原文：“{_e(f.quote)}”</div>')
    if f.expected is not None or f.found is not None:
        parts.append(f'<div class="detail">应为：{_e(f.expected or "—")}；实际：{_e(f.found or "—")}</div>')
    if f.hint:
        parts.append(f'<div class="detail">建议：{_e(f.hint)}</div>')
    parts.append("</aside>")
    return "".join(parts)


def _load(path: str) -> Document | None:
    """The report as the checker reads it (without the reader: .txt/.md line by line)."""
    try:
        from drafter.read import read_document
    except ImportError:
        if Path(path).suffix.lower() not in (".txt", ".md"):
            return None
        from drafter.fileio import read_text

        try:
            raw_lines = read_text(path).split("\n")
        except DrafterError:
            return None
        lines = tuple(
            Line(no, raw, raw.strip(), LineKind.TEXT if raw.strip() else LineKind.BLANK)
            for no, raw in enumerate(raw_lines, 1)
        )
        return Document(path=path, lines=lines, fmt=Path(path).suffix.lower().lstrip("."))
    try:
        return read_document(path)
    except DrafterError:
        return None


def _report_section(
    n: int, result: ResultLike, doc: Document | None, item: ReportReview | None = None
) -> str:
    prefix = f"r{n}"
    findings = list(result.findings or [])
    counts = summarize(findings)
    out = [f'<section class="report" id="{prefix}">', f"<h2>{_e(result.path)}</h2>"]
    if item is not None:  # the batch summary's verdict on this report
        css = _VERDICT_CLASS.get(item.verdict, "")
        why = "；".join(item.reasons)
        out.append(
            f'<p class="verdict-line">结论：<span class="verdict {css}">{_e(item.verdict)}</span>'
            + (f" {_e(why)}" if why else "")
            + "</p>"
        )
    if result.error:
        out.append(f'<p class="error-msg">无法读取：{_e(result.error)}</p></section>')
        return "".join(out)
    out.append(f"<p>错误 {counts['error']} 条，警告 {counts['warning']} 条，提示 {counts['info']} 条。</p>")
    hidden = list(getattr(result, "suppressed", ()) or ())
    if hidden:
        listed = "、".join(f"{f.code}（第{f.line}行）" if f.line else f.code for f in hidden)
        out.append(
            f'<p class="suppressed">报告中的忽略标注或 drafter.yaml 涉及 {len(hidden)} 条问题：{_e(listed)}。</p>'
        )
    plans, unplaced = _plan(doc, findings)
    if findings:
        out.append(
            '<table class="findings"><thead><tr><th>行</th><th>代码</th><th>级别</th><th>问题</th></tr></thead><tbody>'
        )
        for i, f in enumerate(findings, 1):
            line = "" if f.line is None else str(f.line)
            out.append(
                f'<tr><td class="num"><a href="#{prefix}-f{i}">{_e(line)}</a></td><td class="code">{_e(f.code)}</td>'
                f'<td><span class="sev {f.severity.value}">{_e(f.severity.label)}</span></td><td>{_e(f.message)}</td></tr>'
            )
        out.append("</tbody></table>")
    else:
        out.append("<p>未发现问题。</p>")
    if unplaced:
        out.append('<div class="unplaced"><h3>全文问题</h3>')
        out.extend(_aside(item, prefix) for item in unplaced)
        out.append("</div>")
    if doc is not None:
        out.append('<div class="doc">')
        for line in doc.lines:
            plan = plans.get(line.no, _LinePlan())
            classes = ["ln"]
            if line.kind is LineKind.NOISE:
                classes.append("noise")
            elif line.kind is LineKind.ROW:
                classes.append("row")
            if plan.flagged:
                classes.append("flagged")
            out.append(
                f'<div class="{" ".join(classes)}" id="{prefix}-L{line.no}"><span class="no">{line.no}</span>'
                f'<span class="tx">{_highlight(line.text, plan.spans, prefix)}</span></div>'
            )
            out.extend(_aside(item, prefix) for item in plan.notes)
        out.append("</div>")
    out.append("</section>")
    return "".join(out)


_VERDICT_CLASS = {"通过": "pass", "退回修改": "back", "未能审核": "unread"}


def _summary(review: BatchReview) -> list[str]:
    """The batch summary: one row per report, sorted by severity, with the verdict and its
    reasons; then the verdict counts."""
    keys = (*SUMMARY_KEYS, "reasons")
    head = "".join(f"<th>{_e(COLUMNS[k])}</th>" for k in keys)
    rows = []
    for r in review.reports:
        cells = [f'<td><a href="#r{r.index}">{_e(r.path)}</a></td>']
        if r.error:
            cells.append('<td colspan="9"></td>')
        else:
            values = (r.errors, r.warnings, r.infos, r.suppressed)
            cells += [
                f"<td>{_e(r.unit or '')}</td>",
                f'<td class="num">{_e(r.year or "")}</td>',
                f"<td>{_e(r.kind or '')}</td>",
                *(f'<td class="num">{v}</td>' for v in values),
                f'<td class="num">{_e(_score(r.stated_total))}</td>',
                f'<td class="num">{_e(_score(r.computed_total))}</td>',
            ]
        verdict_class = _VERDICT_CLASS.get(r.verdict, "")
        cells.append(f'<td><span class="verdict {verdict_class}">{_e(r.verdict)}</span></td>')
        items = [f"<li>{_e(x)}</li>" for x in r.reasons] + [f'<li class="note">{_e(x)}</li>' for x in r.notes]
        cells.append(f'<td class="reasons"><ul>{"".join(items)}</ul></td>' if items else "<td></td>")
        rows.append(f'<tr class="{verdict_class}">{"".join(cells)}</tr>')
    counts = review.verdict_counts
    tally = "，".join(f"{v} {n} 份" for v, n in counts.items())
    mode = "（审核模式：报告中的忽略标注与 drafter.yaml 不生效）" if review.reviewer else ""
    return [
        f'<p class="tally">结论：{_e(tally)}{_e(mode)}</p>',
        f'<table class="summary"><thead><tr>{head}</tr></thead>',
        f"<tbody>{''.join(rows)}</tbody></table>",
    ]


def render_html(
    results: Iterable[ResultLike],
    *,
    documents: Mapping[str, Document] | None = None,
    title: str = "drafter 审核结果",
    review: BatchReview | None = None,
) -> str:
    """One self-contained HTML page for checked reports: summary table, then each report's text.

    The report text is taken from ``result.document`` when the result carries one, else from
    ``documents[path]``, else read again from ``path``. ``review`` is the batch summary
    (:func:`drafter.review.review_batch` of ``results``), made here when not given.
    """
    results = list(results)
    documents = documents or {}
    docs: list[Document | None] = []
    for result in results:
        doc = getattr(result, "document", None) or documents.get(str(result.path))
        if doc is None and not result.error:
            doc = _load(str(result.path))
        docs.append(doc)

    if review is None:
        review = review_batch(results)
    totals = summarize([f for r in results for f in (r.findings or [])])
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f'<header class="page"><h1>{_e(title)}</h1></header><main>',
        f"<p>共 {len(results)} 份报告：错误 {totals['error']} 条，警告 {totals['warning']} 条，提示 {totals['info']} 条。</p>",
        *_summary(review),
    ]
    items = review.in_order()
    parts.extend(
        _report_section(n, r, d, item)
        for n, (r, d, item) in enumerate(zip(results, docs, items, strict=True), 1)
    )
    parts.append("</main></body></html>")
    return "\n".join(parts)
