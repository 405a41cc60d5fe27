"""Claims: statements in words that the report's own figures or statements contradict."""

from __future__ import annotations

from drafter.check.rule import Rule
from drafter.check.rules.claims import (
    comparison_contradicted,
    completion_contradicted,
    no_problem_despite_deduction,
)

RULES: tuple[Rule, ...] = (
    comparison_contradicted.RULE,
    completion_contradicted.RULE,
    no_problem_despite_deduction.RULE,
)
