"""SC002 score-total-sum."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A stated total self score that differs from the sum of the indicators' self scores.

    What it finds:
        报告写明的自评总分（如“绩效自评得分为96分”），不等于各项指标自评得分之和。相加的是每一条分支上最
        上层有得分的指标：样本报告的一级指标没有写得分，就加十个二级指标；一级指标写了得分的，就加一级指
        标；自评表加各指标行的得分。

        报告没有写明总分时不检查。正文写了总分、评分表又有“合计/总分”行的，两处分别核对。以整数写的得分必须严格相等；带小数的得分容许其末位的四舍五入误差。写
        在“四、存在的问题”“五、其他需要说明的情况”或结论中的重述得分不参与相加。

    Why it matters:
        总分决定评价等级，也是财政部门登记的结果。总分与各项得分对不上，要么总分错了，要么某一项得分错
        了。

    Example:
        会报告（十项指标得分之和为96分）：
        二、绩效自评结论 ……我单位2023年县级部门整体支出绩效自评得分为98分。
        不报告（样本报告原文：8 + 12 + 5 + 16 + 8 + 7 + 5 + 10 + 20 + 5 = 96）：
        ……我单位2023年县级部门整体支出绩效自评得分为96分。

    What to write instead:
        总分写各项指标得分之和（“绩效自评得分为96分”），或改正写错的那项指标得分。
    """
    if facts.total is None:
        return
    top = facts.scored_top()
    if not top:
        return
    parts = [n.score for n in top if n.score is not None]
    for total in (facts.total, facts.table_total):
        if total is None or ctx.tolerances.scores_ok(parts, total.value):
            continue
        yield finding(
            RULE,
            Severity.ERROR,
            f"自评总分 {num(total.value)} 分与各指标得分之和 {num(sum(parts))} 分不符",
            total.source,
            expected=f"{num(sum(parts))} 分（{len(parts)} 项指标得分之和）",
            found=f"{num(total.value)} 分；各项：{' + '.join(num(p) for p in parts)}",
            hint="将总分改为各指标得分之和，或更正有误的指标得分。",
        )


RULE = Rule(
    code="SC002",
    name="score-total-sum",
    family="scores",
    severity=Severity.ERROR,
    title="各指标得分之和与自评总分不符",
    func=check,
)
