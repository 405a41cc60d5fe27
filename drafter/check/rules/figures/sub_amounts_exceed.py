"""FG005 sub-amounts-exceed."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import as_written, finding, num
from drafter.check.rules.figures._common import exceeds, nearest
from drafter.figures import registry
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """Named payments that together exceed the total they are paid out of (项目支出, else 实际支出).

    What it finds:
        文中列出的各笔支付款项（“支付……进度款”“拨付……工程款”等）合计，超过了它们所属的支出总额：项目支
        出；报告没写项目支出时，用实际支出总额。

        只计本年的金额：累计、合同、总投资、概算、预算、计划金额不算支付款项。总额取离第一笔款项最近（同
        一行优先）的项目支出数。全部换算成万元后相加，容许各数（各笔款项和总额）按其所写末位四舍五入
        的误差，误差同样换算成万元：写到元的（13182000元）每个只容许0.5元，写到0.01万元的容许0.005万元，
        写到0.01亿元的容许0.005亿元即50万元。所以按元写的款项合计超出按元写的项目支出几百元，也报告。

    Why it matters:
        本年支付的款项是本年支出的一部分。款项合计超过报告的支出，要么某笔款项写多了，要么属于别的年度或
        别的资金，要么项目支出数写错了——决算和文字不可能都对。

    Example:
        会报告（样本报告：1318.20 + 1572.15 = 2890.35万元，超过项目支出2466.04万元）：
        ……其中基本支出总额649.23万，项目支出2466.04万；……
        2023年度按工程量支付阳西高新区食品产业园基础设施（一期）项目进度款1318.20万元，支付阳西高新区绿色食品产业园基础设施项目（一期）进度款1572.15万元。
        不报告：各笔款项合计不超过项目支出。

    What to write instead:
        按本年项目支出中实际入账的金额写各笔款项；部分款项来自上年结转或其他资金的，写明来源，使金额能够
        对上。
    """
    for parts, within, says in _relations():
        yield from _check(facts, ctx, parts, within, says)


@cache
def _relations() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """(part key, the totals they are paid out of, what each total is called) of the registry's
    sub-amount relations: read from the registry's models once."""
    reg = registry()
    return tuple(
        (rel.parts, rel.within, rel.says or tuple(reg.name(k) for k in rel.within))
        for rel in reg.relations.sub_amounts
    )


def _check(
    facts: Facts, ctx: CheckContext, key: str, within: tuple[str, ...], says: tuple[str, ...]
) -> Iterator[Finding]:
    payments = [f for f in facts.figures_for(key) if f.wan is not None]
    if not payments:
        return
    line = payments[0].source.line
    # the first whole the report states: 项目支出, else 实际支出
    total = next((t for t in (nearest(facts, k, line) for k in within) if t is not None), None)
    if total is None:
        return
    amounts = [p.amount for p in payments]
    paid = sum(amounts, Decimal(0))
    # XBRL, per addend: half a unit of each figure's last written place, in 万元 like its amount;
    # an approximate figure (1300余万元) by its range.
    if not exceeds(payments, total, ctx.tolerances.money):
        return
    what = says[within.index(total.key)]
    yield finding(
        RULE,
        Severity.ERROR,
        f"所列支付款项合计 {num(paid)} 万元，超过{what} {num(total.amount)} 万元",
        payments[0].source,
        expected=f"不超过 {num(total.amount)} 万元（{what}，第{total.source.line}行）{as_written(total)}",
        found=" + ".join(num(a) for a in amounts) + f" = {num(paid)} 万元{as_written(*payments)}",
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
