"""Small helpers the rule modules of all families share (the figure rules have more in figures/_common)."""

from __future__ import annotations

from decimal import Decimal

from drafter.check.facts import Figure, Source
from drafter.check.rule import Rule
from drafter.findings import Finding, Severity

__all__ = ["KEY_NAMES", "as_written", "figure_name", "finding", "num", "pct"]

#: What a figure key is called in a finding (labels as written are often just "实际支出总额").
KEY_NAMES = {
    "budget.initial": "年初预算数",
    "budget.adjusted": "调整预算数",
    "spend.actual": "实际支出",
    "spend.basic": "基本支出",
    "spend.project": "项目支出",
    "sangong.budget": "三公经费预算",
    "sangong.actual": "三公经费实际支出",
    "public.budget": "日常公用经费预算",
    "public.actual": "日常公用经费实际支出",
    "procurement.plan": "政府采购计划数",
    "procurement.actual": "政府采购实际数",
    "assets.in_use": "在用固定资产",
    "assets.total": "固定资产总额",
    "funds.allocated": "下达资金",
    "funds.arrived": "到位资金",
    "funds.paid": "已支付资金",
    "staff.total": "在编人数",
}


def figure_name(key: str, label: str = "") -> str:
    """The Chinese name of a figure key, else its label as written."""
    return KEY_NAMES.get(key) or label or key


def finding(
    rule: Rule | str,
    severity: Severity,
    message: str,
    source: Source | None,
    *,
    expected: str | None = None,
    found: str | None = None,
    hint: str | None = None,
    end_line: int | None = None,
) -> Finding:
    """A finding pointing at ``source`` (line, column, verbatim quote; field path for data)."""
    code = rule.code if isinstance(rule, Rule) else rule
    src = source or Source(line=None)
    return Finding(
        code=code,
        severity=severity,
        message=message,
        line=src.line,
        end_line=end_line if end_line is not None else src.end_line,
        col=src.col,
        quote=src.quote,
        expected=expected,
        found=found,
        hint=hint,
        path=src.path,
    )


def num(value: Decimal | None, *, trim: bool = False) -> str:
    """A Decimal as written (13.00 stays 13.00), never in exponent form; ``trim`` drops trailing
    zeros of a computed value (9.00 → 9)."""
    if value is None:
        return "—"
    exp = value.as_tuple().exponent
    if isinstance(exp, int) and exp > 0:
        value = value.quantize(Decimal(1))
    text = format(value, "f")
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def pct(value: Decimal, places: int = 2) -> str:
    """A percentage rounded for display: 98.456 → 98.46%."""
    q = value.quantize(Decimal(1).scaleb(-places))
    text = format(q, "f").rstrip("0").rstrip(".") if "." in format(q, "f") else format(q, "f")
    return f"{text}%"


def as_written(*figs: Figure) -> str:
    """The money figures not written in 万元, as written, for a finding that shows them in 万元:
    "（原文 13182000元、0.32亿元）"; "" when all are in 万元 (or are no money)."""
    other = [f"{num(f.value)}{f.unit}" for f in figs if f.wan is not None and f.unit != "万元"]
    return f"（原文 {'、'.join(other)}）" if other else ""
