"""The table of every check: one tuple, built from each family's ``RULES``.

Families are imported explicitly (no decorator registering into a global), so the registry is
what this file says and nothing else. Codes are stable; see ``drafter rules``.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType

from drafter.check.rule import Rule
from drafter.check.rules import (
    claims,
    consistency,
    data,
    datafile,
    figures,
    model,
    read,
    rubric,
    scores,
    table,
)
from drafter.errors import DrafterError

__all__ = ["BY_CODE", "FAMILIES", "RULES", "check_known_codes", "get_rule"]

RULES: tuple[Rule, ...] = (
    *scores.RULES,
    *figures.RULES,
    *claims.RULES,
    *consistency.RULES,
    *rubric.RULES,
    *data.RULES,
    *datafile.RULES,  # DA001–DA004: the evaluation data itself (drafter.check.on_data)
    *table.RULES,
    *read.RULES,
    *model.RULES,  # LM001–LM003: found by `check --llm`'s second reader; nothing from Facts
)

BY_CODE: MappingProxyType[str, Rule] = MappingProxyType({r.code: r for r in RULES})

#: Family prefix → family name, e.g. "SC" → "scores".
FAMILIES: MappingProxyType[str, str] = MappingProxyType({r.code[:2]: r.family for r in RULES})


def get_rule(code: str) -> Rule:
    """The rule with ``code`` (case-insensitive); an unknown code is a DrafterError."""
    rule = BY_CODE.get(code.strip().upper())
    if rule is None:
        raise DrafterError(f"没有代码为 {code} 的规则；运行 drafter rules 查看全部规则。")
    return rule


def check_known_codes(codes: Iterable[str]) -> None:
    """Refuse a code (SC003) or family prefix (SC) that names no rule."""
    for code in codes:
        if code == "ALL" or code in BY_CODE:
            continue
        if len(code) == 2 and code in FAMILIES:
            continue
        if len(code) > 2 and any(c.startswith(code) for c in BY_CODE):
            continue
        raise DrafterError(f"没有代码为 {code} 的规则或规则族；运行 drafter rules 查看全部规则。")
