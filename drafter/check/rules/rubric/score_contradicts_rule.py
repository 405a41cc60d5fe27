"""RB002 score-contradicts-rule."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from drafter.check.facts import CheckContext, Facts, half_unit
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num, pct
from drafter.check.rules.rubric._match import expected_score, matched_nodes, rate_of
from drafter.findings import Finding, Severity

#: A score written as a whole number may round the rule's result by this much (9.996 → 10).
WHOLE_SCORE_SLACK = Decimal("0.05")


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        A self score higher than the indicator system's scoring rule allows for the report's own
        figures: 预算执行率 below 100% kept at full marks where the rubric scores it
        proportionally, 三公经费 over budget without the deduction, 政府采购 above plan still scored.

    Why it matters:
        The rule is what the finance bureau will apply when it re-scores the report; a score
        above it is marked down and the report's credibility with it.

    Example:
        With national-project-2020 (预算执行率 proportional, 10 分): 全年预算数120万元，全年执行数
        108万元 … 预算执行率，分值10分，自评10分 (the rule gives 90% × 10 = 9 分).

    What to write instead:
        The score the rule gives (9 分) and the reason for the deduction.
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
        got = rate_of(facts, ind.formula, node.source.line)
        if got is None:
            continue
        rate, a, b = got
        expected = expected_score(ind.scoring, rate, points)
        if expected is None:
            continue
        slack = half_unit(node.score) if node.score != node.score.to_integral_value() else WHOLE_SCORE_SLACK
        if node.score <= expected + slack + ctx.tolerances.score:
            continue
        shown = expected.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        yield finding(
            "RB002",
            Severity.ERROR,
            f"“{node.name}”自评 {num(node.score)} 分，但{ind.formula.label} = {pct(rate)}，按评分规则最多 {num(shown, trim=True)} 分",
            node.score_source or node.source,
            expected=f"{num(shown, trim=True)} 分（{_rule_words(ind.scoring)}）",
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
)
