"""The 绩效自评得分情况表 of a drafted report, for every output format.

Rows come from the drafted analysis sections (their template contexts hold each score), so the
table says exactly what section 三 says. The .docx writes it as a Word table
(:mod:`drafter.draft.gongwen`); .md as a pipe table and .txt as aligned rows, both just before
section 三, as the printed reports place it. No python-docx here: ``drafter draft`` to .md/.txt
stays light.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from drafter.text.width import display_width as _width

if TYPE_CHECKING:
    from drafter.draft.report import DraftedReport

__all__ = [
    "SCORE_TABLE_CAPTION",
    "SCORE_TABLE_HEADER",
    "ScoreRow",
    "markdown_table",
    "score_rows_from_report",
    "table_totals",
    "text_table",
]

SCORE_TABLE_HEADER = ("一级指标", "二级指标", "分值", "自评得分", "扣分原因")
SCORE_TABLE_CAPTION = "绩效自评得分情况表"


@dataclass(frozen=True)
class ScoreRow:
    """One row of the score table: a level-2 indicator (or a level-1 one without children)."""

    level1: str
    level2: str
    max_score: str
    self_score: str
    reason: str = ""


def score_rows_from_report(report: DraftedReport) -> list[ScoreRow]:
    """Rows from the drafted analysis sections."""
    rows: list[ScoreRow] = []
    for section in report.sections:
        ctx = section.context
        if not section.key.startswith("analysis") or not ctx.get("name"):
            continue
        items = ctx.get("items") or []
        if not items or ctx.get("direct"):
            rows.append(
                ScoreRow(ctx["name"], "", str(ctx.get("max_score") or ""), str(ctx.get("self_score") or ""))
            )
            continue
        for item in items:
            rows.append(
                ScoreRow(
                    ctx["name"],
                    item.get("name", ""),
                    str(item.get("max_score") or ""),
                    str(item.get("self_score") or ""),
                    item.get("reason") or _children_reasons(item),
                )
            )
    return rows


def _children_reasons(item: dict[str, Any]) -> str:
    """A level-2 row's deduction reasons when they are stated on its level-3 indicators."""
    return "；".join(
        f"{c.get('name', '')}：{c['reason']}" for c in item.get("children") or [] if c.get("reason")
    )


def _sum(values: Sequence[str]) -> str:
    try:
        total = sum((Decimal(v) for v in values), Decimal(0))
    except (InvalidOperation, ArithmeticError):
        return ""
    return format(total.normalize(), "f") if total == total.to_integral_value() else format(total, "f")


def table_totals(report: DraftedReport, rows: Sequence[ScoreRow]) -> tuple[str, str]:
    """(合计分值, 合计自评得分): sums of the rows (empty when one is unknown); the stated total wins."""
    maxima = [r.max_score for r in rows]
    selves = [r.self_score for r in rows]
    conclusion = next((s for s in report.sections if s.key == "conclusion"), None)
    stated = conclusion.context.get("total") if conclusion is not None else None
    total = str(stated) if stated else (_sum(selves) if all(selves) else "")
    return (_sum(maxima) if all(maxima) else ""), total


def _cells(report: DraftedReport, rows: Sequence[ScoreRow]) -> list[tuple[str, ...]]:
    total_max, total = table_totals(report, rows)
    body = [(r.level1, r.level2, r.max_score, r.self_score, r.reason) for r in rows]
    return [SCORE_TABLE_HEADER, *body, ("合计", "", total_max, total, "")]


def markdown_table(report: DraftedReport) -> list[str]:
    """The caption and a pipe table; empty when the report has no scores."""
    rows = score_rows_from_report(report)
    if not rows:
        return []
    cells = _cells(report, rows)
    out = [f"**{SCORE_TABLE_CAPTION}**", ""]
    out.append("| " + " | ".join(cells[0]) + " |")
    out.append("|---|---|---:|---:|---|")
    out.extend("| " + " | ".join(row) + " |" for row in cells[1:])
    return out


def text_table(report: DraftedReport) -> list[str]:
    """The caption and aligned rows (full-width spaces pad the Chinese columns)."""
    rows = score_rows_from_report(report)
    if not rows:
        return []
    cells = _cells(report, rows)
    widths = [max(_width(row[i]) for row in cells) for i in range(4)]
    out = [SCORE_TABLE_CAPTION]
    for shown in cells:
        parts = []
        for i, cell in enumerate(shown[:4]):
            gap = widths[i] - _width(cell)
            parts.append(cell + "　" * (gap // 2) + " " * (gap % 2))
        line = "　".join(parts)
        if shown[4]:
            line += "　" + shown[4]
        out.append(line.rstrip())
    return out
