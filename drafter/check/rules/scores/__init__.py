"""Scores: the score tree adds up, stays in range, and the text agrees with it."""

from __future__ import annotations

from drafter.check.rule import Rule
from drafter.check.rules.scores import (
    children_sum,
    deduction_without_reason,
    full_marks_despite_shortfall,
    grade_mismatch,
    max_sum,
    mention_mismatch,
    out_of_range,
    total_sum,
)

RULES: tuple[Rule, ...] = (
    children_sum.RULE,
    total_sum.RULE,
    out_of_range.RULE,
    max_sum.RULE,
    deduction_without_reason.RULE,
    mention_mismatch.RULE,
    grade_mismatch.RULE,
    full_marks_despite_shortfall.RULE,
)
