"""Data: the report's figures and scores against its evaluation data (``--data``)."""

from __future__ import annotations

from drafter.check.rule import Rule
from drafter.check.rules.data import figure_differs, score_differs

RULES: tuple[Rule, ...] = (figure_differs.RULE, score_differs.RULE)
