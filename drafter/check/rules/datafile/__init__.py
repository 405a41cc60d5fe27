"""Data file: the evaluation data itself (``drafter validate``, ``draft``, ``suggest``), DA001–DA004.

DA001 (a field of the wrong type or range, a missing or unknown key) is found by the loader
(:func:`drafter.data.load.load_data`), DA002 and DA004 (the rubric ``meta.rubric`` names) by
:func:`drafter.check.on_data.check_data` when it loads that rubric; their functions find nothing
from :class:`Facts`. DA003 runs on the Facts of the data like every rule. They are registered so
that their codes are documented (``drafter rules DA001``) and fixtured like every other code.
"""

from __future__ import annotations

from drafter.check.rule import Rule
from drafter.check.rules.datafile import invalid_field, rubric_kind, score_missing, unknown_rubric

RULES: tuple[Rule, ...] = (invalid_field.RULE, unknown_rubric.RULE, score_missing.RULE, rubric_kind.RULE)
