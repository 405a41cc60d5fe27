"""Helpers the figure rules share: picking the figure that belongs with another."""

from __future__ import annotations

from drafter.check.facts import Facts, Figure

__all__ = ["nearest"]


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
