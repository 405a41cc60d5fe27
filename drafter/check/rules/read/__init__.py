"""Read: what could not be read from a report, so that a clean result is not misread."""

from __future__ import annotations

from drafter.check.rule import Rule
from drafter.check.rules.read import glued_rows, no_scores_found, scores_left_empty, total_only

RULES: tuple[Rule, ...] = (no_scores_found.RULE, total_only.RULE, glued_rows.RULE, scores_left_empty.RULE)
