"""TB002 funds-total-mismatch."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from drafter.check.facts import CheckContext, Facts, FundsRow
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.table._funds import funds_blocks
from drafter.findings import Finding, Severity
from drafter.text.numbers import WAN_PER_UNIT

_COLUMNS = (("initial", "年初预算数"), ("budget", "全年预算数"), ("actual", "全年执行数"))


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """The 年度资金总额 row of a 项目支出自评表 that is not the sum of its sub-rows, column by column.

    What it finds:
        项目支出绩效自评表资金部分的合计行（“年度资金总额”，或名称含“资金总额”“合计”“总计”的行），不等于
        其下各分项（本年财政拨款、上年结转资金、其他资金等）之和。按年初预算数、全年预算数（A）、全年执
        行数（B）三栏分别核对，每栏不符报告一次。

        资金按来源逐块列出、每块一个合计的（“年度预算资金总额: 321.25 / 其中:中央补助 166.00 / 市级资金
        136.00 …”，一行一项），每个合计与其后各项逐块核对；第一块列的是全部资金、其后“其中:”各块是它的
        子项目，且各子项目合计正好加起来等于它的合计时，它的每个分项（中央补助、市级资金……）还要等于各
        子项目同名分项之和（“市级资金（各项合计）”）。某一分项在该栏空着的，按未填处理，只加已填的分项；合计行该栏空着，或各分项该栏都空着的，该栏不检
        查。容许各数按其小数位四舍五入的误差之和。

    Why it matters:
        执行率和预算执行率得分都按合计行计算。合计行对不上，要么漏列了一项资金来源，要么有数字填错，得分
        也随之失真。

    Example:
        会报告（全年预算数：110.00 + 10.00 + 0 = 120.00，合计行写130.00；全年执行数：100.00 + 7.00 + 0 = 107.00，合计行写117.00）：
        资金 | 年初预算数 | 全年预算数（A） | 全年执行数（B） | 分值 | 执行率（B/A） | 得分
        年度资金总额 | 100.00 | 130.00 | 117.00 | 10 | 90% | 9
        其中：本年财政拨款 | 100.00 | 110.00 | 100.00 | — | — | —
        上年结转资金 | 0 | 10.00 | 7.00 | — | — | —
        其他资金 | 0 | 0 | 0 | — | — | —

    What to write instead:
        合计行等于各分项之和（全年预算数120.00，全年执行数107.00）；如果漏了资金来源，补列该行。
    """
    for total, subs in funds_blocks(facts):
        if subs:
            yield from _block(total, subs, ctx)


def _block(total: FundsRow, subs: tuple[FundsRow, ...], ctx: CheckContext) -> Iterator[Finding]:
    for attr, label in _COLUMNS:
        stated: Decimal | None = getattr(total, attr)
        parts = [getattr(r, attr) for r in subs]
        known = [p for p in parts if p is not None]
        if stated is None or not known:
            continue
        # the money tolerance is in 万元; the table's amounts are in its own unit
        extra = ctx.tolerances.money / WAN_PER_UNIT[total.unit] if ctx.tolerances.money else None
        if ctx.tolerances.sum_ok(known, stated, extra=extra):
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
