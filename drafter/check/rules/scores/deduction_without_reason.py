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


def _summary_lines(facts: Facts) -> set[int]:
    """Lines that list two or more indicators with no text of their own ("预算编制（20分）得18分，
    预算执行（30分）得27分，…"): a summary of the scores, not the place for reasons."""
    seen: set[int] = set()
    summary: set[int] = set()
    for node in facts.nodes():
        line = node.source.line
        if node.basis or line is None:
            continue
        (summary if line in seen else seen).add(line)
    return summary


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """An indicator scored below its maximum whose text gives no reason for the lost points.

    What it finds:
        某项指标的自评得分低于分值（被扣了分），但该指标的文字（标题行、正文段落或表格行）中找不到说明扣
        分的句子。

        有说明不足的字样之一的句子就算说明了原因：扣、不得分、失分、不足、未完成、尚未、低于、超过、差距、
        问题、不到位、滞后、不规范、不完善、偏高、偏低等（全部词见 schemas/lexicon/shortfalls.yaml）。原
        因写在其下级指标中的（如“（2）……执行率低于95%的目标，扣1分”），或扣分本来就落在某个下级指标上
        （由该下级指标自己说明）的，不报告。本条为警告。

    Why it matters:
        审核人员只认有原因的扣分。没有原因，第四部分就无法提出对应的改进措施，还会让人怀疑是得分写错了还
        是分值写错了。

    Example:
        会报告（扣4分，正文只列了考核内容）：
        2.资金管理，指标总分20，自评16分
        包括资金下达合规性、部门预算资金支出完成率、结转结余率、政府采购执行情况、财务合规性、预决算信息公开性等资金管理情况。
        不报告（样本报告下一行写明了原因）：
        政府采购实际数大于政府采购计划数，政府采购执行情况不得分。

    What to write instead:
        写明扣在哪一项、为什么扣：“政府采购实际数大于政府采购计划数，政府采购执行情况不得分
        （扣4分）。”并在第四部分提出对应的改进措施。
    """
    # a table row's deduction is TB003's or TB005's, which read its 偏差原因 cell
    rows = {(r.source.line, r.name) for r in facts.indicators}
    summary = _summary_lines(facts)
    for node in facts.nodes():
        deduction = node.deduction
        if deduction is None or deduction <= 0 or node.reason or _explained_below(node):
            continue
        if rows and (node.source.line, node.name) in rows:
            continue
        if summary and not node.basis and node.source.line in summary:
            continue  # a summary line's item: its reasons are given elsewhere, or not at all
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
