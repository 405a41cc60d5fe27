"""Consistency: years, unit names and the department's name agree throughout the report."""

from __future__ import annotations

from drafter.check.rule import Rule
from drafter.check.rules.consistency import dept_name_variant, unknown_unit_name, wrong_year

RULES: tuple[Rule, ...] = (wrong_year.RULE, unknown_unit_name.RULE, dept_name_variant.RULE)
