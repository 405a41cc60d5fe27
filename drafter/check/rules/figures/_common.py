"""Helpers the figure rules share: picking the figure that belongs with another, formatting."""

from __future__ import annotations

from decimal import Decimal

from drafter.check.facts import Facts, Figure
from drafter.check.rules._emit import num

__all__ = ["amount_text", "as_written", "nearest"]


def nearest(facts: Facts, key: str, line: int | None) -> Figure | None:
    """The figure with ``key`` stated closest to ``line`` (the same line first, then earlier
    ones at equal distance): "三公经费预算13.00万，实际6.20万" pairs within one sentence."""
    best: tuple[int, int, Figure] | None = None
    for i, f in enumerate(facts.figures):
        if f.key != key:
            continue
        distance = 0 if line is None or f.source.line is None else abs(f.source.line - line)
        rank = (distance, i)
        if best is None or rank < best[:2]:
            best = (*rank, f)
    return best[2] if best else None


def amount_text(value: Decimal, fig: Figure) -> str:
    unit = "万元" if fig.wan is not None else fig.unit
    return f"{num(value)} {unit}"


def as_written(*figs: Figure) -> str:
    """The money figures not written in 万元, as written, for a finding that shows them in 万元:
    "（原文 13182000元、0.32亿元）"; "" when all are in 万元 (or are no money)."""
    other = [f"{num(f.value)}{f.unit}" for f in figs if f.wan is not None and f.unit != "万元"]
    return f"（原文 {'、'.join(other)}）" if other else ""
