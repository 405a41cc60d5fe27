"""Helpers the figure rules share: picking the figure that belongs with another."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from drafter.check.facts import Facts, Figure

__all__ = ["adds_up", "exceeds", "nearest"]


def nearest(facts: Facts, key: str, line: int | None) -> Figure | None:
    """The figure with ``key`` stated closest to ``line`` (the same line first, then earlier
    ones at equal distance): "三公经费预算13.00万，实际6.20万" pairs within one sentence."""
    # the figures of ``key`` in report order (Facts.figures_for): the first of the closest wins
    best: Figure | None = None
    best_distance = 0
    for f in facts.figures_for(key):
        at = f.source.line
        distance = 0 if line is None or at is None else abs(at - line)
        if best is None or distance < best_distance:
            if not distance:
                return f
            best, best_distance = f, distance
    return best


def _sum_bounds(figures: Sequence[Figure]) -> tuple[Decimal, Decimal]:
    low = high = Decimal(0)
    for f in figures:  # each figure's bounds once (an approximate one's take some arithmetic)
        a, b = f.bounds
        low += a
        high += b
    return low, high


def adds_up(parts: Sequence[Figure], total: Figure, extra: Decimal) -> bool:
    """Whether ``parts`` can sum to ``total``: some true amounts the figures admit (each one's
    rounding, or its approximation's range: 约3100万元, 3100余万元) agree within ``extra``. For
    figures written exactly this is |Σ parts − total| ≤ the sum of their half-units + ``extra``."""
    # exact figures whose amounts add up agree whatever their rounding (each one's bounds hold its
    # amount): the common case, without the bounds' arithmetic
    exact = _exact_sum(parts, total, extra)
    if exact is not None and exact == total.amount:
        return True
    low, high = _sum_bounds(parts)
    total_low, total_high = total.bounds
    return low - extra <= total_high and total_low <= high + extra


def exceeds(parts: Sequence[Figure], limit: Figure, extra: Decimal) -> bool:
    """Whether ``parts`` exceed ``limit`` whatever true amounts the figures admit (beyond ``extra``)."""
    # exact figures whose amounts stay within the limit cannot exceed it whatever their rounding
    exact = _exact_sum(parts, limit, extra)
    if exact is not None and exact <= limit.amount + extra:
        return False
    return _sum_bounds(parts)[0] > limit.bounds[1] + extra


def _exact_sum(parts: Sequence[Figure], other: Figure, extra: Decimal) -> Decimal | None:
    """The sum of the amounts of ``parts`` when they and ``other`` are all written exactly (their
    bounds are the amount ± a half-unit, never less than nothing) and ``extra`` is no negative slack;
    else None."""
    if other.approx or extra < 0:
        return None
    got = Decimal(0)
    for p in parts:
        if p.approx:
            return None
        got += p.amount
    return got
