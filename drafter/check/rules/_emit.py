"""Small helpers the rule modules of the claims/consistency/rubric/data/table/read families share."""

from __future__ import annotations

from decimal import Decimal

from drafter.check.facts import Source
from drafter.check.rule import Rule
from drafter.findings import Finding, Severity

__all__ = ["finding", "num", "pct"]


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


def num(value: Decimal | None) -> str:
    """A Decimal as people write it: no exponent, no trailing zeros beyond what was stated."""
    if value is None:
        return "—"
    if value == value.to_integral_value():
        return format(value.quantize(Decimal(1)), "f")
    return format(value, "f")


def pct(value: Decimal, places: int = 2) -> str:
    """A percentage rounded for display: 98.456 → 98.46%."""
    q = value.quantize(Decimal(1).scaleb(-places))
    text = format(q, "f").rstrip("0").rstrip(".") if "." in format(q, "f") else format(q, "f")
    return f"{text}%"
