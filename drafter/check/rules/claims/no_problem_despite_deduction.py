"""CL003 no-problem-despite-deduction."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A "存在问题：无" line in a report whose own scores deduct points.

    What it finds:
        “存在问题”一段写“无”“暂无”或“没有”（如“存在问题：无。”“存在的问题：暂无”，须是该行的结尾；或标
        题“四、存在的问题”、引语“存在的主要问题：”之后紧接的一行只写“无。”“暂无。”“未发现问题。”），而报
        告自己的评分中有指标被扣分（自评得分低于指标分值）。先看构成总分的那一层指标；那一层都没有扣分
        时，再看其下各级指标。

        报告没有这样一行，或所有写明分值和得分的指标都是满分时，不报告。

    Why it matters:
        每一处扣分都对应一个发现的问题。第四部分“存在的问题、原因分析及改进措施”应当逐项写明问题、原因和
        改进措施；一边扣分一边写“存在问题：无”，是财政部门退回报告最常见的理由之一。

    Example:
        会报告：
        2.资金管理，指标总分20，自评16分
        政府采购实际数大于政府采购计划数，政府采购执行情况不得分。
        四、存在的问题、原因分析及改进措施
        存在问题：无。
        同样会报告（标题之后单独一行“无。”）：
        三、存在的问题
        无。
        不报告：各项指标均为满分；或“存在问题”一段写明了具体问题。

    What to write instead:
        针对每一项扣分写明问题、原因和改进措施，例如：“存在问题：政府采购实际数大于计划数，政府采购执行
        情况扣4分。原因：……。改进措施：严格按政府采购计划执行，确需调整的按程序报批。”
    """
    claims = facts.claims_of("no_problem")
    if not claims:
        return
    deducted = [n for n in facts.scored_top() if n.deduction is not None and n.deduction > 0]
    if not deducted:
        deducted = [n for n in facts.nodes() if n.deduction is not None and n.deduction > 0]
    if not deducted:
        return
    listed = "；".join(f"{n.name} {num(n.score)}/{num(n.max)}分" for n in deducted[:5])
    for claim in claims:
        yield finding(
            "CL003",
            Severity.WARNING,
            f"称不存在问题，但有 {len(deducted)} 项指标被扣分",
            claim.source,
            expected="写明扣分指标对应的问题、原因和改进措施",
            found=listed,
            hint="在“存在的问题”中逐项写明扣分原因，并提出对应的改进措施。",
        )


RULE = Rule(
    code="CL003",
    name="no-problem-despite-deduction",
    family="claims",
    severity=Severity.WARNING,
    title="称无问题，但有指标被扣分",
    func=check,
)
