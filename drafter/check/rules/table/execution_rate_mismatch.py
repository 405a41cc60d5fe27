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
    """A funds row of the 项目支出自评表 whose 执行率 is not 全年执行数(B) ÷ 全年预算数(A).

    What it finds:
        项目支出绩效自评表资金部分的某一行（年度资金总额、本年财政拨款、上年结转资金、其他资金），填写的
        执行率不等于“全年执行数（B）÷ 全年预算数（A）”。

        容许的误差：填写的执行率按其小数位四舍五入的误差（写“95%”容许±0.5个百分点，写“90.00%”容
        许±0.005个百分点），加上A、B两数本身的四舍五入误差带入比率的部分。执行率、A或B空着（或填“—”），
        或A为0的行不检查。

    Why it matters:
        执行率决定预算执行率的得分（全国通用表中一般占10分）。手工填写或照抄上年的执行率会导致得分错误，
        也会误导审核人员。

    Example:
        会报告（108.00 ÷ 120.00 = 90.00%，表中写95%）：
        资金 | 年初预算数 | 全年预算数（A） | 全年执行数（B） | 分值 | 执行率（B/A） | 得分
        年度资金总额 | 100.00 | 120.00 | 108.00 | 10 | 95% | 9.5
        不报告：同一行执行率写“90%”或“90.00%”。

    What to write instead:
        执行率 = B ÷ A = 108.00 ÷ 120.00 = 90.00%，并按此核对得分（见 TB004）。
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
