"""Figures: parts add up, counts match lists, rates follow from their figures, spending stays
within budget, named sub-amounts stay within their total."""

from __future__ import annotations

from drafter.check.rule import Rule
from drafter.check.rules.figures import list_count, over_budget, parts_sum, rate_mismatch, sub_amounts_exceed

RULES: tuple[Rule, ...] = (
    parts_sum.RULE,
    list_count.RULE,
    rate_mismatch.RULE,
    over_budget.RULE,
    sub_amounts_exceed.RULE,
)
