"""FG001 parts-sum."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.figures._common import nearest
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        Parts that do not add up to their stated total: 基本支出 + 项目支出 ≠ 实际支出总额, or
        staff categories (行政编 + 事业编 …) ≠ 在编人员总数. Amounts are compared within the
        precision they are stated in (half a unit of the last decimal per figure).

    Why it matters:
        These totals are copied from the 决算; parts that do not add up mean a figure was typed
        wrongly or taken from another table, and every rate computed from it is wrong too.

    Example:
        实际支出总额3115.27万，其中基本支出总额649.23万，项目支出2466.40万。
        在编人员共20人。行政编15人，事业编6人。

    What to write instead:
        Take all three figures from the same 决算 table so that the parts add up
        (649.23 + 2466.04 = 3115.27).
    """
    tol = ctx.tolerances
    for basic in facts.figures_for("spend.basic"):
        line = basic.source.line
        project = nearest(facts, "spend.project", line)
        actual = nearest(facts, "spend.actual", line)
        if project is None or actual is None:
            continue
        parts = [basic.amount, project.amount]
        if tol.sum_ok(parts, actual.amount):
            continue
        yield finding(
            RULE,
            Severity.ERROR,
            f"基本支出与项目支出之和 {num(sum(parts))} 万元，与实际支出总额 {num(actual.amount)} 万元不符",
            basic.source,
            expected=f"{num(actual.amount)} 万元（实际支出总额）",
            found=f"{num(basic.amount)} + {num(project.amount)} = {num(sum(parts))} 万元",
            hint="按决算数核对基本支出、项目支出和实际支出总额。",
        )
        break
    staff_total = facts.figure("staff.total")
    if staff_total is None:
        return
    cats = [f for f in facts.figures if f.key.startswith("staff.") and f.key != "staff.total"]
    cats = list({f.key: f for f in reversed(cats)}.values())[::-1]  # one per category, first kept
    if not cats:
        return
    parts = [f.value for f in cats]
    total = sum(parts, Decimal(0))
    if len(cats) == 1 and total <= staff_total.value:
        return  # one category named: the others may simply go unmentioned
    if total == staff_total.value:
        return
    yield finding(
        RULE,
        Severity.ERROR,
        f"各类人员之和 {num(total)} 人与在编人员总数 {num(staff_total.value)} 人不符",
        staff_total.source,
        expected=f"{num(staff_total.value)} 人",
        found=" + ".join(f"{f.name} {num(f.value)}" for f in cats) + f" = {num(total)} 人",
        hint="核对人员编制构成，使各类人员之和等于总数，或写明未列出的类别。",
    )


RULE = Rule(
    code="FG001",
    name="parts-sum",
    family="figures",
    severity=Severity.ERROR,
    title="分项之和与合计不符",
    func=check,
)
