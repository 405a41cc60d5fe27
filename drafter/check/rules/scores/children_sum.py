"""SC001 score-children-sum."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.scores._common import label, score_source
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        An indicator whose sub-indicators' self scores do not add up to its own self score
        (预算编制 自评8分, but 预算编制合理性 4 + 预算编制规范性 3 = 7).

    Why it matters:
        A parent score is the sum of its children by construction; a difference means one of
        the numbers was changed without the other, and a reviewer cannot tell which is right.

    Example:
        1.预算编制，指标总分8，自评8分
        （1）预算编制合理性……自评得4分。
        （2）预算编制规范性……自评得3分。

    What to write instead:
        Make the parent the sum of its children (here 自评7分), or correct the child that is wrong.
    """
    for node in facts.nodes():
        if node.score is None or not node.children:
            continue
        scores = [c.score for c in node.children]
        if any(s is None for s in scores):
            continue
        parts = [s for s in scores if s is not None]
        if ctx.tolerances.scores_ok(parts, node.score):
            continue
        shown = " + ".join(f"{c.name} {num(c.score)}" for c in node.children)
        yield finding(
            RULE,
            Severity.ERROR,
            f"{label(node)}下级指标得分之和 {num(sum(parts))} 分与该项自评 {num(node.score)} 分不符",
            score_source(node),
            expected=f"{num(node.score)} 分",
            found=f"{shown} = {num(sum(parts))} 分",
            hint="核对各下级指标得分，使其合计等于上级指标得分。",
        )


RULE = Rule(
    code="SC001",
    name="score-children-sum",
    family="scores",
    severity=Severity.ERROR,
    title="下级指标得分之和与上级指标得分不符",
    func=check,
)
