"""Consistency: years, unit names and the department's name agree throughout the report; no
template text is left in and list numbers run on."""

from __future__ import annotations

from drafter.check.rule import Rule
from drafter.check.rules.consistency import (
    dept_name_variant,
    document_amount_mismatch,
    numbering_repeated,
    placeholder_left,
    unknown_unit_name,
    wrong_year,
)

RULES: tuple[Rule, ...] = (
    wrong_year.RULE,
    unknown_unit_name.RULE,
    dept_name_variant.RULE,
    placeholder_left.RULE,
    numbering_repeated.RULE,
    document_amount_mismatch.RULE,
)
