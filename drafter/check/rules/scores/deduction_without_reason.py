"""SC005 deduction-without-reason."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts, ScoreNode
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.scores._common import label, score_source
from drafter.findings import Finding, Severity


def _explained_below(node: ScoreNode) -> bool:
    """Whether the deduction sits in a child (which then answers for it itself)."""
    return any(c.deduction is not None and c.deduction > 0 for c in node.children)


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        An indicator scored below its maximum whose text gives no reason for the lost points
        (no 扣分 / 不得分 / 未… / 超过 / 低于 … sentence in its paragraph or table row).

    Why it matters:
        Reviewers accept a deduction only with its cause; an unexplained deduction cannot be
        matched by an improvement measure in section 四, and invites the question whether the
        score or the maximum is wrong.

    Example:
        2.资金管理，指标总分20，自评16分
        包括资金下达合规性、部门预算资金支出完成率……等资金管理情况。

    What to write instead:
        Say what was lost and why: 政府采购实际数大于政府采购计划数，政府采购执行情况不得分（扣4分）。
    """
    for node in facts.nodes():
        deduction = node.deduction
        if deduction is None or deduction <= 0 or node.reason or _explained_below(node):
            continue
        yield finding(
            RULE,
            Severity.WARNING,
            f"{label(node)}扣 {num(deduction)} 分，但未说明扣分原因",
            score_source(node),
            expected="扣分原因（扣在哪一项、为什么）",
            found=f"分值 {num(node.max)} 分，自评 {num(node.score)} 分，未见扣分说明",
            hint="在该指标下写明扣分的具体事项和原因，并在第四部分提出对应的改进措施。",
        )


RULE = Rule(
    code="SC005",
    name="deduction-without-reason",
    family="scores",
    severity=Severity.WARNING,
    title="扣分未说明原因",
    func=check,
)
