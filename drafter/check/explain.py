"""``drafter check --explain``: what the checker read from a report, each item with its line.

A clean result means little unless the reviewer can see what was checked: the score tree and the
stated total, the figures, the counts with their lists, the claims about completion and the
report year. :func:`read_summary` gives them as JSON-ready data (the ``explain`` object of each
report in ``--format json``); :func:`explain_text` prints them in Chinese after the findings.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from drafter.check.extract import extract_facts
from drafter.check.facts import Facts, ScoreNode, Source
from drafter.check.rules._emit import figure_name
from drafter.check.suppress import strip_inline
from drafter.document import Document
from drafter.read import read_document

__all__ = ["add_explanations", "explain_text", "read_summary", "summary_of_facts"]

CLAIM_NAMES = {
    "compare": "比较",
    "complete": "已完成",
    "unfinished": "未完成",
    "rate": "比率",
    "no_problem": "无问题",
    "target": "目标",
    "missed": "未达目标",
}
#: Items of one kind shown in text output; JSON always carries them all.
TEXT_LIMIT = 40


def _num(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return format(value, "f")


def _where(doc: Document, source: Source | None) -> dict[str, Any]:
    if source is None or source.line is None:
        return {"line": None}
    out: dict[str, Any] = {"line": source.line}
    if doc.cell_refs and 1 <= source.line <= len(doc.cell_refs) and doc.cell_refs[source.line - 1]:
        ref = doc.cell_refs[source.line - 1][0]
        out["line"] = int(ref[len(ref.rstrip("0123456789")) :])
        out["cell"] = ref
    return out


def _node(doc: Document, node: ScoreNode) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": node.name,
        "level": node.level,
        "max": _num(node.max),
        "score": _num(node.score),
        **_where(doc, node.score_source or node.source),
    }
    if node.children:
        out["children"] = [_node(doc, c) for c in node.children]
    return out


def summary_of_facts(doc: Document, facts: Facts) -> dict[str, Any]:
    """What was read from ``doc`` (whose facts are ``facts``), as JSON-ready data."""
    top = facts.scored_top()
    computed = sum((n.score for n in top if n.score is not None), Decimal(0)) if top else None
    total = facts.total
    return {
        "total": None
        if total is None
        else {
            "value": _num(total.value),
            "max": _num(total.max),
            **_where(doc, total.source),
            "quote": total.source.quote,
        },
        "scores": [_node(doc, n) for n in facts.scores],
        "computed_total": _num(computed),
        "table_rows": [
            {
                "name": r.name,
                "max": _num(r.max),
                "score": _num(r.score),
                "target": r.target,
                "actual": r.actual,
                **_where(doc, r.source),
            }
            for r in facts.indicators
        ],
        "unsplit_rows": [{"quote": s.quote, **_where(doc, s)} for s in facts.unsplit],
        "funds": [
            {
                "name": r.name,
                "budget": _num(r.budget),
                "actual": _num(r.actual),
                "rate": _num(r.rate),
                "score": _num(r.score),
                "unit": r.unit,
                **_where(doc, r.source),
            }
            for r in facts.funds
        ],
        "figures": [
            {
                "key": f.key,
                "name": figure_name(f.key, f.label)
                if f.key not in ("payment", "progress")
                else f.name or f.label,
                "label": f.label,
                "value": _num(f.value),
                "unit": f.unit,
                **_where(doc, f.source),
            }
            for f in facts.figures
        ],
        "counts": [
            {
                "noun": e.noun or e.kind,
                "count": e.count,
                "items": list(e.items),
                **_where(doc, e.source),
            }
            for e in facts.entities
        ],
        "claims": [
            {
                "kind": c.kind,
                "kind_name": CLAIM_NAMES.get(c.kind, c.kind),
                "text": c.text,
                **_where(doc, c.source),
            }
            for c in facts.claims
        ],
        "year": facts.year,
        "year_line": _where(doc, facts.year_source)["line"],
        "grades": [{"grade": g.grade, "score": _num(g.score), **_where(doc, g.source)} for g in facts.grades],
        "grade_tallies": [
            {"grade": t.word, "count": t.count, "noun": t.noun, **_where(doc, t.source)}
            for t in facts.grade_tallies
        ],
    }


def read_summary(path: str) -> dict[str, Any]:
    """Read and extract one report as the checker does (inline suppressions removed) and say what
    was read."""
    doc, _ = strip_inline(read_document(path))
    return summary_of_facts(doc, extract_facts(doc))


def _at(item: dict[str, Any]) -> str:
    if item.get("cell"):
        return item["cell"]
    return f"第{item['line']}行" if item.get("line") is not None else "（无行号）"


def _score(item: dict[str, Any]) -> str:
    mx = f"分值{item['max']}" if item.get("max") is not None else "分值未读到"
    sc = f"得分{item['score']}" if item.get("score") is not None else "得分未读到"
    return f"{mx}，{sc}"


def _tree(items: Sequence[dict[str, Any]], depth: int, out: list[str]) -> None:
    for item in items:
        out.append(f"{'  ' * depth}  {item['name']}：{_score(item)}（{_at(item)}）")
        _tree(item.get("children", ()), depth + 1, out)


def _limited(lines: list[str], out: list[str]) -> None:
    out.extend(lines[:TEXT_LIMIT])
    if len(lines) > TEXT_LIMIT:
        out.append(f"    ……另有 {len(lines) - TEXT_LIMIT} 项（--format json 列出全部）")


def explain_text(path: str, summary: dict[str, Any]) -> str:
    """The summary in Chinese, one item a line with where it was read."""
    out = [f"{path}：读到的内容"]
    total = summary["total"]
    if total is not None:
        cap = f"（满分{total['max']}分）" if total.get("max") else ""
        out.append(f"  自评总分：{total['value']}分{cap}（{_at(total)}）")
    else:
        out.append("  自评总分：未读到")
    if summary["scores"]:
        computed = summary["computed_total"]
        out.append(f"  得分树（各指标得分合计 {computed} 分）：" if computed else "  得分树：")
        tree: list[str] = []
        _tree(summary["scores"], 1, tree)
        _limited(tree, out)
    else:
        out.append("  得分树：未读到任何指标得分")
    if summary["funds"]:
        out.append(f"  资金情况表（{len(summary['funds'])} 行）：")
        rows = [
            f"    {r['name']}：全年预算数{_money(r['budget'], r['unit'])}，全年执行数{_money(r['actual'], r['unit'])}，"
            f"执行率{r['rate'] + '%' if r['rate'] else '—'}，得分{r['score'] or '—'}（{_at(r)}）"
            for r in summary["funds"]
        ]
        _limited(rows, out)
    if summary["table_rows"]:
        out.append(f"  评分表指标行：{len(summary['table_rows'])} 行")
    unsplit = summary.get("unsplit_rows") or []
    if unsplit:
        out.append(f"  数字粘连、拆分方式不止一种而未读的评分行（{len(unsplit)} 行）：")
        _limited([f"    “{u['quote']}”（{_at(u)}）" for u in unsplit], out)
    figures = summary["figures"]
    out.append(f"  数字（{len(figures)} 项）：" if figures else "  数字：未读到金额、人数或比率")
    _limited([f"    {f['name']}：{f['value']}{f['unit']}（{_at(f)}）" for f in figures], out)
    counts = summary["counts"]
    if counts:
        out.append(f"  计数与列举（{len(counts)} 项）：")
        rows = []
        for c in counts:
            listed = "、".join(c["items"][:8]) + ("……" if len(c["items"]) > 8 else "")
            stated = f"写明{c['count']}个，" if c["count"] is not None else ""
            rows.append(f"    {c['noun'] or '列举'}：{stated}列出{len(c['items'])}项：{listed}（{_at(c)}）")
        _limited(rows, out)
    claims = summary["claims"]
    out.append(f"  表述（{len(claims)} 处）：" if claims else "  表述：未读到完成情况或比较的表述")
    _limited([f"    {c['kind_name']}：“{c['text']}”（{_at(c)}）" for c in claims], out)
    if summary["year"] is not None:
        where = f"（第{summary['year_line']}行）" if summary["year_line"] else ""
        out.append(f"  报告年度：{summary['year']}年{where}")
    else:
        out.append("  报告年度：未读到")
    for g in summary["grades"]:
        paired = f"，同处得分{g['score']}分" if g.get("score") is not None else ""
        out.append(f"  评价等级：{g['grade']}{paired}（{_at(g)}）")
    tallies = summary.get("grade_tallies") or []
    if tallies:
        out.append(f"  按等级统计（{len(tallies)} 项）：")
        _limited([f"    {t['count']}{t['noun']}评为{t['grade']}（{_at(t)}）" for t in tallies], out)
    return "\n".join(out) + "\n"


def _summary_of(result: Any) -> dict[str, Any]:
    """What was read from a checked report: from the document and facts it carries
    (:class:`~drafter.check.run.CheckedReport`), read again only for a result without them."""
    document, facts = getattr(result, "document", None), getattr(result, "facts", None)
    if document is None or facts is None:
        return read_summary(result.path)
    return summary_of_facts(document, facts)


def add_explanations(rendered: str, results: Sequence[Any], fmt: str) -> str:
    """``rendered`` (the check output) with what was read from each readable report: an
    ``explain`` object per report in JSON, a section per report after the findings in text.
    ``results`` are the checker's (keeping "document" and "facts", so nothing is read again)."""
    summaries = {r.path: _summary_of(r) for r in results if not r.error}
    if fmt == "json":
        doc = json.loads(rendered)
        for report in doc.get("reports", []):
            if report.get("path") in summaries:
                report["explain"] = summaries[report["path"]]
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt != "text":
        return rendered
    parts = [rendered.rstrip("\n"), ""]
    for path, summary in summaries.items():
        parts.append(explain_text(path, summary))
    return "\n".join(parts)


def _money(value: str | None, unit: str) -> str:
    """An amount of the funds table as written, with its unit when the table is not in 万元."""
    if not value:
        return "—"
    return value if unit == "万元" else value + unit
