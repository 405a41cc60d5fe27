"""FG005 sub-amounts-exceed."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from drafter.check.facts import CheckContext, Facts, rounding_tolerance
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.figures._common import nearest
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        Named payments (支付…进度款 1318.20万元, 支付…进度款 1572.15万元) that together exceed the
        total they are paid out of (项目支出 2466.04万元; the whole 实际支出 when no 项目支出 is
        stated), beyond the rounding of the figures.

    Why it matters:
        Payments made in the year are part of its spending; if they add up to more than the
        spending reported, a payment is overstated, belongs to another year or another budget,
        or the 项目支出 figure is wrong — the 决算 and the narrative cannot both be right.

    Example:
        项目支出2466.04万 …… 支付A项目进度款1318.20万元，支付B项目进度款1572.15万元。

    What to write instead:
        State the payments as booked in this year's 项目支出, or say where the rest was paid
        from (上年结转、其他资金), so that the amounts reconcile.
    """
    payments = [f for f in facts.figures_for("payment") if f.wan is not None]
    if not payments:
        return
    line = payments[0].source.line
    total = nearest(facts, "spend.project", line) or nearest(facts, "spend.actual", line)
    if total is None:
        return
    amounts = [p.amount for p in payments]
    paid = sum(amounts, Decimal(0))
    slack = rounding_tolerance([*(p.value for p in payments), total.value]) + ctx.tolerances.money
    if paid <= total.amount + slack:
        return
    what = "项目支出" if total.key == "spend.project" else "实际支出总额"
    yield finding(
        RULE,
        Severity.ERROR,
        f"所列支付款项合计 {num(paid)} 万元，超过{what} {num(total.amount)} 万元",
        payments[0].source,
        expected=f"不超过 {num(total.amount)} 万元（{what}，第{total.source.line}行）",
        found=" + ".join(num(a) for a in amounts) + f" = {num(paid)} 万元",
        hint="核对各笔支付的金额和资金来源，使其与本年项目支出相符，或说明超出部分的来源。",
        end_line=payments[-1].source.line,
    )


RULE = Rule(
    code="FG005",
    name="sub-amounts-exceed",
    family="figures",
    severity=Severity.ERROR,
    title="分项金额之和超过其总额",
    func=check,
)
