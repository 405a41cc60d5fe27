"""What the 项目支出自评表 rules share: finding the total row of the funds block."""

from __future__ import annotations

from drafter.check.facts import Facts, FundsRow
from drafter.text.formwords import fund_total_name
from drafter.text.lazyre import lazy_compile

__all__ = ["funds_blocks", "is_total", "split_funds"]

#: the funds block's total row: its name in tables.yaml (fund_rows: total), or 合计 / 总计
_TOTAL = lazy_compile(lambda: fund_total_name() + "|合计|总计")


def is_total(row: FundsRow) -> bool:
    return bool(_TOTAL.search(row.name)) and not row.name.strip().startswith("其中")


def split_funds(facts: Facts) -> tuple[FundsRow | None, tuple[FundsRow, ...]]:
    """The funds block's total row (年度资金总额) and its sub-rows (本年财政拨款, 上年结转资金, 其他资金)."""
    total = next((r for r in facts.funds if is_total(r)), None)
    subs = tuple(r for r in facts.funds if r is not total and not is_total(r))
    return total, subs


def funds_blocks(facts: Facts) -> list[tuple[FundsRow, tuple[FundsRow, ...]]]:
    """Each total row with its sub-rows: one block in a 自评表 (its sub-rows wherever they stand);
    where several totals follow each other ("年度预算资金总额: 763.00 / 其中:中央补助 502.00 …"
    per sub-programme), each total takes the rows after it up to the next total."""
    totals = [r for r in facts.funds if is_total(r)]
    if len(totals) <= 1:
        total, subs = split_funds(facts)
        return [(total, subs)] if total is not None else []
    blocks: list[tuple[FundsRow, list[FundsRow]]] = []
    for row in facts.funds:
        if is_total(row):
            blocks.append((row, []))
        elif blocks:
            blocks[-1][1].append(row)
    return [(total, tuple(subs)) for total, subs in blocks]
