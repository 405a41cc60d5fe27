"""CL003 no-problem-despite-deduction."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding, num
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        "存在问题：无" (or 暂无、没有问题) in a report whose own score tree deducts points somewhere.

    Why it matters:
        Every deduction is a problem found; section 四 must name it, give its cause and an
        improvement measure. "无" beside a deduction is the first thing a finance bureau returns.

    Example:
        2.资金管理，指标总分20，自评16分 … 四、存在的问题 … 存在问题：无。

    What to write instead:
        存在问题：政府采购实际数大于计划数，政府采购执行情况扣4分。原因：…… 改进措施：……
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
