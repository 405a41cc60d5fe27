"""SC001 score-children-sum."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.scores._common import label, score_source
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """An indicator whose sub-indicators' self scores do not add up to its own self score.

    What it finds:
        某项指标的各下级指标自评得分之和，不等于该指标自己的自评得分。例如预算编制自评8分，其下预算编制
        合理性4分、预算编制规范性3分，合计7分。

        只在该指标有自评得分、且每个下级指标都有得分时检查（有一个下级没写得分就不检查；下级指标自己没写
        得分、但其各下级都写了的，取其各下级得分之和）。以整数写的得分
        必须严格相等；带小数的得分（如8.33分）容许其末位的四舍五入误差。

    Why it matters:
        上级指标的得分本来就是下级得分之和。两者对不上，说明改了一个数而没有改另一个，审核人员无法判断哪
        个才对。

    Example:
        会报告（4 + 3 = 7，标题写8分）：
        1.预算编制，指标总分8，自评8分
        （1）预算编制合理性。部门预算编制符合本部门职责……自评得4分。
        （2）预算编制规范性。预算编制符合2023年度……预算编制工作方案……自评得3分。
        不报告（样本报告：4 + 4 = 8）：
        （2）预算编制规范性。……自评得4分。

    What to write instead:
        让上级得分等于下级得分之和（此例为“自评7分”），或改正写错的下级得分。
    """
    for node in facts.nodes():
        if node.score is None or not node.children:
            continue
        scores = [c.effective_score for c in node.children]  # a child group: its children's sum
        if any(s is None for s in scores):
            continue
        parts = [s for s in scores if s is not None]
        if ctx.tolerances.scores_ok(parts, node.score):
            continue
        shown = " + ".join(f"{c.name} {num(c.effective_score)}" for c in node.children)
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
