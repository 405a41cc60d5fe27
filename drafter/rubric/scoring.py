"""Interpreting a rubric's formulas and scoring parameters (DOMAIN.md §3).

The rubric file states *what* a rate is (numerator and denominator as data paths) and *how*
points follow from it (a :class:`~drafter.rubric.model.Scoring`); this module computes both,
with the same named rounding as drafting. The checker (RB002) and the drafter can use it to
say what score a rule gives for the figures in the data.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from drafter.data.model import EvaluationData
from drafter.numfmt import RATE_QUANTUM, SCORE_QUANTUM
from drafter.rubric.model import Formula, Scoring

__all__ = ["band_range", "formula_rate", "rescaled_total", "resolve", "score_for_rate", "score_for_target"]

_HUNDRED = Decimal(100)


def resolve(data: EvaluationData, path: str) -> Decimal | None:
    """The value at a dotted data path (``expenditure.three_public.actual``), or None."""
    value: Any = data
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    if isinstance(value, Decimal):
        return value
    return Decimal(value) if isinstance(value, int) and not isinstance(value, bool) else None


def formula_rate(formula: Formula, data: EvaluationData) -> Decimal | None:
    """numerator ÷ denominator (× 100 for %), rounded half-up to 0.01; None if a figure is
    missing or the denominator is zero."""
    numerator = resolve(data, formula.numerator)
    denominator = resolve(data, formula.denominator)
    if numerator is None or denominator is None or denominator == 0:
        return None
    value = numerator / denominator * (_HUNDRED if formula.unit == "%" else 1)
    return value.quantize(RATE_QUANTUM, rounding=ROUND_HALF_UP)


def _clamp(score: Decimal, floor: Decimal, top: Decimal) -> Decimal:
    return min(top, max(floor, score)).quantize(SCORE_QUANTUM, rounding=ROUND_HALF_UP)


def score_for_rate(scoring: Scoring, rate: Decimal, max_score: Decimal) -> Decimal:
    """The points a rate (in %) earns under ``scoring`` (not for ``target_ratio``/``bands``)."""
    if scoring.method == "proportional":
        return _clamp(rate / _HUNDRED * max_score, scoring.floor, max_score)
    if scoring.method not in {"all_or_nothing", "linear_deduction"}:
        raise ValueError(f"scoring method {scoring.method} does not score a single rate")
    threshold = scoring.threshold
    assert threshold is not None  # the Scoring model requires it for these two methods
    # how far the rate is on the bad side of the threshold (negative: on the good side)
    shortfall = rate - threshold if scoring.direction == "lower_better" else threshold - rate
    if scoring.method == "all_or_nothing":
        return max_score if shortfall <= 0 else _clamp(scoring.floor, scoring.floor, max_score)
    per_point = scoring.per_point or Decimal(0)
    return _clamp(max_score - per_point * max(shortfall, Decimal(0)), scoring.floor, max_score)


def score_for_target(scoring: Scoring, actual: Decimal, target: Decimal, max_score: Decimal) -> Decimal:
    """Direction-aware target scoring: higher-is-better → actual ÷ target × points; lower-is-better
    → target ÷ actual × points; capped at the maximum (over-achievement earns nothing extra)."""
    if scoring.direction == "lower_better":
        ratio = Decimal(1) if actual <= 0 else target / actual
    else:
        ratio = Decimal(0) if target <= 0 else actual / target
    return _clamp(ratio * max_score, scoring.floor, max_score)


def band_range(scoring: Scoring, band: str, max_score: Decimal) -> tuple[Decimal, Decimal] | None:
    """The points a qualitative judgement (达成 / 部分达成 / 未达成) allows, or None if unknown."""
    for item in scoring.bands:
        if item.name == band:
            low = (item.min_share * max_score).quantize(SCORE_QUANTUM, rounding=ROUND_HALF_UP)
            high = (item.max_share * max_score).quantize(SCORE_QUANTUM, rounding=ROUND_HALF_UP)
            return low, high
    return None


def rescaled_total(self_total: Decimal, applicable_max: Decimal, total: Decimal = _HUNDRED) -> Decimal:
    """N/A rescale: with not-applicable indicators dropped, the rest count for the full total."""
    if applicable_max <= 0:
        raise ValueError("no applicable indicators")
    return (self_total * total / applicable_max).quantize(SCORE_QUANTUM, rounding=ROUND_HALF_UP)
