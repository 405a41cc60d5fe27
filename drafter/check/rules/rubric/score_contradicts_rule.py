"""RB002 score-contradicts-rule."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from drafter.check.facts import CheckContext, Facts, half_unit
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num, pct
from drafter.check.rules.rubric._match import expected_score, matched_nodes, rate_of
from drafter.findings import Finding, Severity
from drafter.numfmt import score

#: A score written as a whole number may round the rule's result by this much (9.996 → 10).
WHOLE_SCORE_SLACK = Decimal("0.05")


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A self score above what the rubric's scoring rule gives for the report's own figures.

    What it finds:
        按指标体系的计分规则，用报告自己列出的数字算出的得分，低于报告的自评得分。指标体系用 --rubric 指
        定（或由评价数据的 meta.rubric 指定），只检查体系中写明了计算公式和计分方法、且公式所需数字报告
        里都有的指标，例如：

        部门预算资金支出完成率（预算执行率）= 实际支出 ÷ 调整预算，得分 = 比率 × 分值，最高为分值；三公
        经费控制、日常公用经费控制 = 实际数 ÷ 预算数，超过100%的每个百分点扣0.5分；政府采购执行情况 = 实
        际采购数 ÷ 采购计划数，超过100%的不得分；固定资产利用率 = 在用固定资产 ÷ 全部固定资产，按比率给
        分。各项的公式和扣分标准以所用指标体系文件为准。

        只报告“自评得分高于规则给分”的情况，给低了不报告。整数得分容许0.05分的取整误差（规则算出9.96分、
        自评10分不报告），带小数的得分容许其末位的四舍五入误差。公式中的每个数字取报告年度的、离该指标最
        近的那一个（行距相同时取前面的）；写明是其他年度的数字不用来算本年度的比率：标签里带着往年年份的
        （“2022年度实际支出总额”），以及同一行里跟在往年年份的金额句之后的（“2022年度预算调整
        总额400.00万，实际支出总额300.00万”中的300.00万）。需要对照年度指标值（产出指标）或需要判断的分档
        计分（满意度）不检查；项目支出自评表资金部分的预算执行率得分由 TB004 检查。

    Why it matters:
        计分规则就是财政部门复核时使用的规则。自评得分高于规则给分，复核时会被扣回，报告的可信度也随之下
        降。

    Example:
        会报告（指标体系 gd-county-dept-2023：实际支出480.00万 ÷ 调整预算500.00万 = 96%，按比例最多4.8分）：
        本单位2023年度预算调整总额500.00万，实际支出总额480.00万。
        （1）部门预算资金支出完成率，指标总分5，自评5分
        会报告（三公经费实际支出11.00万 ÷ 预算10.00万 = 110%，超出10个百分点，扣5分后为0分）：
        三公经费预算总额10.00万，实际支出总额11.00万。
        （1）三公经费控制，指标总分3，自评3分
        不报告：上例中完成率一项自评4.8分。
        不报告（2022年度的300.00万不是本年度的实际支出，本年度500.00万 ÷ 500.00万 = 100%）：
        2022年度实际支出总额300.00万。本单位2023年度预算调整总额500.00万，实际支出总额500.00万。
        （1）部门预算资金支出完成率，指标总分5，自评5分

    What to write instead:
        按规则计分，并在评分依据中写明计算过程和扣分原因，例如：“实际支出480.00万元，调整预算500.00万
        元，预算资金支出完成率96%，得4.8分，扣0.2分，原因是……”。
    """
    if ctx.rubric is None:
        return
    funds_lines = {r.source.line for r in facts.funds}  # 自评表 funds block: TB004 reports those
    for node, ind in matched_nodes(facts, ctx.rubric):
        if ind is None or ind.formula is None or ind.scoring is None or node.score is None:
            continue
        if node.source.line in funds_lines:
            continue
        points = ind.max_score if ind.max_score is not None else node.max
        if points is None:
            continue
        got = rate_of(facts, ind.formula, node.source.line, ctx.year or facts.year)
        if got is None:
            continue
        rate, a, b = got
        expected = expected_score(ind.scoring, rate, points)
        if expected is None:
            continue
        slack = half_unit(node.score) if node.score != node.score.to_integral_value() else WHOLE_SCORE_SLACK
        if node.score <= expected + slack + ctx.tolerances.score:
            continue
        shown = score(expected)  # as a report writes a score: two places at most, half-up
        yield finding(
            "RB002",
            Severity.ERROR,
            f"“{node.name}”自评 {num(node.score)} 分，但{ind.formula.label} = {pct(rate)}，按评分规则最多 {shown} 分",
            node.score_source or node.source,
            expected=f"{shown} 分（{_rule_words(ind.scoring)}）",
            found=f"{num(node.score)} 分；{a.label} {num(a.value)}{a.unit}，{b.label} {num(b.value)}{b.unit}",
            hint="按指标体系的评分规则重新计分，并在评分依据中写明扣分原因。",
        )


def _rule_words(scoring: object) -> str:
    method = getattr(scoring, "method", "")
    return {
        "proportional": "得分 = 比率 × 分值，最高为分值",
        "linear_deduction": "超出阈值按每个百分点扣分",
        "all_or_nothing": "未达条件不得分",
    }.get(method, method)


RULE = Rule(
    code="RB002",
    name="score-contradicts-rule",
    family="rubric",
    severity=Severity.ERROR,
    title="自评得分高于评分规则按数字给出的分数",
    func=check,
    needs=("facts", "rubric"),
)
