"""TB002 funds-total-mismatch."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.table._funds import split_funds
from drafter.findings import Finding, Severity

_COLUMNS = (("initial", "年初预算数"), ("budget", "全年预算数"), ("actual", "全年执行数"))


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        In the funds block of a 项目支出自评表, a 年度资金总额 that is not the sum of its sub-rows
        (本年财政拨款 + 上年结转资金 + 其他资金), column by column (年初预算数, 全年预算数, 全年执行数).

    Why it matters:
        The total row is what the execution rate and its score are computed from; when it does
        not add up, either a source of funds is missing or a figure was mistyped.

    Example:
        年度资金总额 120.00 ；其中：本年财政拨款 100.00，上年结转资金 10.00，其他资金 0

    What to write instead:
        A total equal to its parts (110.00), or the missing source of funds added as a row.
    """
    total, subs = split_funds(facts)
    if total is None or not subs:
        return
    for attr, label in _COLUMNS:
        stated: Decimal | None = getattr(total, attr)
        parts = [getattr(r, attr) for r in subs]
        known = [p for p in parts if p is not None]
        if stated is None or not known:
            continue
        if ctx.tolerances.sum_ok(known, stated):
            continue
        computed = sum(known, Decimal(0))
        shown = " + ".join(f"{r.name} {num(getattr(r, attr))}" for r in subs if getattr(r, attr) is not None)
        yield finding(
            "TB002",
            Severity.ERROR,
            f"{total.name}的{label}为 {num(stated)}，但其下各项合计 {num(computed)}",
            total.source,
            expected=f"{shown} = {num(computed)}",
            found=num(stated),
            hint="核对各资金来源的金额；合计行应等于各分项之和，缺少的资金来源请补列。",
        )


RULE = Rule(
    code="TB002",
    name="funds-total-mismatch",
    family="table",
    severity=Severity.ERROR,
    title="资金合计行不等于各分项之和",
    func=check,
)
