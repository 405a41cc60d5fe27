"""FG004 over-budget."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.figures._common import nearest
from drafter.findings import Finding, Severity

#: spending key → (budget key, what it is called)
PAIRS = (
    ("spend.actual", "budget.adjusted", "实际支出", "调整预算"),
    ("sangong.actual", "sangong.budget", "三公经费实际支出", "三公经费预算"),
    ("public.actual", "public.budget", "日常公用经费实际支出", "日常公用经费预算"),
)


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        Spending above its budget: 实际支出 above the adjusted budget (预算调整总额), 三公经费 or
        日常公用经费 actual above their budget. The initial budget (年初预算) is not used: it is
        routinely far below the adjusted one.

    Why it matters:
        Spending beyond the adjusted budget breaks the budget law's rule of no spending without
        a budget; a report that shows it without explanation will be questioned, and a full
        score on 预算执行 or 经济性 beside it cannot stand.

    Example:
        预算调整总额3115.48万，实际支出总额3215.27万。

    What to write instead:
        Check the figures against the 决算; if the overspend is real, explain it (追加预算未调整…)
        and deduct the points the rubric asks for.
    """
    for spend_key, budget_key, spend_name, budget_name in PAIRS:
        for spent in facts.figures_for(spend_key):
            budget = nearest(facts, budget_key, spent.source.line)
            if budget is None:
                break
            if ctx.tolerances.sum_ok([spent.amount], budget.amount) or spent.amount <= budget.amount:
                break
            yield finding(
                RULE,
                Severity.WARNING,
                f"{spend_name} {num(spent.amount)} 万元超过{budget_name} {num(budget.amount)} 万元",
                spent.source,
                expected=f"不超过 {num(budget.amount)} 万元（{budget_name}）",
                found=f"{num(spent.amount)} 万元，超出 {num(spent.amount - budget.amount)} 万元",
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
