"""FG004 over-budget."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import as_written, finding, num
from drafter.check.rules.figures._common import exceeds, nearest
from drafter.figures import registry
from drafter.findings import Finding, Severity


@cache
def pairs() -> tuple[tuple[str, str, str, str], ...]:
    """(spending key, budget key, what each is called) of the registry's "within" relations."""
    reg = registry()
    return tuple(
        (w.spend, w.budget, *(w.says or (reg.name(w.spend), reg.name(w.budget))))
        for w in reg.relations.within
    )


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """Spending above its budget: 实际支出 above the adjusted budget, 三公经费 or 日常公用经费 above theirs.

    What it finds:
        支出超过预算：实际支出总额超过调整预算（预算调整总额）；三公经费实际支出超过三公经费预算；日常公
        用经费实际支出超过其预算。

        每类支出取报告中最先写出的实际数，与离它最近（同一行优先）的预算数比较，换算成万元，容许两数按其
        所写末位四舍五入的误差，误差同样换算成万元（13.00万容许0.005万元；130003元只容许0.5元；0.31亿元
        容许0.005亿元，即50万元）。年初预算不作比较：年中追加后，实际支出远超年初预算是常态。本条为警告。

    Why it matters:
        支出超过调整后的预算，违反“无预算不支出”的要求。报告中出现超支却不作说明，审核时必被追问；旁边的
        预算执行、经济性满分也站不住。

    Example:
        会报告（超出99.79万元）：
        预算调整总额3115.48万，实际支出总额3215.27万。
        不报告（样本报告：3115.27 ≤ 3115.48；6.20 ≤ 13.00；26.83 ≤ 27.00）：
        预算调整总额3115.48万，实际支出总额3115.27万……三公经费预算总额13.00万，实际支出总额6.20万。

    What to write instead:
        先对照决算核实数字；确属超支的，写明原因（如追加支出未办理预算调整），并按评分规则扣分。
    """
    for spend_key, budget_key, spend_name, budget_name in pairs():
        for spent in facts.figures_for(spend_key):
            budget = nearest(facts, budget_key, spent.source.line)
            if budget is None:
                break
            # Either figure may be rounded by half a unit of its last written place, in 万元 like its
            # amount, or approximate (约3100万元) within its range.
            if not exceeds((spent,), budget, ctx.tolerances.money):
                break
            yield finding(
                RULE,
                Severity.WARNING,
                f"{spend_name} {num(spent.amount)} 万元超过{budget_name} {num(budget.amount)} 万元",
                spent.source,
                expected=f"不超过 {num(budget.amount)} 万元（{budget_name}）{as_written(budget)}",
                found=f"{num(spent.amount)} 万元，超出 {num(spent.amount - budget.amount)} 万元{as_written(spent)}",
                hint="按决算核对支出与预算数；确属超支的，说明原因并相应扣分。",
            )
            break


RULE = Rule(
    code="FG004",
    name="over-budget",
    family="figures",
    severity=Severity.WARNING,
    title="支出超过预算",
    func=check,
)
