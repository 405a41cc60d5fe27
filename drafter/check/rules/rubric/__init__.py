"""Rubric: the report's indicators, maxima and scores against an indicator system (``--rubric``)."""

from __future__ import annotations

from drafter.check.rule import Rule
from drafter.check.rules.rubric import max_differs, score_contradicts_rule, unknown_indicator, year_differs

RULES: tuple[Rule, ...] = (
    max_differs.RULE,
    score_contradicts_rule.RULE,
    unknown_indicator.RULE,
    year_differs.RULE,
)
