"""What the 项目支出自评表 rules share: finding the total row of the funds block."""

from __future__ import annotations

import re

from drafter.check.facts import Facts, FundsRow

__all__ = ["is_total", "split_funds"]

_TOTAL = re.compile(r"年度资金总额|资金总额|合计|总计")


def is_total(row: FundsRow) -> bool:
    return bool(_TOTAL.search(row.name)) and not row.name.strip().startswith("其中")


def split_funds(facts: Facts) -> tuple[FundsRow | None, tuple[FundsRow, ...]]:
    """The funds block's total row (年度资金总额) and its sub-rows (本年财政拨款, 上年结转资金, 其他资金)."""
    total = next((r for r in facts.funds if is_total(r)), None)
    subs = tuple(r for r in facts.funds if r is not total and not is_total(r))
    return total, subs
