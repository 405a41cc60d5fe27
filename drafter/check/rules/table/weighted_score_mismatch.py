"""TB007 weighted-score-mismatch."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from drafter.check.facts import CheckContext, Facts, half_unit
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.findings import Finding, Severity
from drafter.numfmt import score

HUNDRED = Decimal(100)


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A 折算得分 that is not 单项得分 × 权重 (error).

    What it finds:
        评分表有“权重（占比）”“单项得分”“折算得分”（或“加权得分”）三栏时，某一行的折算得分不等于单项得分
        × 权重。权重写成百分数（如 25，各行合计 100）时按 25% 计算，写成小数（如 0.25）时按 0.25 计算。
        容许折算得分按其小数位四舍五入的误差。计入总分、与权重比较的是折算得分；三栏缺一栏的行不检查。

    Why it matters:
        折算得分是按权重算出来的，单项得分或权重改了而折算得分没有跟着改，总分就与各项得分对不上；审核人员
        逐行复算这一栏，费时又容易漏。

    Example:
        会报告（90 × 30% = 27，表中写28）：
        一级指标 | 二级指标 | 权重(%) | 单项得分 | 折算得分
        过程 | 资金管理 | 30 | 90 | 28
        不报告：同一行折算得分写27。

    What to write instead:
        折算得分 = 单项得分 × 权重：写“27”，并相应改正总分；单项得分有误的，先改单项得分。
    """
    for row in facts.indicators:
        raw, weight, got = row.raw, row.max, row.score
        if raw is None or weight is None or got is None:
            continue
        share = weight if weight <= 1 else weight / HUNDRED
        expected = raw * share
        if abs(expected - got) <= half_unit(got) + ctx.tolerances.score:
            continue
        shown = score(expected)
        what = f"{num(weight)}%" if weight > 1 else num(weight)
        yield finding(
            RULE,
            Severity.ERROR,
            f"折算得分为 {num(got)}，按单项得分 {num(raw)} × 权重 {what} 应为 {shown}",
            row.source,
            expected=f"{num(raw)} × {what} = {shown}",
            found=num(got),
            hint="折算得分 = 单项得分 × 权重；请改正折算得分（或有误的单项得分、权重）和总分。",
        )


RULE = Rule(
    code="TB007",
    name="weighted-score-mismatch",
    family="table",
    severity=Severity.ERROR,
    title="折算得分不等于单项得分×权重",
    func=check,
)
