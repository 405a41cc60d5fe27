"""SC008 full-marks-despite-shortfall."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from drafter.check.facts import CheckContext, Claim, Facts, ScoreNode, Source
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.check.rules.scores._common import label, score_source
from drafter.findings import Finding, Severity

_HUNDRED = Decimal(100)


def _shortfall(claim: Claim) -> bool:
    """A completion rate or a progress percent below 100% (targets are not claims of this kind)."""
    if claim.value is None or claim.value >= _HUNDRED or claim.approx:
        return False
    if claim.kind == "rate":
        return claim.subject == "completion"
    return claim.kind == "unfinished"


def _within(claim: Source, scored: Source) -> bool:
    """Whether ``claim`` stands in the segment that states the score (same line, inside its quote)."""
    if claim.line is None or claim.line != scored.line or claim.col is None or scored.col is None:
        return False
    return scored.col <= claim.col < scored.col + len(scored.quote)


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """An indicator given full marks in the same sentence that says its work is not all done.

    What it finds:
        某项末级指标自评满分，但写出该得分的同一句（到“；”或“。”为止）里写明了低于100%的完成率或
        进度（“完成率80%，自评得20分（满分20分）”“工程进度达到85%，得15分”）。

        只看完成率（完成率、计划完成率等，见 schemas/figures.yaml 的 completion）和工程、项目进度；
        满意度、合格率、执行率等按评分规则可能在达到目标值时给满分，不在此列。写成目标（“达到95%以
        上”）或约数的不算。表格行由 TB 规则按其目标值和偏差原因核对，本条不看。本条为警告。

    Why it matters:
        评分规则通常按完成比例给分（完成率×分值），完成率未达100%仍给满分，是审核中最常见的“自评
        偏高”问题；同一句话里写着未完成又给满分，报告自己就证明了得分偏高。

    Example:
        会报告：
        1.产出指标（20分）：计划维修校舍面积12000平方米，实际完成9600平方米，完成率80%，自评得20分。
        不报告（未满分，或只写了目标）：
        1.产出指标（20分）：完成率80%，自评得16分。

    What to write instead:
        按评分规则扣分（如“完成率80%，按比例得16分”），或写明该指标的目标值及已达到目标的依据
        （“目标值为≥80%，实际完成80%，得满分”）。
    """
    rows = {(r.source.line, r.name) for r in facts.indicators}
    shortfalls = [c for c in facts.claims if c.kind in ("rate", "unfinished") and _shortfall(c)]
    if not shortfalls:
        return
    for node in facts.nodes():
        if node.children or node.max is None or node.score is None or node.max <= 0:
            continue
        if node.score != node.max or (rows and (node.source.line, node.name) in rows):
            continue
        scored = score_source(node)
        claim = next((c for c in shortfalls if _within(c.source, scored)), None)
        if claim is None or claim.value is None:
            continue
        yield _finding(node, claim, scored)


def _finding(node: ScoreNode, claim: Claim, scored: Source) -> Finding:
    what = "进度" if claim.kind == "unfinished" else "完成率"
    quote = claim.source.quote if claim.text in claim.source.quote else claim.text
    quote = quote[-30:]
    return finding(
        RULE,
        Severity.WARNING,
        f"{label(node)}自评满分 {num(node.score)} 分，但同一句写明{what}为 {num(claim.value)}%",
        scored,
        expected=f"按{what}扣分，或写明目标值及已达标的依据",
        found=f"“{quote}”，自评 {num(node.score)} 分（分值 {num(node.max)} 分）",
        hint="按评分规则计算得分（如完成率×分值），或补充说明该指标的目标值及满分依据。",
    )


RULE = Rule(
    code="SC008",
    name="full-marks-despite-shortfall",
    family="scores",
    severity=Severity.WARNING,
    title="完成率未达100%仍给满分",
    func=check,
)
