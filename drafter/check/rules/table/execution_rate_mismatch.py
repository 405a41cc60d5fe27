"""TB001 execution-rate-mismatch."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from drafter.check.facts import CheckContext, Facts, half_unit
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num, pct
from drafter.findings import Finding, Severity

HUNDRED = Decimal(100)


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        A row of the 项目支出自评表 funds block whose 执行率 is not 全年执行数(B) ÷ 全年预算数(A).

    Why it matters:
        The execution rate drives the 预算执行率 score (10 points by default). A rate typed by hand
        or copied from last year's form gives the wrong score and misleads the reviewer.

    Example:
        年度资金总额 | 100.00 | 120.00 | 108.00 | 10 | 95% | 9.5   (108 ÷ 120 = 90%)

    What to write instead:
        执行率 = B ÷ A = 108.00 ÷ 120.00 = 90.00%, and the score that follows from it.
    """
    for row in facts.funds:
        if row.rate is None or row.budget is None or row.actual is None or row.budget == 0:
            continue
        computed = row.actual / row.budget * HUNDRED
        # The stated rate's own rounding, plus the figures' rounding carried into the rate.
        slack = half_unit(row.rate) + ctx.tolerances.rate_points
        slack += (half_unit(row.actual) + half_unit(row.budget) * computed / HUNDRED) / row.budget * HUNDRED
        if abs(computed - row.rate) <= slack:
            continue
        yield finding(
            "TB001",
            Severity.ERROR,
            f"{row.name}的执行率写为 {num(row.rate)}%，按全年执行数÷全年预算数应为 {pct(computed)}",
            row.source,
            expected=f"{num(row.actual)} ÷ {num(row.budget)} = {pct(computed)}",
            found=f"{num(row.rate)}%",
            hint="按 执行率 = 全年执行数（B）÷ 全年预算数（A） 重新计算，并据此核对得分。",
        )


RULE = Rule(
    code="TB001",
    name="execution-rate-mismatch",
    family="table",
    severity=Severity.ERROR,
    title="执行率不等于全年执行数÷全年预算数",
    func=check,
)
