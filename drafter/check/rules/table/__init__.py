"""Table: the 项目支出绩效自评表 (funds block and indicator rows, 财预〔2020〕10号 附1)."""

from __future__ import annotations

from drafter.check.rule import Rule
from drafter.check.rules.table import (
    deduction_without_reason,
    execution_rate_mismatch,
    execution_score_mismatch,
    funds_total_mismatch,
    missing_deviation_reason,
    table_text_mismatch,
    weighted_score_mismatch,
)

RULES: tuple[Rule, ...] = (
    execution_rate_mismatch.RULE,
    funds_total_mismatch.RULE,
    missing_deviation_reason.RULE,
    execution_score_mismatch.RULE,
    deduction_without_reason.RULE,
    table_text_mismatch.RULE,
    weighted_score_mismatch.RULE,
)
