"""DA003 score-missing."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """An indicator of the evaluation data without a self score, and without sub-indicators that carry one.

    What it finds:
        评价数据中没有下级指标、也没有填写自评得分（self_score）的指标。只检查评价数据：报告中没有读到
        的得分由 RD001、RD002 说明。

    Why it matters:
        起草时该指标的得分只能留作“【待补充】”，总分也算不出来；这样的报告不能提交。

    Example:
        会报告：
        - name: 项目管理
          max_score: 5
        不报告：
        - name: 项目管理
          max_score: 5
          self_score: 5

    What to write instead:
        为每个末级指标填写自评得分：self_score: 5（有扣分的同时写 deduction_reason）。
    """
    if facts.origin != "data":
        return
    for node in facts.nodes():
        if node.children or node.score is not None:
            continue
        yield finding(
            RULE,
            Severity.WARNING,
            f"指标“{node.name}”未填自评得分，起草时该处将留待补充",
            node.source,
            hint="为该指标填写自评得分 self_score；有扣分的，同时写明扣分原因 deduction_reason。",
        )


RULE = Rule(
    code="DA003",
    name="score-missing",
    family="datafile",
    severity=Severity.WARNING,
    title="数据中的指标未填自评得分",
    func=check,
)
