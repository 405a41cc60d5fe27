"""LM002 unsupported-claim (model second reader)."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        With ``drafter check --llm``: a conclusion (效果显著, 群众满意度高, 发挥了重要作用) that the
        report supports with no fact, figure or source; the model quotes it verbatim and drafter
        keeps the finding only if the quote is found in the report. A hint (info), not an error.
        Without --llm this rule finds nothing.

    Why it matters:
        Self-evaluation scores 效益 and 满意度 on evidence. A conclusion without a figure, a survey
        or a named result is marked down by reviewers and cannot be checked by anyone.

    Example:
        社会效益显著，群众满意度大幅提升。 with no survey, no rate and no count anywhere in the
        report.

    What to write instead:
        State the evidence: 经问卷调查（发放200份，回收186份），服务对象满意度为95.2%; or write
        the conclusion more modestly when there is no evidence.
    """
    return iter(())  # found by the second reader (drafter.llm.review), never from Facts


RULE = Rule(
    code="LM002",
    name="unsupported-claim",
    family="model",
    severity=Severity.INFO,
    title="结论缺少依据（模型审读）",
    func=check,
)
