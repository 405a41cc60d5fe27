"""Figures: parts add up, counts match lists, rates follow from their figures, spending stays
within budget, named sub-amounts stay within their total, rates of fulfilment follow from the task and done counts."""

from __future__ import annotations

from drafter.check.rule import Rule
from drafter.check.rules.figures import (
    list_count,
    over_budget,
    parts_sum,
    quota_rate_mismatch,
    rate_mismatch,
    sub_amounts_exceed,
)

RULES: tuple[Rule, ...] = (
    parts_sum.RULE,
    list_count.RULE,
    rate_mismatch.RULE,
    over_budget.RULE,
    sub_amounts_exceed.RULE,
    quota_rate_mismatch.RULE,
)
