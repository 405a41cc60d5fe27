"""SC002 score-total-sum."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        A stated total self score (自评得分为96分) that differs from the sum of the indicators'
        self scores (the level-2 indicators, or the top-most scored indicator on every branch).

    Why it matters:
        The total decides the grade and is what the finance bureau records; if it does not follow
        from the indicator scores, either the total or an indicator score is wrong.

    Example:
        二、绩效自评结论 …… 自评得分为98分。 (the ten indicators add up to 96)

    What to write instead:
        State the sum of the indicator scores as the total (自评得分为96分), or correct the
        indicator score that is wrong.
    """
    if facts.total is None:
        return
    top = facts.scored_top()
    if not top:
        return
    parts = [n.score for n in top if n.score is not None]
    if ctx.tolerances.scores_ok(parts, facts.total.value):
        return
    shown = " + ".join(num(p) for p in parts)
    yield finding(
        RULE,
        Severity.ERROR,
        f"自评总分 {num(facts.total.value)} 分与各指标得分之和 {num(sum(parts))} 分不符",
        facts.total.source,
        expected=f"{num(sum(parts))} 分（{len(parts)} 项指标得分之和）",
        found=f"{num(facts.total.value)} 分；各项：{shown}",
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
